import type { ImportColumnType } from '@shared/domain/import/columnTypes';
import { LABEL_UNIT_PATTERN } from '@shared/domain/unitText';
import { MISSING_MARKERS } from '@shared/domain/import/numberText';
import { quoteIdentifier, quoteLiteral } from '@shared/domain/sqlIdentifier';

/**
 * SQL pieces of an import: cleaning numbers written as text inside DuckDB
 * (for CSV columns too big to clean in JS) and the wide-to-long unpivot.
 */

const MISSING_LIST = MISSING_MARKERS.map(quoteLiteral).join(', ');

/**
 * A VARCHAR expression as a number the way `parseNumberText` reads it:
 * full-width digits folded, thousands separators and spaces removed, a
 * trailing % dropped (percentage points), missing markers as NULL. Text
 * that is still not a number fails the cast with DuckDB's message.
 */
export function cleanNumberSql(expression: string, type: 'BIGINT' | 'DOUBLE'): string {
  const { folded, stripped } = numberTextSql(expression);
  return `CASE WHEN ${folded} IN (${MISSING_LIST}) THEN NULL ELSE CAST(${stripped} AS ${type}) END`;
}

/** The pieces `cleanNumberSql` reads a number with: the text folded and trimmed, and that text without separators and a trailing %. */
function numberTextSql(expression: string): { folded: string; stripped: string } {
  const folded = `trim(translate(${expression}, '０１２３４５６７８９．，％－\u3000', '0123456789.,%- '))`;
  return { folded, stripped: `regexp_replace(regexp_replace(${folded}, '[,\\s]', '', 'g'), '%$', '')` };
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
 * table; rows whose value is missing are dropped. The indicator label loses
 * a unit in parentheses (`投资（亿元）` → `投资`), which becomes the unit when
 * neither a unit column nor the year header names one.
 */
export function unpivotSql(input: UnpivotSqlInput): string {
  const { column, label, bareLabel } = unpivotLabelSql(input);
  const pattern = quoteLiteral(LABEL_UNIT_PATTERN);
  const labelUnit = `NULLIF(replace(regexp_extract(${label}, ${pattern}, 2), '％', '%'), '')`;
  const keep = input.keepColumns.map((index) => `, ${column(index)}`).join('');
  const parts = input.yearColumns.map((year) => {
    const indicator = year.measure ? `${bareLabel} || ${quoteLiteral(` - ${year.measure}`)}` : bareLabel;
    const type = input.columnTypes[year.column]!;
    const value = type === 'VARCHAR' ? cleanNumberSql(column(year.column), 'DOUBLE') : `CAST(${column(year.column)} AS DOUBLE)`;
    const units = [
      input.unitColumn === null ? null : `NULLIF(trim(CAST(${column(input.unitColumn)} AS VARCHAR)), '')`,
      labelUnit,
      year.unit === null ? null : quoteLiteral(year.unit),
      input.defaultUnit === null ? null : quoteLiteral(input.defaultUnit),
    ].filter((part): part is string => part !== null);
    const unit = units.length === 1 ? units[0]! : `COALESCE(${units.join(', ')})`;
    return `SELECT ${indicator} AS indicator, ${year.year} AS year, ${value} AS value, CAST(${unit} AS VARCHAR) AS unit${keep} FROM ${input.wide} WHERE ${label} IS NOT NULL AND ${label} <> ''`;
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
 * (`12亿`, `约3.5`), as (indicator, year, written), so an import names them
 * instead of failing on DuckDB's cast inside generated SQL.
 */
export function unreadableUnpivotValuesSql(input: UnpivotSqlInput, limit: number): string | null {
  const { column, label, bareLabel } = unpivotLabelSql(input);
  const parts = input.yearColumns
    .filter((year) => input.columnTypes[year.column] === 'VARCHAR')
    .map((year) => {
      const { folded, stripped } = numberTextSql(column(year.column));
      return `SELECT ${bareLabel} AS indicator, ${year.year} AS year, CAST(${column(year.column)} AS VARCHAR) AS written FROM ${input.wide}
        WHERE ${label} IS NOT NULL AND ${label} <> '' AND ${column(year.column)} IS NOT NULL AND ${folded} NOT IN (${MISSING_LIST}) AND TRY_CAST(${stripped} AS DOUBLE) IS NULL`;
    });
  return parts.length === 0 ? null : `SELECT * FROM (${parts.join('\nUNION ALL\n')}) LIMIT ${limit}`;
}
