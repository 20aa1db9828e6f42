import type { AnnualSeries } from './annualSeries';
import { growthRateVolatility, logitIncrementVolatility, type Volatility } from './historicalVolatility';
import { inverseLogit, logit } from './logisticProjection';
import type { ProjectionSpec } from './projectSeries';

/**
 * Where a projection's spread comes from when a series is short.
 *
 * One or two growth rates say next to nothing about how much an indicator
 * moves from one year to the next, so a projection's yearly σ starts from a
 * prior: the pooled year-over-year variability of comparable indicators in
 * the bundled history, in three classes —
 * - `count` (家, 个, 项 …) and `money` (亿元, 万元): the sd of yearly growth
 *   rates (a multiplicative shock);
 * - `share` (%): the sd of yearly changes of logit(y / 100), so simulated
 *   shares and coverage rates stay between 0 and 100.
 * The series' own variability takes over as its history grows:
 *
 *   σ² = (w·σ²_prior + d·σ²_own) / (w + d)
 *
 * where d is the degrees of freedom of the series' own sd (changes − 1, 0
 * for one or two values) and w = PRIOR_WEIGHT pseudo-changes. When the
 * bundled history has fewer than MIN_POOLED_CHANGES changes in a class, the
 * documented default of that class is used instead.
 */
export type SpreadClass = 'count' | 'money' | 'share';

/** Prior strength in pseudo-changes: with 4 own changes (5 years) prior and own weigh 4 : 3. */
export const PRIOR_WEIGHT = 4;
/** Fewest pooled changes (from series with at least two changes) before the bundled history replaces the default. */
export const MIN_POOLED_CHANGES = 6;

/**
 * Defaults of each class for a bundle without enough history: county
 * indicators of these kinds commonly move 10–25 % a year (counts more than
 * money); a logit sd of 0.12 moves a 50 % share by about ±3 points, a
 * 90 % coverage by about ±1 point and a 3 % R&D intensity by about ±0.35
 * points a year.
 */
export const DEFAULT_SPREAD_PRIOR: Record<SpreadClass, number> = { count: 0.18, money: 0.12, share: 0.12 };

export interface SpreadPrior {
  spreadClass: SpreadClass;
  /** Yearly σ: of growth rates for counts and money, of logit changes for shares. */
  sd: number;
  /** 'bundled': pooled from the bundled history; 'default': DEFAULT_SPREAD_PRIOR. */
  source: 'bundled' | 'default';
  /** Changes and series pooled (0 for a default). */
  changes: number;
  series: number;
  /**
   * The pooled yearly drift on the class's scale (growth rate from the mean
   * ln-change per year; mean logit change per year for shares) over every
   * step of the class's series, gaps spread evenly; with fewer than
   * MIN_DRIFT_STEPS steps counts and money pool together; absent with
   * fewer still (no drift: flat).
   */
  drift?: number;
  driftChanges?: number;
}

export type SpreadPriors = Record<SpreadClass, SpreadPrior>;

const MONEY_UNITS = new Set(['元', '万元', '亿元', '千元', '百万元', '万美元', '亿美元']);

export function spreadClassFor(unit: string): SpreadClass {
  if (unit === '%') return 'share';
  return MONEY_UNITS.has(unit) ? 'money' : 'count';
}

/** The series' own yearly variability on its class's scale. */
export function ownVolatility(series: AnnualSeries, spreadClass: SpreadClass): Volatility {
  if (spreadClass === 'share') return logitIncrementVolatility(series, 100);
  return growthRateVolatility(series);
}

/**
 * Pools the yearly variability of every series of each class: the root of
 * the pooled within-series variance (each series' changes around its own
 * mean change), over series with at least two changes.
 */
