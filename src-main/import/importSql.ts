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
  // The folded text bound once, so its pieces do not fold it again.
  return letSql(foldedTextSql(expression), '__iwb_folded', castNumberSql(numberPartsSql('__iwb_folded', false), type));
}

function castNumberSql(text: NumberTextSql, type: 'BIGINT' | 'DOUBLE'): string {
  // Plain and grouped numbers, most of a statistical table, skip the regular expressions of the other forms.
  return `CASE WHEN ${text.folded} IN (${MISSING_LIST}) THEN NULL WHEN ${text.plain} THEN CAST(${text.plainText} AS ${type}) ELSE CAST(${text.stripped} AS ${type}) END`;
}

interface NumberTextSql {
  /** The text folded to half width and trimmed (what the missing markers are compared with). */
  folded: string;
  /** True for a number as DuckDB casts it or with separators in threes (`1,234.5`): no unit, %, ¥ or parentheses to take off. */
  plain: string;
  /** That number's text without separators. */
  plainText: string;
  /** The number's text as DuckDB casts it: no separators, spaces, ¥ or trailing %, `-` for parentheses. */
  stripped: string;
  /** The unit written after the number (`12亿` → `亿`, made whole by `unpivotSql`), or NULL; only when asked for, else the SQL `NULL`. */
  unit: string;
}

/** A VARCHAR expression folded as `foldWidth` folds it, with every space JavaScript's \s knows as one space (as the grid and the preview read cells), trimmed. */
function foldedTextSql(expression: string): string {
  const folds: Record<string, string> = { ...WIDTH_FOLDS, ...Object.fromEntries([...OTHER_SPACES].map((space) => [space, ' '])) };
  const translated = `translate(${expression}, ${quoteLiteral(Object.keys(folds).join(''))}, ${quoteLiteral(Object.values(folds).join(''))})`;
  // translate costs about 0.4 µs a cell, a test for anything but printable ASCII a tenth of that: most cells need no folding.
  return `trim(CASE WHEN regexp_matches(${expression}, '[^\\x20-\\x7e]') THEN ${translated} ELSE ${expression} END)`;
}

/**
 * The pieces a number written as text is read with, from text already
 * folded (`foldedTextSql`; a bound name or a subquery's column, so the
 * folding is done once a cell). With `withUnit` a unit after the number
 * (`12亿`, `3,500 万元`, `NUMBER_UNIT_PATTERN`, the rule the history grid
 * reads cells with) is split off: the unpivot gives the row that unit,
 * where a plain column keeps such text as text.
 */
function numberPartsSql(folded: string, withUnit: boolean, plain = plainNumberSql(folded)): NumberTextSql {
  const pattern = quoteLiteral(NUMBER_UNIT_PATTERN);
  const grouped = quoteLiteral(GROUPED_NUMBER_PATTERN);
  // Each piece is bound once (`letSql`) where later steps read it more than once.
  const number = withUnit
    ? letSql(`regexp_extract(${folded}, ${pattern}, 1)`, '__iwb_split', `CASE WHEN __iwb_split = '' THEN ${folded} ELSE __iwb_split END`)
    : folded;
  const stripped = letSql(
    number,
    '__iwb_number',
    letSql(
      `regexp_replace(regexp_replace(regexp_replace(regexp_replace(__iwb_number, '^\\((.*)\\)$', '\\1'), '^\\s*[¥$]', ''), '\\s', '', 'g'), '%$', '')`,
      '__iwb_bare',
      // Separators only in threes, as parseNumberText reads them: `1,2345` stays as written, and the cast names it.
      `(CASE WHEN regexp_full_match(__iwb_number, '\\(.*\\)') THEN '-' ELSE '' END) ||
        (CASE WHEN NOT contains(__iwb_bare, ',') THEN __iwb_bare WHEN regexp_matches(__iwb_bare, ${grouped}) THEN replace(__iwb_bare, ',', '') ELSE __iwb_bare END)`,
    ),
  );
  return {
    folded,
    plain,
    plainText: `replace(${folded}, ',', '')`,
    stripped,
    unit: withUnit ? `CASE WHEN ${plain} THEN NULL ELSE NULLIF(regexp_extract(${folded}, ${pattern}, 2), '') END` : 'NULL',
  };
}

