import { WorkbenchError, type SqlPosition } from '@shared/contract/WorkbenchError';
import { sqlErrorHeadline, sqlErrorPosition, withScriptLine } from '@shared/domain/sqlErrorPosition';
import { explainSqlError } from '@shared/domain/sqlErrorExplanation';
import { cancelledError, localizedError } from '@shared/contract/errorTexts';

/**
 * Turns an error thrown by DuckDB into the typed envelope: interrupts become
 * `cancelled`, everything DuckDB reports about the SQL or the data is a
 * `user` error carrying DuckDB's message, what it means (explainSqlError)
 * and, when given, the position.
 */
export function engineErrorFromDuckDB(
  error: unknown,
  context?: { statementText: string; statementStart: number; fullText: string },
): WorkbenchError {
  if (error instanceof WorkbenchError) return error;
  const message = error instanceof Error ? error.message : String(error);
  if (/^INTERRUPT Error/.test(message) || /Interrupted!?$/.test(message)) {
    return cancelledError();
  }
  if (/Could not set lock on file/.test(message)) {
    return localizedError('workspace-locked', {}, message);
  }
  if (/^[A-Za-z ]+ Error: /.test(message)) {
    let position: SqlPosition | undefined;
    if (context) {
      position = sqlErrorPosition(message, context.statementText, context.statementStart, context.fullText);
      // A position inside text the engine wrapped around the user's SQL (CREATE VIEW ... AS) points at nothing the user wrote.
      if (position && !(position.offset >= 0 && position.offset <= context.fullText.length)) position = undefined;
    }
    // The window shows what DuckDB means in the planner's language; the message stays DuckDB's headline (the command line, logs).
    const explained = explainSqlError(message);
    return new WorkbenchError({
      kind: 'user',
      code: 'sql',
      message: sqlErrorHeadline(message),
      detail: position ? withScriptLine(message, position.line) : message,
      ...(explained ? { text: explained.text, params: explained.params } : {}),
      ...(position ? { position } : {}),
    });
  }
  return new WorkbenchError({
    kind: 'bug',
    message,
    ...(error instanceof Error && error.stack ? { detail: error.stack } : {}),
  });
}
