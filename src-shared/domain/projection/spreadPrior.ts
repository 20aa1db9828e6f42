import type { AnnualSeries } from './annualSeries';
import { growthRateVolatility, logitIncrementVolatility, type Volatility } from './historicalVolatility';

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
  const sums: Record<SpreadClass, { squares: number; freedom: number; changes: number; series: number }> = {
    count: { squares: 0, freedom: 0, changes: 0, series: 0 },
    money: { squares: 0, freedom: 0, changes: 0, series: 0 },
    share: { squares: 0, freedom: 0, changes: 0, series: 0 },
  };
  for (const entry of series) {
    const spreadClass = spreadClassFor(entry.unit);
    const own = ownVolatility(entry.series, spreadClass);
    if (own.count < 2) continue;
    const sum = sums[spreadClass];
    sum.squares += own.sd ** 2 * (own.count - 1);
    sum.freedom += own.count - 1;
    sum.changes += own.count;
    sum.series += 1;
  }
  const prior = (spreadClass: SpreadClass): SpreadPrior => {
    const sum = sums[spreadClass];
    if (sum.changes < MIN_POOLED_CHANGES || sum.freedom === 0) {
      return { spreadClass, sd: DEFAULT_SPREAD_PRIOR[spreadClass], source: 'default', changes: 0, series: 0 };
    }
    return { spreadClass, sd: Math.sqrt(sum.squares / sum.freedom), source: 'bundled', changes: sum.changes, series: sum.series };
  };
  return { count: prior('count'), money: prior('money'), share: prior('share') };
}

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
