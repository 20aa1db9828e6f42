import { DataType, type Field, type Table } from 'apache-arrow';

/**
 * Reading Arrow cells for people and for other programs. The grid, the CLI
 * and the exporters all format through here, so a DECIMAL or a DATE looks the
 * same everywhere and no precision is lost on the way.
 */

export type ColumnKind = 'integer' | 'float' | 'decimal' | 'boolean' | 'date' | 'timestamp' | 'time' | 'text';

export function columnKind(field: Field): ColumnKind {
  const type = field.type;
  if (DataType.isInt(type)) return 'integer';
  if (DataType.isFloat(type)) return 'float';
  if (DataType.isDecimal(type)) return 'decimal';
  if (DataType.isBool(type)) return 'boolean';
  if (DataType.isDate(type)) return 'date';
  if (DataType.isTimestamp(type)) return 'timestamp';
  if (DataType.isTime(type)) return 'time';
  return 'text';
}

export function isNumericKind(kind: ColumnKind): boolean {
  return kind === 'integer' || kind === 'float' || kind === 'decimal';
}

/** DuckDB's type name as stored by the engine in the field metadata, else Arrow's. */
export function duckdbTypeOf(field: Field): string {
  return field.metadata.get('duckdb.type') ?? String(field.type);
}

/** Inserts thousands separators into a plain decimal string such as `-1234567.5`. */
export function groupThousands(plain: string): string {
  const match = /^(-?)(\d+)(\.\d+)?$/.exec(plain);
  if (!match) return plain;
  const grouped = match[2]!.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${match[1]}${grouped}${match[3] ?? ''}`;
}

/**
 * Arrow Decimal cells arrive as little-endian 32-bit words (two for 64-bit,
 * four for 128-bit) of a
 * two's-complement integer; read them as signed regardless of the wrapper class.
 */
function decimalToBigInt(words: ArrayLike<number>): bigint {
  // 64-bit decimals (DECIMAL(p <= 18)) arrive as two words, 128-bit ones as four.
  let value = 0n;
  for (let index = words.length - 1; index >= 0; index--) value = (value << 32n) | BigInt(words[index]! >>> 0);
  const bits = BigInt(32 * words.length);
  return value >= 1n << (bits - 1n) ? value - (1n << bits) : value;
}

/** The exact decimal text of an Arrow Decimal cell, e.g. `12345.678`. */
export function decimalText(value: unknown, scale: number): string {
  const unscaled = decimalToBigInt(value as ArrayLike<number>);
  if (scale === 0) return unscaled.toString();
  const negative = unscaled < 0n;
  const digits = (negative ? -unscaled : unscaled).toString().padStart(scale + 1, '0');
  return `${negative ? '-' : ''}${digits.slice(0, -scale)}.${digits.slice(-scale)}`;
}

function pad(value: number, width = 2): string {
  return String(value).padStart(width, '0');
}

function isoDate(ms: number): string {
  const date = new Date(ms);
  const year = date.getUTCFullYear();
  const yearText = year < 0 ? `-${pad(-year, 4)}` : pad(year, 4);
  return `${yearText}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())}`;
}

function isoTimestamp(ms: number, withZone: boolean): string {
  const date = new Date(Math.floor(ms));
  const micros = Math.round((ms - Math.floor(ms)) * 1000) + date.getUTCMilliseconds() * 1000;
  const time = `${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())}:${pad(date.getUTCSeconds())}`;
  const fraction = micros === 0 ? '' : `.${pad(micros, 6).replace(/0+$/, '')}`;
  return `${isoDate(ms)} ${time}${fraction}${withZone ? '+00' : ''}`;
}

function timeOfDay(value: unknown, unit: number): string {
  // Arrow TimeUnit: 0 s, 1 ms, 2 us, 3 ns.
  const perSecond = [1, 1_000, 1_000_000, 1_000_000_000][unit] ?? 1_000_000;
  const total = typeof value === 'bigint' ? value : BigInt(Math.round(Number(value)));
  const seconds = Number(total / BigInt(perSecond));
  const fraction = Number(total % BigInt(perSecond));
  const text = `${pad(Math.floor(seconds / 3600))}:${pad(Math.floor(seconds / 60) % 60)}:${pad(seconds % 60)}`;
  return fraction === 0 ? text : `${text}.${String(fraction).padStart(String(perSecond).length - 1, '0').replace(/0+$/, '')}`;
}

/**
 * The value as plain text without grouping: what goes into CSV and the
 * clipboard. NULL becomes the empty string unless `nullText` says otherwise.
 */
export function cellPlainText(value: unknown, field: Field, nullText = ''): string {
  if (value === null || value === undefined) return nullText;
  const type = field.type;
  if (DataType.isDecimal(type)) return decimalText(value, type.scale);
  if (DataType.isDate(type)) return isoDate(Number(value));
  if (DataType.isTimestamp(type)) return isoTimestamp(Number(value), Boolean(type.timezone));
  if (DataType.isTime(type)) return timeOfDay(value, type.unit);
  if (DataType.isFloat(type)) return floatText(Number(value));
  if (value instanceof Uint8Array) return `\\x${[...value].map((byte) => byte.toString(16).padStart(2, '0')).join('')}`;
  return String(value);
}

function floatText(value: number): string {
  if (Number.isNaN(value)) return 'NaN';
  if (!Number.isFinite(value)) return value > 0 ? 'Infinity' : '-Infinity';
  // Shortest round-trip form, never exponent notation for ordinary magnitudes.
  if (Math.abs(value) >= 1e21 || (Math.abs(value) < 1e-6 && value !== 0)) return String(value);
  return String(value).includes('e') ? value.toFixed(20).replace(/\.?0+$/, '') : String(value);
}

/**
 * Year columns (`year`, `年份`, `年度`, `fiscal_year`...) hold labels, not
 * quantities: 2024 must not be shown as "2,024".
 */
export function isYearColumn(name: string): boolean {
  return /(^|_)(year|yr)$|^年$|年份|年度/i.test(name);
}

/** Display text: numbers grouped with thousands separators, floats to at most `maxFractionDigits`. */
export function cellDisplayText(value: unknown, field: Field, maxFractionDigits = 6): string {
  if (value === null || value === undefined) return '';
  const kind = columnKind(field);
  if (kind === 'integer' && isYearColumn(field.name)) return cellPlainText(value, field);
  if (kind === 'float') {
    const number = Number(value);
    if (!Number.isFinite(number)) return floatText(number);
    const rounded = number.toFixed(maxFractionDigits).replace(/\.?0+$/, '');
    return groupThousands(rounded === '-0' ? '0' : rounded);
  }
  if (kind === 'integer' || kind === 'decimal') return groupThousands(cellPlainText(value, field));
  if (kind === 'boolean') return value ? 'true' : 'false';
  return cellPlainText(value, field);
}

/** A number for charts and statistics; decimals and 64-bit integers may round. NULL and text give null. */
export function cellNumber(value: unknown, field: Field): number | null {
  if (value === null || value === undefined) return null;
  const type = field.type;
  if (DataType.isDecimal(type)) return Number(decimalText(value, type.scale));
  if (typeof value === 'bigint') return Number(value);
  if (typeof value === 'number') return value;
  if (typeof value === 'boolean') return value ? 1 : 0;
  return null;
}

/**
 * A JSON literal for the value: numbers stay numbers at full precision
 * (64-bit integers and decimals are written as exact number literals), dates
 * and text become strings.
 */
export function cellJsonLiteral(value: unknown, field: Field): string {
  if (value === null || value === undefined) return 'null';
  const kind = columnKind(field);
  if (kind === 'integer' || kind === 'decimal') return cellPlainText(value, field);
  if (kind === 'float') {
    const number = Number(value);
    return Number.isFinite(number) ? JSON.stringify(number) : 'null';
  }
  if (kind === 'boolean') return value ? 'true' : 'false';
  return JSON.stringify(cellPlainText(value, field));
}

/** Rows of a table as display strings, for small tables in the CLI and tests. */
export function tableToTextRows(table: Table, render = cellPlainText): string[][] {
  const fields = table.schema.fields;
  const columns = fields.map((_field, index) => table.getChildAt(index));
  const rows: string[][] = [];
  for (let row = 0; row < table.numRows; row++) {
    rows.push(fields.map((field, index) => render(columns[index]?.get(row), field)));
  }
  return rows;
}
