import { ProjectionInputError } from './annualSeries';
import { requiredGrowthRate } from './goalSeek';
import { meetsTarget, type Target } from './targetStatus';

/**
 * How an indicator accumulates, which decides how the pace needed to reach
 * its target is expressed:
 * - `stock`: a level carried from year to year (valid high-tech enterprises,
 *   R&D expenditure): the constant yearly growth rate needed ("需同比增长 X%").
 * - `flow`: a count made within each year (newly certified provincial tech
 *   SMEs, new R&D institutions): what is still to add this year given the
 *   latest in-year cumulative figure ("尚需新增 N 家"), or the whole target
 *   when the year has no figure yet ("需全年新增 N 家").
 * - `ratio`: a share or coverage rate: the percentage points still needed.
 */
export type PaceKind = 'stock' | 'flow' | 'ratio';

export type RequiredPace =
  /** The latest value already meets the target. */
  | { kind: 'met' }
  /** The target year has an actual value and it falls short. */
  | { kind: 'missed'; shortfall: number }
  | { kind: 'growth'; rate: number; years: number; fromYear: number }
  /** `monthsLeft` is 12 when the target year has no in-year figure yet. */
  | { kind: 'remaining'; amount: number; monthsLeft: number }
  | { kind: 'points'; points: number; years: number };

export interface LatestValue {
  year: number;
  value: number;
  /**
   * For an in-year cumulative figure: the last month it covers (1–12), or 0
   * when nothing of the year is counted yet. Absent for an annual value.
   */
  month?: number;
}

export interface TargetGap {
  /** Target minus latest value: how much is still missing (negative once exceeded). */
  absolute: number;
  /** `absolute` as a share of the target (0.1 = 10 % of the target still missing); null for a zero target. */
  relative: number | null;
}

export function targetGap(latest: number, target: Pick<Target, 'value'>): TargetGap {
  const absolute = target.value - latest;
  return { absolute, relative: target.value === 0 ? null : absolute / Math.abs(target.value) };
}

export function requiredPace(input: { paceKind: PaceKind; target: Target; latest: LatestValue }): RequiredPace {
  const { paceKind, target, latest } = input;
  if (latest.year > target.year) {
    throw new ProjectionInputError(`The latest value (${latest.year}) is after the target year ${target.year}`);
  }
  const isFullYear = latest.month === undefined || latest.month === 12;
  if (paceKind === 'flow') {
    if (latest.year < target.year) return meetsTarget(0, target) ? { kind: 'met' } : { kind: 'remaining', amount: target.value, monthsLeft: 12 };
    if (meetsTarget(latest.value, target)) return { kind: 'met' };
    if (isFullYear) return { kind: 'missed', shortfall: target.value - latest.value };
    return { kind: 'remaining', amount: target.value - latest.value, monthsLeft: 12 - latest.month! };
  }
  if (meetsTarget(latest.value, target)) return { kind: 'met' };
  const years = target.year - latest.year;
  if (years === 0) {
    if (isFullYear) return { kind: 'missed', shortfall: target.value - latest.value };
    // An in-year figure of a stock or ratio: the rest of the year still has to close the gap.
    return paceKind === 'ratio'
      ? { kind: 'points', points: target.value - latest.value, years: 0 }
      : { kind: 'remaining', amount: target.value - latest.value, monthsLeft: 12 - latest.month! };
  }
  if (paceKind === 'ratio') return { kind: 'points', points: target.value - latest.value, years };
  return { kind: 'growth', rate: requiredGrowthRate(latest, target), years, fromYear: latest.year };
}
