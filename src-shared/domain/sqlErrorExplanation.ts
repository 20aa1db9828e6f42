import { bilingual, type Bilingual } from './bilingual';

/** The errorTexts entries a DuckDB message can be explained by (see errorTexts). */
export type SqlErrorTextCode =
  | 'sql-no-column'
  | 'sql-no-column-in-table'
  | 'sql-ambiguous-column'
  | 'sql-not-grouped'
  | 'sql-no-table'
  | 'sql-no-function'
  | 'sql-function-arguments'
  | 'sql-syntax'
  | 'sql-syntax-end'
  | 'sql-conversion'
  | 'sql-date-out-of-range'
  | 'sql-no-file';

export interface SqlErrorExplanation {
  text: SqlErrorTextCode;
  params: Record<string, string | Bilingual>;
}

/** DuckDB's own relations and functions, never what a planner meant. */
const INTERNAL_NAME = /^(duckdb_|pg_|sqlite_|information_schema|pragma_)/i;

/** Types as a planner writes them in SQL, not DuckDB's internal names. */
const TYPE_NAMES: Record<string, string> = { INT8: 'TINYINT', INT16: 'SMALLINT', INT32: 'INTEGER', INT64: 'BIGINT', UINT8: 'UTINYINT', UINT16: 'USMALLINT', UINT32: 'UINTEGER', UINT64: 'UBIGINT', FLOAT: 'REAL' };

const NONE = bilingual('', '');

function didYouMean(message: string): Bilingual {
  const suggestion = /\nDid you mean "([^"]+)"\?/.exec(message)?.[1];
  return suggestion && !INTERNAL_NAME.test(suggestion) ? bilingual(` Did you mean "${suggestion}"?`, `是否想写“${suggestion}”？`) : NONE;
}

function unquoted(name: string): string {
  return name.replace(/^"(.*)"$/, '$1');
}

function quotedList(text: string): string[] {
  return [...text.matchAll(/"([^"]+)"/g)].map((match) => match[1]!);
}

/**
 * What a DuckDB error means, for the message a planner reads: the kinds a
 * planner meets most (a misspelt column, table or function, a column not
 * grouped, a syntax slip, a value that is not a number or a date, a missing
 * file), with the names DuckDB gives and its suggestion. DuckDB's own text
 * stays the error's detail. Null for anything else (the banner then shows
 * DuckDB's first line).
 */
export function explainSqlError(message: string): SqlErrorExplanation | null {
  let match: RegExpExecArray | null;
  if ((match = /^Binder Error: Referenced column "([^"]+)" not found in FROM clause!(?:\nCandidate bindings: ([^\n]+))?/.exec(message))) {
    const candidates = match[2] ? quotedList(match[2]).slice(0, 5) : [];
    const hint = candidates.length > 0 ? bilingual(` Closest columns: ${candidates.join(', ')}.`, `相近的列：${candidates.join('、')}。`) : NONE;
    return { text: 'sql-no-column', params: { column: match[1]!, hint } };
  }
  if ((match = /^Binder Error: Table "([^"]+)" does not have a column named "([^"]+)"(?:\s*\nCandidate bindings: :? ?([^\n]+))?/.exec(message))) {
    const candidates = match[3] ? quotedList(match[3]).slice(0, 5) : [];
    const hint = candidates.length > 0 ? bilingual(` Closest columns: ${candidates.join(', ')}.`, `相近的列：${candidates.join('、')}。`) : NONE;
    return { text: 'sql-no-column-in-table', params: { table: match[1]!, column: match[2]!, hint } };
  }
  if ((match = /^Binder Error: Ambiguous reference to column name "([^"]+)" \(use: ([^)]+)\)/.exec(message))) {
    return { text: 'sql-ambiguous-column', params: { column: match[1]!, options: bilingual(quotedList(match[2]!).join(' or '), quotedList(match[2]!).join(' 或 ')) } };
  }
  if ((match = /^Binder Error: column "([^"]+)" must appear in the GROUP BY clause/.exec(message))) {
    return { text: 'sql-not-grouped', params: { column: match[1]! } };
  }
  // Names may hold spaces (a quoted Chinese table name): everything up to " does not exist!".
  if ((match = /^Catalog Error: (?:Table|View) with name (.+?) does not exist!/.exec(message))) {
    return { text: 'sql-no-table', params: { name: unquoted(match[1]!), hint: didYouMean(message) } };
  }
  if ((match = /^Catalog Error: (?:Scalar |Aggregate |Table |Macro |Pragma )?Function with name (.+?) does not exist!/.exec(message))) {
    return { text: 'sql-no-function', params: { name: unquoted(match[1]!), hint: didYouMean(message) } };
  }
  if ((match = /^Binder Error: No function matches the given name and argument types '([^(']+)\(/.exec(message))) {
    return { text: 'sql-function-arguments', params: { name: match[1]! } };
  }
  if (/^Parser Error: syntax error at end of input/.test(message)) return { text: 'sql-syntax-end', params: {} };
  if ((match = /^Parser Error: syntax error at or near "([^"]*)"/.exec(message))) return { text: 'sql-syntax', params: { near: match[1]! } };
  if ((match = /^Conversion Error: Could not convert string '([^']*)' to ([A-Z0-9_]+)/.exec(message))) {
    return { text: 'sql-conversion', params: { value: match[1]!, type: TYPE_NAMES[match[2]!] ?? match[2]! } };
  }
  if ((match = /^Conversion Error: date field value out of range: "([^"]*)"/.exec(message))) return { text: 'sql-date-out-of-range', params: { value: match[1]! } };
  if ((match = /^IO Error: No files found that match the pattern "([^"]+)"/.exec(message))) return { text: 'sql-no-file', params: { path: match[1]! } };
  return null;
}
