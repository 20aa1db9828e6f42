/**
 * SQL quoting for DuckDB. Every identifier or literal that the app builds into
 * SQL goes through these functions; user values that are data go in as bound
 * parameters or DuckDB variables instead.
 */

/** Always quotes: `a"b` becomes `"a""b"`. */
export function quoteIdentifier(name: string): string {
  if (name.includes('\u0000')) throw new Error('Identifiers cannot contain NUL characters');
  return `"${name.replaceAll('"', '""')}"`;
}

/** `a.b.c` from parts, each quoted. */
export function qualifiedName(...parts: string[]): string {
  return parts.map(quoteIdentifier).join('.');
}

/** A string literal: `it's` becomes `'it''s'`. */
export function quoteLiteral(value: string): string {
  if (value.includes('\u0000')) throw new Error('String literals cannot contain NUL characters');
  return `'${value.replaceAll("'", "''")}'`;
}

/** A literal for a plain value: NULL, TRUE/FALSE, a finite number, or a quoted string. Throws a RangeError for NaN and ±Infinity. */
export function sqlValueLiteral(value: string | number | boolean | null): string {
  if (value === null) return 'NULL';
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new RangeError(`Cannot store ${value}`);
    return String(value);
  }
  return quoteLiteral(value);
}

/**
 * The workspace's own tables and views (schema `main` of the current
 * database), one `name` column: the one "does this table exist" query.
 */
export const WORKSPACE_RELATIONS_SQL =
  "SELECT table_name AS name FROM duckdb_tables() WHERE database_name = current_database() AND schema_name = 'main' " +
  "UNION ALL SELECT view_name FROM duckdb_views() WHERE database_name = current_database() AND schema_name = 'main' AND NOT internal";

/**
 * Words DuckDB reserves (from `duckdb_keywords()` where keyword_category is
 * 'reserved'); an identifier equal to one of them must be quoted.
 */
const RESERVED = new Set(
  `all analyse analyze and any array as asc asymmetric both case cast check collate column constraint create
  default deferrable desc describe distinct do else end except false fetch for foreign from grant group having in
  initially intersect into lateral leading limit offset on only or order pivot pivot_longer pivot_wider placing
  primary qualify references returning select show summarize symmetric table then to trailing true union unique
  unpivot using variadic when where window with`
    .split(/\s+/)
    .filter(Boolean),
);

/**
 * Quotes only when needed, for names shown or inserted in the editor:
 * lower-case ASCII words and CJK names need no quotes, anything with spaces,
 * punctuation, capitals or a reserved word does.
 */
export function identifierForEditor(name: string): string {
  const plain = /^[a-z_\u3400-\u9fff][a-z0-9_$\u3400-\u9fff]*$/u.test(name);
  return plain && !RESERVED.has(name) ? name : quoteIdentifier(name);
}

/** DuckDB compares identifiers case-insensitively in ASCII only (`StringUtil::Lower`): `Ä` and `ä` are different names. */
function asciiLower(name: string): string {
  return name.replace(/[A-Z]/g, (letter) => letter.toLowerCase());
}

/**
 * Column names made unique the way DuckDB's CREATE TABLE AS makes them
 * (`QueryResult::DeduplicateColumns`): a name seen before, ignoring ASCII
 * case, gets `_1`, `_2`, …, skipping suffixes already taken. The one rule for
 * every kept result, streamed or not, so a query's columns are named the same
 * in the grid, in notebooks and in `iwb query`, and `SELECT 1 AS a, 2 AS A`
 * can be kept as a table at all.
 */
export function uniqueColumnNames(names: readonly string[]): string[] {
  const seen = new Map<string, number>();
  return names.map((name) => {
    const lower = asciiLower(name);
    const count = seen.get(lower);
    if (count === undefined) {
      seen.set(lower, 1);
      return name;
    }
    let suffix = count;
    while (seen.has(asciiLower(`${name}_${suffix}`))) {
      suffix += 1;
      seen.set(lower, suffix);
    }
    const unique = `${name}_${suffix}`;
    seen.set(asciiLower(unique), (seen.get(asciiLower(unique)) ?? 0) + 1);
    return unique;
  });
}
