/**
 * Units of the indicator catalog and conversion between them. Amounts of
 * money convert among 元/千元/万元/百万元/亿元; every other unit only
 * converts to itself (家 is not 个). One function, `convertUnit`, is the only
 * place values change unit.
 */

export type UnitDimension = 'money' | 'percent' | 'count';

interface UnitSpec {
  dimension: UnitDimension;
  /** Multiples of the dimension's base unit (元 for money); 1 elsewhere. */
  factor: number;
  /** Which count is meant: 家 and 项 are both counts but never interchangeable. */
  countOf?: string;
}

const MONEY: Record<string, number> = { 元: 1, 千元: 1e3, 万元: 1e4, 百万元: 1e6, 亿元: 1e8 };
const COUNTS = ['家', '个', '项', '人', '台套', '件', '次'] as const;

const UNITS: ReadonlyMap<string, UnitSpec> = new Map<string, UnitSpec>([
  ...Object.entries(MONEY).map(([unit, factor]): [string, UnitSpec] => [unit, { dimension: 'money', factor }]),
  ['%', { dimension: 'percent', factor: 1 }],
  ...COUNTS.map((unit): [string, UnitSpec] => [unit, { dimension: 'count', factor: 1, countOf: unit }]),
]);

/** Every unit the workbench knows, in display order. */
export const KNOWN_UNITS: readonly string[] = [...UNITS.keys()];

const SIGNIFICANT_DIGITS = 15;

/** A value could not be converted; the message says which units and why. */
export class UnitConversionError extends Error {}

export function isKnownUnit(unit: string): boolean {
  return UNITS.has(unit);
}

export function unitDimension(unit: string): UnitDimension | null {
  return UNITS.get(unit)?.dimension ?? null;
}

/** Units a value in `unit` can be converted to (itself included). */
export function compatibleUnits(unit: string): string[] {
  const spec = UNITS.get(unit);
  if (!spec) return [];
  return KNOWN_UNITS.filter((other) => canConvert(unit, other));
}

export function canConvert(from: string, to: string): boolean {
  const a = UNITS.get(from);
  const b = UNITS.get(to);
  if (!a || !b || a.dimension !== b.dimension) return false;
  return a.dimension !== 'count' || a.countOf === b.countOf;
}

/**
 * What an import does with a value stated in `from` for an indicator kept in
 * `to`: keeps it, converts it (万元 → 亿元), or refuses it because the file
 * states no unit or a unit of another kind (家 never becomes 亿元). The
 * import view's mapping says it before the import, the import applies it.
 */
export type UnitChange = 'same' | 'convert' | 'no-unit' | 'mismatch';

export function unitChange(from: string | null, to: string | null): UnitChange {
  if (from === to) return 'same';
  if (from !== null && to !== null && canConvert(from, to)) return 'convert';
  return from === null ? 'no-unit' : 'mismatch';
}

/**
 * `value` in `from` expressed in `to`, e.g. 817.5 亿元 → 8,175,000 万元.
 * The scale step is an exact power of ten; the result is rounded to 15
 * significant digits (all a double holds reliably) so that binary noise such
 * as 511510.6475000001 never appears, and a value written with up to 15
 * significant digits converts there and back to exactly itself.
 */
export function convertUnit(value: number, from: string, to: string): number {
  if (!Number.isFinite(value)) throw new UnitConversionError(`Cannot convert ${value}: not a finite number`);
  const a = UNITS.get(from);
  const b = UNITS.get(to);
  if (!a) throw new UnitConversionError(`Unknown unit "${from}" (known: ${KNOWN_UNITS.join(' ')})`);
  if (!b) throw new UnitConversionError(`Unknown unit "${to}" (known: ${KNOWN_UNITS.join(' ')})`);
  if (!canConvert(from, to)) throw new UnitConversionError(`Cannot convert ${from} to ${to}: they measure different things`);
  if (a.factor === b.factor) return value;
  const scaled = a.factor > b.factor ? value * (a.factor / b.factor) : value / (b.factor / a.factor);
  return Number(scaled.toPrecision(SIGNIFICANT_DIGITS));
}

export interface FormatOptions {
  /** Decimal places to show at most (trailing zeros dropped); default 4. */
  maximumFractionDigits?: number;
  /** Decimal places always shown; default 0. */
  minimumFractionDigits?: number;
}

/** A number with thousands separators: 24480.1 → "24,480.1". Not for years. */
export function formatNumber(value: number, options: FormatOptions = {}): string {
  if (!Number.isFinite(value)) return String(value);
  const maximumFractionDigits = options.maximumFractionDigits ?? 4;
  return new Intl.NumberFormat('en-US', {
    maximumFractionDigits,
    minimumFractionDigits: Math.min(options.minimumFractionDigits ?? 0, maximumFractionDigits),
    useGrouping: true,
  }).format(value);
}

/** A value with its unit: "817.5 亿元", "1,000 家", "3.53%". */
export function formatValue(value: number, unit: string, options: FormatOptions = {}): string {
  const number = formatNumber(value, options);
  if (unit === '') return number;
  return unit === '%' ? `${number}%` : `${number} ${unit}`;
}
