import type { Bilingual, TextParams } from '../bilingual';
import { notebookProblemText, type NotebookProblemCode } from './notebookProblemTexts';

/**
 * Something wrong with a notebook file, located by line. `code` and
 * `params` fill the text of notebookProblemTexts in the user's language;
 * `message` is that text in English (for logs and callers that want one
 * string), always derived from the table, never written by hand.
 */
export interface NotebookProblem {
  severity: 'error' | 'warning';
  /** 1-based line in the file, or null when the problem is not tied to a line. */
  line: number | null;
  code: NotebookProblemCode;
  message: string;
  params: TextParams;
  /** The cell the problem is in, when it is in one (the UI shows it there). */
  cellId?: string;
}

export function problem(
  severity: NotebookProblem['severity'],
  line: number | null,
  code: NotebookProblemCode,
  params: TextParams = {},
  cellId?: string,
): NotebookProblem {
  const message = notebookProblemText(code, params, 'en');
  return { severity, line, code, message, params, ...(cellId === undefined ? {} : { cellId }) };
}

/** The problem's text in a language (from its code and values, not its `message`). */
export function problemText(item: Pick<NotebookProblem, 'code' | 'params'>, language: keyof Bilingual): string {
  return notebookProblemText(item.code, item.params, language);
}

/** `line 12: text` (`第 12 行：text`), or just the text; English unless a language is given. */
export function describeProblem(item: Pick<NotebookProblem, 'line' | 'code' | 'params'>, language: keyof Bilingual = 'en'): string {
  const text = problemText(item, language);
  if (item.line === null) return text;
  return language === 'zh' ? `第 ${item.line} 行：${text}` : `line ${item.line}: ${text}`;
}

/** The located problem in both languages, as the value of another text (an error naming the file). */
export function describeProblemBilingual(item: Pick<NotebookProblem, 'line' | 'code' | 'params'>): Bilingual {
  return { en: describeProblem(item, 'en'), zh: describeProblem(item, 'zh') };
}

/** Thrown when a file cannot be read as a notebook at all. */
export class NotebookFormatError extends Error {
  override readonly name = 'NotebookFormatError';
  constructor(readonly problem: NotebookProblem) {
    super(describeProblem(problem));
  }
}
