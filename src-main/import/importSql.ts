import type { ImportColumnType } from '@shared/domain/import/columnTypes';
import { LABEL_UNIT_PATTERN, NUMBER_UNIT_PATTERN, UNIT_ALIASES } from '@shared/domain/unitText';
import { GROUPED_NUMBER_PATTERN, MISSING_MARKERS, OTHER_SPACES, WIDTH_FOLDS } from '@shared/domain/import/numberText';
import { quoteIdentifier, quoteLiteral } from '@shared/domain/sqlIdentifier';

/**
 * SQL pieces of an import: cleaning numbers written as text inside DuckDB
 * (for CSV columns too big to clean in JS) and the wide-to-long unpivot.
 */

const MISSING_LIST = MISSING_MARKERS.map(quoteLiteral).join(', ');

/**
 * A VARCHAR expression as a number the way `parseNumberText` reads it:
 * full-width digits and signs folded, thousands separators and spaces
 * removed, a trailing % dropped (percentage points), `(1,200)` negative, a
 * leading ¥ dropped, missing markers as NULL. Text that is still not a
 * number fails the cast with DuckDB's message.
 */
export function cleanNumberSql(expression: string, type: 'BIGINT' | 'DOUBLE'): string {
  return castNumberSql(numberTextSql(expression, false), type);
}

function castNumberSql(text: NumberTextSql, type: 'BIGINT' | 'DOUBLE'): string {
  return `CASE WHEN ${text.folded} IN (${MISSING_LIST}) THEN NULL ELSE CAST(${text.stripped} AS ${type}) END`;
}

interface NumberTextSql {
  /** The text folded to half width and trimmed (what the missing markers are compared with). */
  folded: string;
  /** The number's text as DuckDB casts it: no separators, spaces, ¥ or trailing %, `-` for parentheses. */
  stripped: string;
  /** The unit written after the number (`12亿` → `亿`, made whole by `unpivotSql`), or NULL; only when asked for, else the SQL `NULL`. */
  unit: string;
}

/**
 * The pieces a number written as text is read with. With `withUnit` a unit
 * after the number (`12亿`, `3,500 万元`, `NUMBER_UNIT_PATTERN`, the rule
 * the history grid reads cells with) is split off: the unpivot gives the row
 * that unit, where a plain column keeps such text as text.
 */
function numberTextSql(expression: string, withUnit: boolean): NumberTextSql {
  // `foldWidth`'s table, and every space JavaScript's \s knows as a space, as the grid and the preview read cells.
  const folds: Record<string, string> = { ...WIDTH_FOLDS, ...Object.fromEntries([...OTHER_SPACES].map((space) => [space, ' '])) };
  const folded = `trim(translate(${expression}, ${quoteLiteral(Object.keys(folds).join(''))}, ${quoteLiteral(Object.values(folds).join(''))}))`;
  const pattern = quoteLiteral(NUMBER_UNIT_PATTERN);
  const number = withUnit ? `CASE WHEN regexp_matches(${folded}, ${pattern}) THEN regexp_extract(${folded}, ${pattern}, 1) ELSE ${folded} END` : folded;
  const inner = `regexp_replace(regexp_replace(${number}, '^\\((.*)\\)$', '\\1'), '^\\s*[¥$]', '')`;
  const bare = `regexp_replace(regexp_replace(${inner}, '\\s', '', 'g'), '%$', '')`;
  // Separators only in threes, as parseNumberText reads them: `1,2345` stays as written, and the cast names it.
  const digits = `CASE WHEN NOT contains(${bare}, ',') THEN ${bare} WHEN regexp_matches(${bare}, ${quoteLiteral(GROUPED_NUMBER_PATTERN)}) THEN replace(${bare}, ',', '') ELSE ${bare} END`;
  return {
    folded,
    stripped: `CASE WHEN regexp_full_match(${number}, '\\(.*\\)') THEN '-' || ${digits} ELSE ${digits} END`,
    unit: withUnit ? `NULLIF(regexp_extract(${folded}, ${pattern}, 2), '')` : 'NULL',
  };
}

/** `canonicalUnit` in SQL: `亿` → `亿元`, `％` → `%`, other units unchanged. */
function canonicalUnitSql(unit: string): string {
  const aliases = Object.entries(UNIT_ALIASES).map(([alias, canonical]) => `WHEN ${quoteLiteral(alias)} THEN ${quoteLiteral(canonical)}`);
  return `CASE ${unit} ${aliases.join(' ')} ELSE ${unit} END`;
}

/**
 * A VARCHAR expression as a date or time the way `convertCell` reads it:
 * trimmed, a cell of spaces as NULL, `2024/1/31`, `2024.1.31` and
 * `2024年1月31日` as dates (a date in a time column is midnight). Other text
 * fails the cast with DuckDB's message.
 */
export function cleanDateTimeSql(expression: string, type: 'DATE' | 'TIMESTAMP'): string {
  const text = `trim(${expression})`;
  const written = `(regexp_full_match(${text}, '\\d{4}[-/.]\\d{1,2}[-/.]\\d{1,2}') OR regexp_full_match(${text}, '\\d{4}年\\d{1,2}月\\d{1,2}日'))`;
  const part = (pattern: string) => `CAST(regexp_extract(${text}, ${quoteLiteral(pattern)}, 1) AS INTEGER)`;
  const date = `make_date(${part('^(\\d{4})')}, ${part('^\\d{4}\\D(\\d{1,2})')}, ${part('(\\d{1,2})日?$')})`;
  const other = type === 'DATE' ? `CAST(${text} AS DATE)` : `CAST(replace(${text}, 'T', ' ') AS TIMESTAMP)`;
  return `CASE WHEN ${text} = '' THEN NULL WHEN ${written} THEN ${type === 'DATE' ? date : `CAST(${date} AS TIMESTAMP)`} ELSE ${other} END`;
}

