import type { ErrorEnvelope } from '@shared/contract/WorkbenchError';
import { localizedMessage } from '@shared/contract/errorTexts';
import { isMessageKey, languageOf, translator, type Locale } from '../i18n/translate';

/**
 * The message the error banner shows in a locale: the main side's catalog
 * text for the error (filled with its values), a UI string for codes the
 * window explains itself, DuckDB's words otherwise.
 */
export function errorBannerMessage(error: ErrorEnvelope, locale: Locale): string {
  const codeKey = `error.${error.code ?? ''}`;
  return localizedMessage(error, languageOf(locale)) ?? (isMessageKey(codeKey) ? translator(locale)(codeKey) : error.message);
}
