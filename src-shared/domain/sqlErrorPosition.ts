import type { SqlPosition } from '../contract/WorkbenchError';
import { lineColumnAt } from './sqlStatements';

/**
 * DuckDB reports where an error is by quoting the line and putting a caret
 * under the spot:
 *
 *     LINE 2:   select nosuch from t
 *                      ^
 *
 * Long lines are quoted as a window with "..." on either side, so the column
 * is found by locating the quoted snippet in the statement's own line.
 * Returns the position in `fullText`, given that the statement starts at
 * `statementStart` there. Returns undefined when DuckDB gave no position.
 */
export function sqlErrorPosition(
  message: string,
  statementText: string,
  statementStart = 0,
  fullText?: string,
): SqlPosition | undefined {
  const match = /\nLINE (\d+): (.*)\n( *)\^/.exec(message);
  if (!match) return undefined;
  const lineNumber = Number(match[1]);
  const quoted = match[2]!;
  const caretColumn = match[3]!.length - `LINE ${match[1]}: `.length;
  const lines = statementText.split('\n');
  const lineText = lines[lineNumber - 1];
  if (lineText === undefined || caretColumn < 0) return undefined;

  let columnInLine = caretColumn;
  const leadingEllipsis = quoted.startsWith('...');
  if (leadingEllipsis) {
    const snippet = quoted.slice(3).replace(/\.\.\.$/, '');
    const found = lineText.indexOf(snippet);
    if (found === -1) return undefined;
    columnInLine = found + caretColumn - 3;
  }
  if (columnInLine > lineText.length) columnInLine = lineText.length;

  let offsetInStatement = 0;
  for (let index = 0; index < lineNumber - 1; index++) offsetInStatement += lines[index]!.length + 1;
  offsetInStatement += columnInLine;
  const offset = statementStart + offsetInStatement;
  const { line, column } = lineColumnAt(fullText ?? statementText, offset);
  return { offset, line, column };
}

/**
 * DuckDB's quote of the line numbers it within the one statement it ran;
 * in a script of several statements that is not the line the planner
 * sees. The quote renumbered to `line` (the caret kept under the spot).
 */
export function withScriptLine(message: string, line: number): string {
  return message.replace(/\nLINE (\d+): (.*)\n( *)\^/, (_, old: string, quoted: string, spaces: string) => {
    const shift = String(line).length - old.length;
    return `\nLINE ${line}: ${quoted}\n${' '.repeat(Math.max(0, spaces.length + shift))}^`;
  });
}

/** DuckDB messages carry the whole context block; the first line is what a person reads first. */
export function sqlErrorHeadline(message: string): string {
  const firstBreak = message.indexOf('\n');
  return firstBreak === -1 ? message : message.slice(0, firstBreak);
}