export function castSql(expression: string, from: ImportColumnType | 'SOURCE', to: ImportColumnType, cleaned: boolean): string {
  if (cleaned && (to === 'BIGINT' || to === 'DOUBLE')) return cleanNumberSql(`CAST(${expression} AS VARCHAR)`, to);
  if (cleaned && (to === 'DATE' || to === 'TIMESTAMP')) return cleanDateTimeSql(`CAST(${expression} AS VARCHAR)`, to);
  if (cleaned && to === 'BOOLEAN') return `CAST(NULLIF(trim(CAST(${expression} AS VARCHAR)), '') AS BOOLEAN)`;
  if (from === to) return expression;
  return `CAST(${expression} AS ${to})`;
}

export interface UnpivotSqlInput {
  /** The wide relation (a subquery or table) with the final column names. */
  wide: string;
  columnNames: string[];
  columnTypes: ImportColumnType[];
  indicatorColumn: number;
  unitColumn: number | null;
  yearColumns: { column: number; year: number; measure: string | null; unit: string | null }[];
  keepColumns: number[];
  defaultUnit: string | null;
}

/** The columns of `unpivotSql`'s long rows, in order: what an append must find in its table. */
export function unpivotColumnNames(input: Pick<UnpivotSqlInput, 'columnNames' | 'keepColumns'>): string[] {
  return ['indicator', 'year', 'value', 'unit', ...input.keepColumns.map((index) => input.columnNames[index]!)];
}

/**
 * Long rows (indicator, year, value, unit, kept columns...) from a wide
 * table; rows whose value is missing are dropped. A row's unit is the one
 * written in its cell (`12亿`), else its unit column's, else the label's
 * (`投资（亿元）` → `投资`, unit 亿元), the year header's, or the table's
 * unit line, in that order (`longLabels` reads the same order).
 */
export function unpivotSql(input: UnpivotSqlInput): string {
  const { column, label, bareLabel } = unpivotLabelSql(input);
  const pattern = quoteLiteral(LABEL_UNIT_PATTERN);
  const labelUnit = `NULLIF(replace(regexp_extract(${label}, ${pattern}, 2), '％', '%'), '')`;
  const keep = input.keepColumns.map((index) => `, ${column(index)}`).join('');
  const parts = input.yearColumns.map((year) => {
    const indicator = year.measure ? `${bareLabel} || ${quoteLiteral(` - ${year.measure}`)}` : bareLabel;
    const written = input.columnTypes[year.column] === 'VARCHAR' ? numberTextSql(column(year.column), true) : null;
    const value = written ? castNumberSql(written, 'DOUBLE') : `CAST(${column(year.column)} AS DOUBLE)`;
    const units = [
      written?.unit ?? null,
      input.unitColumn === null ? null : `NULLIF(trim(CAST(${column(input.unitColumn)} AS VARCHAR)), '')`,
      labelUnit,
      year.unit === null ? null : quoteLiteral(year.unit),
      input.defaultUnit === null ? null : quoteLiteral(input.defaultUnit),
    ].filter((part): part is string => part !== null);
    const unit = canonicalUnitSql(`CAST(${units.length === 1 ? units[0]! : `COALESCE(${units.join(', ')})`} AS VARCHAR)`);
    return `SELECT ${indicator} AS indicator, ${year.year} AS year, ${value} AS value, ${unit} AS unit${keep} FROM ${input.wide} WHERE ${label} IS NOT NULL AND ${label} <> ''`;
  });
  return `SELECT * FROM (${parts.join('\nUNION ALL\n')}) WHERE value IS NOT NULL`;
}

/** A wide table's columns by index, its indicator label as text, and that label without a unit in parentheses. */
function unpivotLabelSql(input: Pick<UnpivotSqlInput, 'columnNames' | 'indicatorColumn'>): { column: (index: number) => string; label: string; bareLabel: string } {
  const column = (index: number): string => quoteIdentifier(input.columnNames[index]!);
  const label = `trim(CAST(${column(input.indicatorColumn)} AS VARCHAR))`;
  return { column, label, bareLabel: `COALESCE(NULLIF(regexp_extract(${label}, ${quoteLiteral(LABEL_UNIT_PATTERN)}, 1), ''), ${label})` };
}

/**
 * The cells of the year columns `unpivotSql` could not read as numbers
 * (`约3.5`, `12吨`), as (indicator, year, written), so an import names them
 * instead of failing on DuckDB's cast inside generated SQL.
 */
export function unreadableUnpivotValuesSql(input: UnpivotSqlInput, limit: number): string | null {
  const { column, label, bareLabel } = unpivotLabelSql(input);
  const parts = input.yearColumns
    .filter((year) => input.columnTypes[year.column] === 'VARCHAR')
    .map((year) => {
      const { folded, stripped } = numberTextSql(column(year.column), true);
      return `SELECT ${bareLabel} AS indicator, ${year.year} AS year, CAST(${column(year.column)} AS VARCHAR) AS written FROM ${input.wide}
        WHERE ${label} IS NOT NULL AND ${label} <> '' AND ${column(year.column)} IS NOT NULL AND ${folded} NOT IN (${MISSING_LIST}) AND TRY_CAST(${stripped} AS DOUBLE) IS NULL`;
    });
  return parts.length === 0 ? null : `SELECT * FROM (${parts.join('\nUNION ALL\n')}) LIMIT ${limit}`;
}
