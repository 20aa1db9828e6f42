import { z } from 'zod';
import { ProjectionInputError } from './annualSeries';

/**
 * Targets and whether a value meets them, and the one place where the
 * status thresholds (on track / at risk / off track) are defined.
 */
export type Comparator = '>' | '>=' | '=';

/** A target for one indicator: e.g. `{ comparator: '>', value: 1000, year: 2024 }` for "超过千家". */
export interface Target {
  comparator: Comparator;
  value: number;
  year: number;
}

export const targetSchema = z
  .object({ comparator: z.enum(['>', '>=', '=']), value: z.number(), year: z.number().int().min(1900).max(2200) })
  .strict();

/**
 * How close to the target an '=' target must come: equal once rounded to one
 * decimal place, the precision the bureau publishes rates and amounts in
 * (全覆盖 = 100 % is met from 99.95 %; 99.7 % is not full coverage).
 * Bounded projections (logistic) approach 100 % without reaching it, so such
 * a target is met by a projection only when it rounds to 100.0 %.
 * Counts written as '=' are read as "at least" (see `readTarget`).
 */
export const EQUALS_ROUNDING_TOLERANCE = 0.05;
/** Float slack so that 99.95 (stored as 99.9500000001 or 99.94999999) is read as written. */
const ROUNDING_SLACK = 1e-9;

export function meetsTarget(value: number, target: Pick<Target, 'comparator' | 'value'>): boolean {
  switch (target.comparator) {
    case '>':
      return value > target.value;
    case '>=':
      return value >= target.value;
    case '=':
      return Math.abs(value - target.value) <= EQUALS_ROUNDING_TOLERANCE + ROUNDING_SLACK;
  }
}

export type TargetStatus = 'on-track' | 'at-risk' | 'off-track';

/**
 * Status thresholds, from the probability of meeting the target:
 * on track at 80 % or more, at risk from 40 % to below 80 %, off track below
 * 40 %. Without a probability (no simulation), from the projected value:
 * on track when it meets the target, at risk when it falls short by at most
 * 5 % of the target, off track otherwise.
 */
export const STATUS_THRESHOLDS = { onTrackProbability: 0.8, atRiskProbability: 0.4, atRiskShortfall: 0.05 } as const;

export function statusFromProbability(probability: number): TargetStatus {
  if (!(probability >= 0 && probability <= 1)) throw new RangeError(`A probability must be between 0 and 1; got ${String(probability)}`);
  if (probability >= STATUS_THRESHOLDS.onTrackProbability) return 'on-track';
  if (probability >= STATUS_THRESHOLDS.atRiskProbability) return 'at-risk';
  return 'off-track';
}

export function statusFromProjection(projected: number, target: Pick<Target, 'comparator' | 'value'>): TargetStatus {
  if (meetsTarget(projected, target)) return 'on-track';
  const shortfall = Math.abs(target.value - projected) / Math.max(Math.abs(target.value), Number.MIN_VALUE);
  return shortfall <= STATUS_THRESHOLDS.atRiskShortfall ? 'at-risk' : 'off-track';
}

/** The status from a probability when there is one, else from the projected value. */
export function targetStatus(input: { target: Pick<Target, 'comparator' | 'value'>; projected: number; probability: number | null }): TargetStatus {
  return input.probability === null ? statusFromProjection(input.projected, input.target) : statusFromProbability(input.probability);
}

/**
 * Reads a comparator as people write it: '>', '>=', '=', and the full-width
 * and typographic forms '＞', '≥', '＝', '==' that appear in Chinese plans.
 */
export function parseComparator(text: string): Comparator {
  const normalized = text.trim();
  if (normalized === '>' || normalized === '＞') return '>';
  if (normalized === '>=' || normalized === '≥' || normalized === '＞＝' || normalized === '>＝') return '>=';
  if (normalized === '=' || normalized === '==' || normalized === '＝') return '=';
  throw new ProjectionInputError(`Unknown target comparator "${text}"; use >, >= or =`);
}