/** True for folded text DuckDB casts as it is, or with separators in threes (`1,234.5`): the fast path of `castNumberSql`. */
function plainNumberSql(folded: string): string {
  return `(TRY_CAST(${folded} AS DOUBLE) IS NOT NULL OR regexp_full_match(${folded}, ${quoteLiteral(GROUPED_NUMBER_PATTERN)}))`;
}

/** `body` with `value` bound to `name`, evaluated once: a one-element list's lambda is SQL's "let". */
function letSql(value: string, name: string, body: string): string {
  // DuckDB's `lambda x: …` (the `x -> …` form is deprecated from 1.3 and off by default in 2.0).
  return `list_transform([${value}], lambda ${name}: ${body})[1]`;
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
  // Each year column's cells, as a number (typed columns) or as folded text, beside the unit the row states around them.
  const parts = input.yearColumns.map((year) => {
    const indicator = year.measure ? `${bareLabel} || ${quoteLiteral(` - ${year.measure}`)}` : bareLabel;
    const text = input.columnTypes[year.column] === 'VARCHAR';
    const units = [
      input.unitColumn === null ? null : `NULLIF(trim(CAST(${column(input.unitColumn)} AS VARCHAR)), '')`,
      labelUnit,
      year.unit === null ? null : quoteLiteral(year.unit),
      input.defaultUnit === null ? null : quoteLiteral(input.defaultUnit),
    ].filter((part): part is string => part !== null);
    const contextUnit = units.length === 0 ? 'NULL' : units.length === 1 ? units[0]! : `COALESCE(${units.join(', ')})`;
    return `SELECT ${indicator} AS indicator, ${year.year} AS year, ${text ? 'NULL::DOUBLE' : `CAST(${column(year.column)} AS DOUBLE)`} AS ${CELL_NUMBER},
        ${text ? foldedTextSql(column(year.column)) : 'NULL::VARCHAR'} AS ${CELL_TEXT}, CAST(${contextUnit} AS VARCHAR) AS ${CONTEXT_UNIT}${keep}
      FROM ${input.wide} WHERE ${label} IS NOT NULL AND ${label} <> ''`;
  });
  // The text read once per cell (whether it is a plain number, too, for both the value and the unit): its number, and its own unit (`12亿`) before the row's.
  const written = numberPartsSql(CELL_TEXT, true, CELL_PLAIN);
  const value = `COALESCE(${CELL_NUMBER}, ${castNumberSql(written, 'DOUBLE')})`;
  // Bound once: DuckDB copies a CASE's operand into each WHEN.
  const unit = letSql(`COALESCE(${written.unit}, ${CONTEXT_UNIT})`, '__iwb_unit', canonicalUnitSql('__iwb_unit'));
  const cells = `SELECT *, ${plainNumberSql(CELL_TEXT)} AS ${CELL_PLAIN} FROM (${parts.join('\nUNION ALL\n')})`;
  return `SELECT * FROM (SELECT indicator, year, ${value} AS value, ${unit} AS unit${keep} FROM (${cells})) WHERE value IS NOT NULL`;
}

/** Columns of `unpivotSql`'s inner rows; the long rows do not carry them. */
const CELL_NUMBER = '"__iwb_cell_number"';
const CELL_TEXT = '"__iwb_cell_text"';
const CONTEXT_UNIT = '"__iwb_context_unit"';
const CELL_PLAIN = '"__iwb_cell_plain"';

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
    .map(
      (year) => `SELECT ${bareLabel} AS indicator, ${year.year} AS year, CAST(${column(year.column)} AS VARCHAR) AS written, ${foldedTextSql(column(year.column))} AS ${CELL_TEXT}
        FROM ${input.wide} WHERE ${label} IS NOT NULL AND ${label} <> '' AND ${column(year.column)} IS NOT NULL`,
    );
  if (parts.length === 0) return null;
  // The text read once per cell, as `unpivotSql` reads it.
  const { plain, stripped } = numberPartsSql(CELL_TEXT, true);
  return `SELECT indicator, year, written FROM (${parts.join('\nUNION ALL\n')})
    WHERE ${CELL_TEXT} NOT IN (${MISSING_LIST}) AND NOT ${plain} AND TRY_CAST(${stripped} AS DOUBLE) IS NULL LIMIT ${limit}`;
}
