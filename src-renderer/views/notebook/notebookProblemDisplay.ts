import type { NotebookProblem } from '@shared/domain/notebook/notebookProblem';
import { problemText } from '@shared/domain/notebook/notebookProblem';
import { languageOf, type Locale } from '../../i18n/translate';

/** A notebook problem (or a raw cell's) as the window shows it: its catalog text in the UI language. */
export function shownProblem(problem: Pick<NotebookProblem, 'code' | 'params'>, locale: Locale): string {
  return problemText(problem, languageOf(locale));
}
