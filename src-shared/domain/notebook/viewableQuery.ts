import { splitSqlStatements } from '../sqlStatements';

/** Statements whose result a view can hold: what a named SQL cell may end with. */
const QUERY_KEYWORDS = new Set(['select', 'with', 'from', 'values', 'table', 'pivot', 'unpivot', '(']);

/**
 * The leading keyword of a SQL cell's last statement when it is not a query
 * (`SET`, `COPY`, `LOAD`, `ATTACH`, `CREATE` …), else null. A named cell
 * becomes a view that later cells read, so it must end in a query; the
 * engine checks the same with DuckDB's own statement type when it runs.
 */
export function nonQueryKeyword(sql: string): string | null {
  const statements = splitSqlStatements(sql);
  const last = statements[statements.length - 1];
  if (!last) return null;
  const text = last.text.replace(/^(?:\s+|--[^\n]*(?:\n|$)|\/\*[\s\S]*?\*\/)+/, '');
  const keyword = /^\(|^[A-Za-z_]+/.exec(text)?.[0];
  if (keyword === undefined) return null;
  return QUERY_KEYWORDS.has(keyword.toLowerCase()) ? null : keyword.toUpperCase();
}
