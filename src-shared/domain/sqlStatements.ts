/**
 * Splits SQL text into statements at top-level semicolons, respecting
 * 'strings' (with '' escapes and E'\'' escapes), "identifiers", -- line
 * comments, nested block comments and $tag$ dollar quotes. Offsets refer to
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
  let index = 0;
  const length = sql.length;

  const pushSegment = (segmentEnd: number): void => {
    if (hasCode) {
      const raw = sql.slice(segmentStart, segmentEnd);
      const leading = raw.length - raw.trimStart().length;
      const text = raw.trim();
      statements.push({ text, start: segmentStart + leading, end: segmentStart + leading + text.length });
    }
    hasCode = false;
  };

  while (index < length) {
    const char = sql[index]!;
    const next = sql[index + 1];
    if (char === '-' && next === '-') {
      const newline = sql.indexOf('\n', index + 2);
      index = newline === -1 ? length : newline + 1;
      continue;
    }
    if (char === '/' && next === '*') {
      index = skipBlockComment(sql, index);
      continue;
    }
    if (char === ';') {
      pushSegment(index);
      segmentStart = index + 1;
      index += 1;
      continue;
    }
    if (!/\s/.test(char)) hasCode = true;
    if (char === "'") {
      const escaped = index > 0 && /[eE]/.test(sql[index - 1]!) && (index < 2 || !/[\w$]/.test(sql[index - 2]!));
      index = skipQuoted(sql, index, "'", escaped);
      continue;
    }
    if (char === '"') {
      index = skipQuoted(sql, index, '"', false);
      continue;
    }
    if (char === '$') {
      const tag = /^\$([A-Za-z_][A-Za-z0-9_]*)?\$/.exec(sql.slice(index, index + 66));
      if (tag && (index === 0 || !/[\w$]/.test(sql[index - 1]!))) {
        const close = sql.indexOf(tag[0], index + tag[0].length);
        index = close === -1 ? length : close + tag[0].length;
        continue;
      }
    }
    index += 1;
  }
  pushSegment(length);
  return statements;
}

function skipQuoted(sql: string, open: number, quote: string, backslashEscapes: boolean): number {
  let index = open + 1;
  while (index < sql.length) {
    const char = sql[index];
    if (backslashEscapes && char === '\\') {
      index += 2;
      continue;
    }
    if (char === quote) {
      if (sql[index + 1] === quote) {
        index += 2;
        continue;
      }
      return index + 1;
    }
    index += 1;
  }
  return sql.length;
}

function skipBlockComment(sql: string, open: number): number {
  let depth = 0;
  let index = open;
  while (index < sql.length) {
    if (sql[index] === '/' && sql[index + 1] === '*') {
      depth += 1;
      index += 2;
    } else if (sql[index] === '*' && sql[index + 1] === '/') {
      depth -= 1;
      index += 2;
      if (depth === 0) return index;
    } else {
      index += 1;
    }
  }
  return sql.length;
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
