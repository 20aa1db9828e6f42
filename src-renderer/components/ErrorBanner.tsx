import type { ErrorEnvelope } from '@shared/contract/WorkbenchError';
import { localizedMessage } from '@shared/contract/errorTexts';
import { isMessageKey } from '../i18n/translate';
import { useLanguage, useT } from '../store/StoreContext';

/**
 * Shows an error plainly: in the UI's language where the main side's text
 * for the code is known (filled with the error's values), a UI string for
 * codes the window explains itself, DuckDB's words otherwise; details on demand.
 */
export function ErrorBanner({ error, testId = 'error-banner' }: { error: ErrorEnvelope; testId?: string }) {
  const t = useT();
  const language = useLanguage();
  const codeKey = `error.${error.code ?? ''}`;
  const title = error.code === 'sql' ? t('error.sql') : t('error.title');
  const message = localizedMessage(error, language) ?? (isMessageKey(codeKey) ? t(codeKey) : error.message);
  return (
    <div className={`error-banner error-${error.kind}`} role="alert" data-testid={testId}>
      <div className="error-title">
        {title}
        {error.position ? <span className="error-position"> · {t('error.at', { line: error.position.line, column: error.position.column })}</span> : null}
      </div>
      <div className="error-message">{message}</div>
      {error.kind === 'bug' ? <div className="error-hint">{t('error.bug')}</div> : null}
      {error.detail && error.detail !== error.message ? (
        <details>
          <summary>{t('error.details')}</summary>
          <pre>{error.detail}</pre>
        </details>
      ) : null}
    </div>
  );
}
