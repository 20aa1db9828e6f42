/**
 * What a cell's SQL mentions, found without a SQL parser: identifiers (to
 * learn which earlier cells' views it reads), `getvariable('name')` calls
 * (which parameters it reads), and the objects its CREATE statements make.
 *
 * It reads the tokens of `sql/sqlTokens`: strings, quoted identifiers, comments
 * and dollar quotes are skipped or read as a whole, so a name inside a string or comment is never
 * taken for a reference. It over-approximates on purpose: every identifier
 * counts as a possible reference (a column called like a cell makes the
 * cell a dependency), which at worst re-runs a cell too many.
 *
 * It cannot see names built at run time: `query_table(getvariable('t'))`,
 * `query('select … from x')`, or a macro that reads a view. A
 * `getvariable(...)` whose argument is not a plain string marks the cell as
 * reading every parameter.
 */
import { sqlCodeTokens, type SqlToken } from '../sql/sqlTokens';

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

type Token = SqlToken;

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
  const tokens = sqlCodeTokens(sql);
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
