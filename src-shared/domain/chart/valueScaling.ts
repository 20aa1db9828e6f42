import type { ValueScaling } from './ChartSpec';
import { splitLabelUnit } from '../unitText';

/**
 * 万/亿 scaling for axis values. A unit is read as an optional magnitude
 * prefix (万 = 10⁴, 亿 = 10⁸) on a base unit (元, 家, 人, or nothing), so
 * values in 元 above 10⁸ become 亿元 and values in 万元 above 10⁴ become
 * 亿元. Never scales down to a smaller magnitude than the data's own, and
 * never scales rates (%, ‰, 个百分点).
 */

export interface ScaledUnit {
  /** Divide the stored values by this to get the shown values. */
  divisor: number;
  /** The unit to show, e.g. 亿元; '' when the values have no unit. */
  unit: string;
}

const PREFIXES: [string, number][] = [
  ['亿', 1e8],
  ['万', 1e4],
];

function isRate(unit: string): boolean {
  return unit.includes('%') || unit.includes('‰') || unit.includes('百分点');
}

function splitUnit(unit: string): { base: string; magnitude: number } {
  for (const [prefix, magnitude] of PREFIXES) {
    if (unit.startsWith(prefix) && unit.length > 0) return { base: unit.slice(prefix.length), magnitude };
  }
  return { base: unit, magnitude: 1 };
}

export function scaleUnit(unit: string | null | undefined, maxAbs: number, scaling: ValueScaling = 'auto'): ScaledUnit {
  const given = unit ?? '';
  if (scaling === 'none' || isRate(given)) return { divisor: 1, unit: given };
  const { base, magnitude } = splitUnit(given);
  let target: number;
  if (scaling === 'yi') target = 1e8;
  else if (scaling === 'wan') target = 1e4;
  else {
    const inBase = Math.abs(maxAbs) * magnitude;
    target = inBase >= 1e8 ? 1e8 : inBase >= 1e4 ? 1e4 : magnitude;
  }
  if (target < magnitude) target = magnitude;
  if (target === magnitude) return { divisor: 1, unit: given };
  const prefix = target === 1e8 ? '亿' : target === 1e4 ? '万' : '';
  return { divisor: target / magnitude, unit: prefix + base };
}

/** 3.53 with at most `decimals` places, no trailing zeros; thousands grouped. */
export function formatScaled(value: number, decimals = 2): string {
  const fixed = value.toFixed(decimals).replace(/\.?0+$/, '');
  const [whole, fraction] = fixed.split('.');
  const grouped = whole!.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return fraction ? `${grouped}.${fraction}` : grouped;
}

/** `研发经费（亿元）`: the axis title with its unit in full-width brackets, as Chinese tables and charts write it. */
export function axisTitle(title: string | null | undefined, unit: string): string {
  const text = title ?? '';
  if (!unit) return text;
  // A header that states its own unit (金额（元）) shows the axis's (金额（亿元）), not both.
  const stated = splitLabelUnit(text);
  if (stated.unit !== null && stated.label !== '') return `${stated.label}（${unit}）`;
  return text ? `${text}（${unit}）` : `（${unit}）`;
}
