import { scanSql } from './sql/sqlTokens';

/**
 * Splits SQL text into statements at top-level semicolons, reading the tokens
 * of `sql/sqlTokens` (so semicolons in strings, identifiers, comments and
 * dollar quotes do not split). Offsets refer to
 * the original text, so engine error positions can be mapped back into the
 * editor.
 */
export interface SqlStatement {
  /** The statement text without the terminating semicolon, trimmed of surrounding whitespace. */
  text: string;
  /** Offset of `text` in the original SQL. */
  start: number;
  /** Offset just past `text`. */
  end: number;
}

export function splitSqlStatements(sql: string): SqlStatement[] {
  const statements: SqlStatement[] = [];
  let segmentStart = 0;
  let hasCode = false;

  const pushSegment = (segmentEnd: number): void => {
    if (hasCode) {
      const raw = sql.slice(segmentStart, segmentEnd);
      const leading = raw.length - raw.trimStart().length;
      const text = raw.trim();
      statements.push({ text, start: segmentStart + leading, end: segmentStart + leading + text.length });
    }
    hasCode = false;
  };

  for (const token of scanSql(sql).tokens) {
    if (token.kind === 'comment') continue;
    if (token.kind === 'punct' && token.text === ';') {
      pushSegment(token.start);
      segmentStart = token.end;
    } else {
      hasCode = true;
    }
  }
  pushSegment(sql.length);
  return statements;
}

/** The statement containing `offset` (or the nearest one before it, when the cursor sits after a semicolon). */
export function statementAt(sql: string, offset: number): SqlStatement | undefined {
  const statements = splitSqlStatements(sql);
  let candidate: SqlStatement | undefined;
  for (const statement of statements) {
    if (offset >= statement.start && offset <= statement.end) return statement;
    if (statement.end <= offset) candidate = statement;
  }
  return candidate ?? statements[0];
}

/** 1-based line and column of a 0-based offset. */
export function lineColumnAt(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  const stop = Math.min(offset, text.length);
  for (let index = 0; index < stop; index++) {
    if (text.charCodeAt(index) === 10) {
      line += 1;
      lineStart = index + 1;
    }
  }
  return { line, column: stop - lineStart + 1 };
}