export function pooledSpreadPriors(series: readonly { unit: string; series: AnnualSeries }[]): SpreadPriors {
  const empty = () => ({ squares: 0, freedom: 0, changes: 0, series: 0, driftSum: 0, driftChanges: 0 });
  const sums: Record<SpreadClass, ReturnType<typeof empty>> = { count: empty(), money: empty(), share: empty() };
  for (const entry of series) {
    const spreadClass = spreadClassFor(entry.unit);
    const own = ownVolatility(entry.series, spreadClass);
    const steps = driftSteps(entry.series, spreadClass);
    sums[spreadClass].driftSum += steps.sum;
    sums[spreadClass].driftChanges += steps.steps;
    if (own.count < 2) continue;
    const sum = sums[spreadClass];
    sum.squares += own.sd ** 2 * (own.count - 1);
    sum.freedom += own.count - 1;
    sum.changes += own.count;
    sum.series += 1;
  }
  const prior = (spreadClass: SpreadClass): SpreadPrior => {
    const sum = sums[spreadClass];
    // Too few steps in the class: counts and money (both levels) pool together; shares stand alone.
    const levels = spreadClass === 'share' ? sum : { driftSum: sums.count.driftSum + sums.money.driftSum, driftChanges: sums.count.driftChanges + sums.money.driftChanges };
    const from = sum.driftChanges >= MIN_DRIFT_STEPS ? sum : levels.driftChanges >= MIN_DRIFT_STEPS ? levels : null;
    const drift = from ? { drift: fromScale(spreadClass, from.driftSum / from.driftChanges), driftChanges: from.driftChanges } : {};
    if (sum.changes < MIN_POOLED_CHANGES || sum.freedom === 0) {
      return { spreadClass, sd: DEFAULT_SPREAD_PRIOR[spreadClass], source: 'default', changes: 0, series: 0, ...drift };
    }
    return { spreadClass, sd: Math.sqrt(sum.squares / sum.freedom), source: 'bundled', changes: sum.changes, series: sum.series, ...drift };
  };
  return { count: prior('count'), money: prior('money'), share: prior('share') };
}

/** Fewest pooled yearly steps before a class gets a drift (as many as the drift prior's own weight k). */
export const MIN_DRIFT_STEPS = 4;

/**
 * A series' drift in yearly steps: between each pair of neighbouring values
 * (years apart allowed: the change is spread evenly over the gap), the sum of
 * ln-changes (logit changes for shares) and the number of years it spans.
 */
function driftSteps(series: AnnualSeries, spreadClass: SpreadClass): { sum: number; steps: number } {
  let sum = 0;
  let steps = 0;
  for (let index = 1; index < series.length; index++) {
    const previous = series[index - 1]!;
    const current = series[index]!;
    const gap = current.year - previous.year;
    const valid = (value: number) => value > 0 && (spreadClass !== 'share' || value < 100);
    if (gap <= 0 || !valid(previous.value) || !valid(current.value)) continue;
    sum += spreadClass === 'share' ? logit(current.value, 100) - logit(previous.value, 100) : Math.log(current.value / previous.value);
    steps += gap;
  }
  return { sum, steps };
}

/** A mean yearly step back on the class's scale: a growth rate for counts and money, a logit change for shares. */
const fromScale = (spreadClass: SpreadClass, perStep: number) => (spreadClass === 'share' ? perStep : Math.expm1(perStep));

/** The documented defaults, for a workspace without bundled history. */
export function defaultSpreadPriors(): SpreadPriors {
  return pooledSpreadPriors([]);
}

/** A spread and where it came from, for the scenario panel. */
export interface SpreadOrigin {
  sd: number;
  prior: SpreadPrior;
  ownSd: number;
  /** Year-over-year changes of the series itself. */
  ownChanges: number;
  /** Share of σ² that comes from the series itself (0 with one or two values). */
  ownWeight: number;
  /** How much the simulation widens σ for the fitted trend's own error (`trendUncertaintyFactor`; 1 when none). */
  trendFactor: number;
  /** The central yearly drift shrunk toward the pooled one (`shrunkDrift`); absent when none was applied. */
  drift?: DriftOrigin;
}

export function shrunkSpread(series: AnnualSeries, prior: SpreadPrior): SpreadOrigin {
  const own = ownVolatility(series, prior.spreadClass);
  const freedom = Math.max(0, own.count - 1);
  const ownWeight = freedom / (PRIOR_WEIGHT + freedom);
  const variance = (1 - ownWeight) * prior.sd ** 2 + ownWeight * own.sd ** 2;
  return { sd: Math.sqrt(variance), prior, ownSd: own.sd, ownChanges: own.count, ownWeight, trendFactor: 1 };
}

/**
 * A fitted trend is itself uncertain: a drift estimated from n yearly
 * changes is off by about σ/√n, which h years out adds h²σ²/n to the
 * random walk's hσ². The simulation draws independent yearly shocks, so the
 * per-year σ is widened by √(1 + h/n) for methods that estimate a trend. A
 * planner's fixed growth rate (`growth`) is an assumption, not an estimate,
 * and is not widened — except from a single value, where the series says
 * nothing of its trend and the trend is as uncertain as the prior allows:
 * as if estimated from PRIOR_WEIGHT changes, √(1 + h / PRIOR_WEIGHT).
 */
