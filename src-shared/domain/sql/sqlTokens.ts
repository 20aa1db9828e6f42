/**
 * The one SQL tokenizer: every module that reads SQL text (statement
 * splitting, a cell's references) walks these tokens instead of scanning
 * characters itself, so strings, quoted identifiers, comments and dollar
 * quotes are recognised the same way everywhere.
 *
 * It follows DuckDB's (PostgreSQL's) lexer where it matters for finding
 * statement boundaries and names:
 * - `'text'` with `''` for a quote; `E'text'` also takes backslash escapes;
 * - `"identifier"` with `""` for a quote;
 * - `-- line comments` and `/* block comments *\/`, which nest;
 * - `$$text$$` and `$tag$text$tag$` dollar quotes.
 * Offsets (`start`, `end`) refer to the original text. An unterminated
 * string, identifier, comment or dollar quote runs to the end of the text and
 * is reported as a problem at its opening offset; it never throws.
 */

export type SqlTokenKind = 'word' | 'quoted' | 'string' | 'number' | 'punct' | 'comment';

export interface SqlToken {
  kind: SqlTokenKind;
  /** For `string` and `quoted` the value with quotes removed and escapes resolved; otherwise the text as written. */
  text: string;
  /** Offset of the token's first character. */
  start: number;
  /** Offset just past the token. */
  end: number;
}

export type SqlTokenProblemCode = 'unterminated-string' | 'unterminated-identifier' | 'unterminated-comment' | 'unterminated-dollar-quote';

export interface SqlTokenProblem {
  code: SqlTokenProblemCode;
  /** Offset where the unterminated construct opens. */
  offset: number;
}

export interface SqlScan {
  tokens: SqlToken[];
  problems: SqlTokenProblem[];
}

const WORD_START = /[\p{L}_]/u;
const WORD_PART = /[\p{L}\p{N}_$]/u;
const DOLLAR_TAG = /^\$([A-Za-z_][A-Za-z0-9_]*)?\$/;

function isWordPart(char: string | undefined): boolean {
  return char !== undefined && WORD_PART.test(char);
}

export function scanSql(sql: string): SqlScan {
  const tokens: SqlToken[] = [];
  const problems: SqlTokenProblem[] = [];
  const length = sql.length;
  let index = 0;
  const push = (kind: SqlTokenKind, end: number, text = sql.slice(index, end)): void => {
    tokens.push({ kind, text, start: index, end });
    index = end;
  };

  while (index < length) {
    const char = sql[index]!;
    const next = sql[index + 1];
    if (/\s/.test(char)) {
      index += 1;
    } else if (char === '-' && next === '-') {
      const newline = sql.indexOf('\n', index + 2);
      push('comment', newline === -1 ? length : newline + 1);
    } else if (char === '/' && next === '*') {
      const end = blockCommentEnd(sql, index);
      if (end === null) problems.push({ code: 'unterminated-comment', offset: index });
      push('comment', end ?? length);
    } else if (char === "'" || ((char === 'e' || char === 'E') && next === "'" && !isWordPart(sql[index - 1]))) {
      const quoted = readQuoted(sql, char === "'" ? index : index + 1, "'", char !== "'");
      if (!quoted.closed) problems.push({ code: 'unterminated-string', offset: index });
      push('string', quoted.end, quoted.value);
    } else if (char === '"') {
      const quoted = readQuoted(sql, index, '"', false);
      if (!quoted.closed) problems.push({ code: 'unterminated-identifier', offset: index });
      push('quoted', quoted.end, quoted.value);
    } else if (char === '$' && !isWordPart(sql[index - 1]) && DOLLAR_TAG.test(sql.slice(index, index + 66))) {
      const tag = DOLLAR_TAG.exec(sql.slice(index, index + 66))![0];
      const close = sql.indexOf(tag, index + tag.length);
      if (close === -1) problems.push({ code: 'unterminated-dollar-quote', offset: index });
      const bodyEnd = close === -1 ? length : close;
      push('string', close === -1 ? length : close + tag.length, sql.slice(index + tag.length, bodyEnd));
    } else if (WORD_START.test(char)) {
      let cursor = index + 1;
      while (cursor < length && isWordPart(sql[cursor])) cursor += 1;
      push('word', cursor);
    } else if (/\d/.test(char)) {
      let cursor = index + 1;
      while (cursor < length && /[\d.eE_]/.test(sql[cursor]!)) cursor += 1;
      push('number', cursor);
    } else {
      push('punct', index + 1);
    }
  }
  return { tokens, problems };
}

/** The tokens that carry meaning: everything but comments. */
export function sqlCodeTokens(sql: string): SqlToken[] {
  return scanSql(sql).tokens.filter((token) => token.kind !== 'comment');
}

/** Offset just past a block comment opening at `open` (nesting like DuckDB), or null when it never closes. */
function blockCommentEnd(sql: string, open: number): number | null {
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
  return null;
}

/** Reads a quoted run opening at `open` (doubled quote = one quote; optional backslash escapes). */
function readQuoted(sql: string, open: number, quote: string, backslashEscapes: boolean): { value: string; end: number; closed: boolean } {
  let cursor = open + 1;
  let value = '';
  while (cursor < sql.length) {
    const current = sql[cursor]!;
    if (backslashEscapes && current === '\\') {
      value += sql[cursor + 1] ?? '';
      cursor += 2;
    } else if (current === quote && sql[cursor + 1] === quote) {
      value += quote;
      cursor += 2;
    } else if (current === quote) {
      return { value, end: cursor + 1, closed: true };
    } else {
      value += current;
      cursor += 1;
    }
  }
  return { value, end: sql.length, closed: false };
}
