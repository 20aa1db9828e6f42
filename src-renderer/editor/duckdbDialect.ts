import { PostgreSQL, SQLDialect } from '@codemirror/lang-sql';

/**
 * DuckDB's SQL for highlighting and keyword completion: PostgreSQL's
 * grammar (DuckDB's parser descends from it) plus DuckDB's own keywords.
 */
const DUCKDB_KEYWORDS =
  'pivot unpivot pivot_longer pivot_wider qualify summarize describe attach detach copy exclude replace columns asof positional ' +
  'install load pragma macro sample using struct map list union_by_name unnest lambda semi anti export import read_only ' +
  'variable getvariable';

export const DuckDBDialect = SQLDialect.define({
  ...PostgreSQL.spec,
  keywords: `${PostgreSQL.spec.keywords ?? ''} ${DUCKDB_KEYWORDS}`,
});