export function trendUncertaintyFactor(method: string, changes: number, horizon: number): number {
  if (horizon <= 0) return 1;
  if (changes <= 0) return Math.sqrt(1 + horizon / PRIOR_WEIGHT);
  if (method === 'growth') return 1;
  return Math.sqrt(1 + horizon / changes);
}

/** Prior strength of the drift in yearly steps, k in the weight n / (n + k): the same 4 as the spread's, chosen before any backtest. */
export const DRIFT_PRIOR_WEIGHT = PRIOR_WEIGHT;

/** The central yearly drift of a short series and where it came from, on the class's scale (growth rate; logit change for shares). */
export interface DriftOrigin {
  /** (1 − w)·prior + w·own. */
  drift: number;
  prior: number;
  priorChanges: number;
  /** The series' own drift over its span (CAGR; logit change per year for shares); 0 for one value. */
  own: number;
  /** Yearly steps the own drift spans (last year − first year). */
  steps: number;
  /** w = steps / (steps + DRIFT_PRIOR_WEIGHT). */
  ownWeight: number;
}

/** Methods whose central path is a drift the prior may shrink: one value's flat line, a CAGR and a logistic share. Holt and the others keep their own fit. */
const DRIFTING = new Set(['growth', 'cagr', 'logistic']);

/**
 * With one or two values a series' own drift says next to nothing, so the
 * central yearly drift is shrunk toward the pooled drift of its class:
 *
 *   drift = (k·drift_prior + n·drift_own) / (k + n),  n = last year − first year, k = DRIFT_PRIOR_WEIGHT
 *
 * Null when the prior has no drift, the method is not one of DRIFTING or a
 * planner's fixed rate (growth ≠ 0), or a share has no bound to read it on.
 */
export function shrunkDrift(series: AnnualSeries, spec: ProjectionSpec, prior: SpreadPrior, upperBound: number | null): DriftOrigin | null {
  if (prior.drift === undefined || !DRIFTING.has(spec.method) || (spec.method === 'growth' && spec.rate !== 0)) return null;
  if (prior.spreadClass === 'share' && upperBound === null) return null;
  const first = series[0];
  const last = series[series.length - 1];
  if (!first || !last) return null;
  const steps = last.year - first.year;
  const scaled = (value: number) => (prior.spreadClass === 'share' ? logit(value, upperBound!) : Math.log(value));
  const inRange = (value: number) => value > 0 && (prior.spreadClass !== 'share' || value < upperBound!);
  if (!inRange(first.value) || !inRange(last.value)) return null;
  const perStep = steps > 0 ? (scaled(last.value) - scaled(first.value)) / steps : 0;
  const own = prior.spreadClass === 'share' ? perStep : Math.expm1(perStep);
  const ownWeight = steps / (steps + DRIFT_PRIOR_WEIGHT);
  return { drift: (1 - ownWeight) * prior.drift + ownWeight * own, prior: prior.drift, priorChanges: prior.driftChanges ?? 0, own, steps, ownWeight };
}

/**
 * The yearly adjustment (`adjustProjection`'s g) that turns the method's
 * own central path into the shrunk drift's: a ratio of growth factors for
 * counts and money, a logit step for a logistic share; for a share's flat
 * line from one value, the growth that the logit drift gives at its level.
 */
export function driftAdjustment(series: AnnualSeries, drift: DriftOrigin, spec: ProjectionSpec, spreadClass: SpreadClass, upperBound: number | null): number {
  const last = series[series.length - 1]!;
  if (spreadClass === 'share') {
    if (spec.method === 'logistic') return drift.drift - drift.own;
    return inverseLogit(logit(last.value, upperBound!) + drift.drift, upperBound!) / last.value - 1;
  }
  const methodGrowth = spec.method === 'cagr' ? drift.own : 0;
  return (1 + drift.drift) / (1 + methodGrowth) - 1;
}

/** The shrunk drift of a series under its default method and the adjustment that applies it; null when no drift applies. */
export function priorDrift(
  series: AnnualSeries,
  spec: ProjectionSpec,
  prior: SpreadPrior,
  upperBound: number | null,
): { drift: DriftOrigin; adjustment: number } | null {
  const drift = shrunkDrift(series, spec, prior, upperBound);
  return drift ? { drift, adjustment: driftAdjustment(series, drift, spec, prior.spreadClass, upperBound) } : null;
}
