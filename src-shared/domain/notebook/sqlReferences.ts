/**
 * What a cell's SQL mentions, found without a SQL parser: identifiers (to
 * learn which earlier cells' views it reads), `getvariable('name')` calls
 * (which parameters it reads), and the objects its CREATE statements make.
 *
 * It tokenizes: strings, quoted identifiers, comments and dollar quotes are
 * skipped or read as a whole, so a name inside a string or comment is never
 * taken for a reference. It over-approximates on purpose: every identifier
 * counts as a possible reference (a column called like a cell makes the
 * cell a dependency), which at worst re-runs a cell too many.
 *
 * It cannot see names built at run time: `query_table(getvariable('t'))`,
 * `query('select … from x')`, or a macro that reads a view. A
 * `getvariable(...)` whose argument is not a plain string marks the cell as
 * reading every parameter.
 */

export interface SqlReferences {
  /** Identifiers, lower-cased (DuckDB matches identifiers case-insensitively, quoted or not). */
  identifiers: Set<string>;
  /** Parameter names read with getvariable('…'), as written (variable names are case-sensitive). */
  variables: Set<string>;
  /** A getvariable() call with a computed argument: the cell may read any parameter. */
  readsAnyVariable: boolean;
  /** Names of tables, views and macros created by CREATE statements, lower-cased. */
  creates: Set<string>;
}

type Token =
  | { kind: 'word'; text: string }
  | { kind: 'quoted'; text: string }
  | { kind: 'string'; text: string }
  | { kind: 'punct'; text: string }
  | { kind: 'number'; text: string };

const WORD_START = /[\p{L}_]/u;
const WORD_PART = /[\p{L}\p{N}_$]/u;

export function tokenizeSql(sql: string): Token[] {
  const tokens: Token[] = [];
  let index = 0;
  while (index < sql.length) {
    const char = sql[index]!;
    const next = sql[index + 1];
    if (/\s/.test(char)) {
      index += 1;
    } else if (char === '-' && next === '-') {
      const newline = sql.indexOf('\n', index);
      index = newline === -1 ? sql.length : newline + 1;
    } else if (char === '/' && next === '*') {
      let depth = 0;
      while (index < sql.length) {
        if (sql[index] === '/' && sql[index + 1] === '*') {
          depth += 1;
          index += 2;
        } else if (sql[index] === '*' && sql[index + 1] === '/') {
          depth -= 1;
          index += 2;
          if (depth === 0) break;
        } else {
          index += 1;
        }
      }
    } else if (char === "'" || ((char === 'e' || char === 'E') && next === "'" && !WORD_PART.test(sql[index - 1] ?? ' '))) {
      const escapes = char !== "'";
      let cursor = index + (escapes ? 2 : 1);
      let value = '';
      while (cursor < sql.length) {
        const current = sql[cursor]!;
        if (escapes && current === '\\') {
          value += sql[cursor + 1] ?? '';
          cursor += 2;
        } else if (current === "'" && sql[cursor + 1] === "'") {
          value += "'";
          cursor += 2;
        } else if (current === "'") {
          cursor += 1;
          break;
        } else {
          value += current;
          cursor += 1;
        }
      }
      tokens.push({ kind: 'string', text: value });
      index = cursor;
    } else if (char === '"') {
      let cursor = index + 1;
      let value = '';
      while (cursor < sql.length) {
        if (sql[cursor] === '"' && sql[cursor + 1] === '"') {
          value += '"';
          cursor += 2;
        } else if (sql[cursor] === '"') {
          cursor += 1;
          break;
        } else {
          value += sql[cursor];
          cursor += 1;
        }
      }
      tokens.push({ kind: 'quoted', text: value });
      index = cursor;
    } else if (char === '$' && /^\$([A-Za-z_][A-Za-z0-9_]*)?\$/.test(sql.slice(index, index + 66)) && !WORD_PART.test(sql[index - 1] ?? ' ')) {
      const tag = /^\$([A-Za-z_][A-Za-z0-9_]*)?\$/.exec(sql.slice(index, index + 66))![0];
      const close = sql.indexOf(tag, index + tag.length);
      const end = close === -1 ? sql.length : close;
      tokens.push({ kind: 'string', text: sql.slice(index + tag.length, end) });
      index = close === -1 ? sql.length : close + tag.length;
    } else if (WORD_START.test(char)) {
      let cursor = index + 1;
      while (cursor < sql.length && WORD_PART.test(sql[cursor]!)) cursor += 1;
      tokens.push({ kind: 'word', text: sql.slice(index, cursor) });
      index = cursor;
    } else if (/\d/.test(char)) {
      let cursor = index + 1;
      while (cursor < sql.length && /[\d.eE_]/.test(sql[cursor]!)) cursor += 1;
      tokens.push({ kind: 'number', text: sql.slice(index, cursor) });
      index = cursor;
    } else {
      tokens.push({ kind: 'punct', text: char });
      index += 1;
    }
  }
  return tokens;
}

function isWord(token: Token | undefined, ...words: string[]): boolean {
  return token?.kind === 'word' && words.includes(token.text.toLowerCase());
}

function identifierText(token: Token | undefined): string | null {
  if (!token) return null;
  if (token.kind === 'word') return token.text.toLowerCase();
  if (token.kind === 'quoted') return token.text.toLowerCase();
  return null;
}

export function sqlReferences(sql: string): SqlReferences {
  const tokens = tokenizeSql(sql);
  const identifiers = new Set<string>();
  const variables = new Set<string>();
  const creates = new Set<string>();
  let readsAnyVariable = false;

  tokens.forEach((token, index) => {
    const identifier = identifierText(token);
    if (identifier !== null) identifiers.add(identifier);

    if (isWord(token, 'getvariable') && tokens[index + 1]?.text === '(' && tokens[index + 1]?.kind === 'punct') {
      const argument = tokens[index + 2];
      const closing = tokens[index + 3];
      if (argument?.kind === 'string' && closing?.kind === 'punct' && closing.text === ')') variables.add(argument.text);
      else readsAnyVariable = true;
    }

    if (isWord(token, 'create')) {
      let cursor = index + 1;
      if (isWord(tokens[cursor], 'or') && isWord(tokens[cursor + 1], 'replace')) cursor += 2;
      if (isWord(tokens[cursor], 'temp', 'temporary')) cursor += 1;
      if (!isWord(tokens[cursor], 'table', 'view', 'macro', 'function')) return;
      cursor += 1;
      if (isWord(tokens[cursor], 'if') && isWord(tokens[cursor + 1], 'not') && isWord(tokens[cursor + 2], 'exists')) cursor += 3;
      // A qualified name (db.schema.name) creates its last part.
      let name = identifierText(tokens[cursor]);
      while (name !== null && tokens[cursor + 1]?.text === '.' && identifierText(tokens[cursor + 2]) !== null) {
        cursor += 2;
        name = identifierText(tokens[cursor]);
      }
      if (name !== null) creates.add(name);
    }
  });
  return { identifiers, variables, readsAnyVariable, creates };
}
