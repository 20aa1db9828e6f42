/**
 * Something wrong with a notebook file, located by line. `code` and
 * `params` let the UI say it in the user's language; `message` is the
 * English text the command line prints.
 */
export interface NotebookProblem {
  severity: 'error' | 'warning';
  /** 1-based line in the file, or null when the problem is not tied to a line. */
  line: number | null;
  code: string;
  message: string;
  params: Record<string, string | number>;
  /** The cell the problem is in, when it is in one (the UI shows it there). */
  cellId?: string;
}

export function problem(
  severity: NotebookProblem['severity'],
  line: number | null,
  code: string,
  message: string,
  params: Record<string, string | number> = {},
  cellId?: string,
): NotebookProblem {
  return { severity, line, code, message, params, ...(cellId === undefined ? {} : { cellId }) };
}

/** `line 12: message`, or just the message. */
export function describeProblem(item: NotebookProblem): string {
  return item.line === null ? item.message : `line ${item.line}: ${item.message}`;
}

/** Thrown when a file cannot be read as a notebook at all. */
export class NotebookFormatError extends Error {
  override readonly name = 'NotebookFormatError';
  constructor(readonly problem: NotebookProblem) {
    super(describeProblem(problem));
  }
}
