import {
  checkedSeries,
  lastPoint,
  ProjectionInputError,
  projectionYears,
  type AnnualSeries,
  type ProjectedPoint,
} from './annualSeries';
import { minimizeBounded, type ParameterDomain } from './minimizeBounded';

/**
 * Holt's linear trend method and the damped trend method (Gardner &
 * McKenzie), in the notation of Hyndman & Athanasopoulos, Forecasting:
 * Principles and Practice (3rd ed.), §8.2:
 *
 *   level    ℓ_t = α·y_t + (1 − α)·(ℓ_{t−1} + φ·b_{t−1})
 *   trend    b_t = β·(ℓ_t − ℓ_{t−1}) + (1 − β)·φ·b_{t−1}
 *   forecast ŷ_{t+h|t} = ℓ_t + (φ + φ² + … + φ^h)·b_t
 *
 * φ = 1 is Holt's method. β here is FPP's β* (NIST's γ).
 *
 * Initializations (`init`):
 * - `simple` (also `simple-nist`): the NIST/SEMATECH start, ℓ₁ = y₁ and
 *   b₁ = y₂ − y₁ (e-Handbook §6.4.3.3, first suggestion); the state belongs
 *   to year 1 and smoothing starts at the second year, so the first one-step
 *   error is for year 2.
 * - `simple-fpp`: the start of FPP (1st ed., §7.2, Table 7.3) and of R's
 *   `holt(initial = "simple")`: ℓ₀ = y₁ and b₀ = y₂ − y₁ as the state one
 *   year *before* the first observation, so smoothing starts one year
 *   earlier, at year 1 (whose one-step forecast is y₂). For ausair
 *   1990–2004 with α = 0.8, β = 0.2 it gives 43.76 for 2005 (NIST: 43.80).
 * - `simple3`: ℓ₁ = y₁ and b₁ = the mean of the first three differences,
 *   (y₄ − y₁)/3 (NIST's second suggestion, used in its worked example).
 * - `fitted`: ℓ₀ and b₀ (the state one year before the first observation)
 *   are estimated together with the smoothing parameters, as FPP §8.2 and
 *   ETS do; every year has a one-step error.
 * - `{ level, trend }`: ℓ₀ and b₀ given by the user (the state one year
 *   before the first observation, like "F₁ and T₁" in trend-adjusted
 *   exponential smoothing textbooks).
 *
 * Any of α, β, φ not given is fitted by minimizing the sum of squared
 * one-step errors with `minimizeBounded` (Nelder–Mead with box bounds, a
 * start grid and restarts): α and β in [0, 1], φ in [0.8, 0.98] (FPP's
 * practical range; a given φ may be anything in (0, 1]).
 */
export type HoltInitialization = 'simple' | 'simple-nist' | 'simple-fpp' | 'simple3' | 'fitted' | { level: number; trend: number };

/** The named initializations, as the CLI and scenario files spell them. */
export const HOLT_INITIALIZATIONS = ['simple', 'simple-nist', 'simple-fpp', 'simple3', 'fitted'] as const;

export interface HoltOptions {
  alpha?: number;
  beta?: number;
  /** Damped trend: φ is used (given, or fitted when absent). */
  damped?: boolean;
  phi?: number;
  /** Default `fitted`. */
  init?: HoltInitialization;
}

export interface HoltFit {
  alpha: number;
  beta: number;
  /** 1 for Holt's linear method. */
  phi: number;
  init: 'simple' | 'simple-fpp' | 'simple3' | 'fitted' | 'given';
  /** The state the recursion starts from, and the year it belongs to. */
  initialLevel: number;
  initialTrend: number;
  initialYear: number;
  /** Which of alpha, beta, phi, initialLevel, initialTrend were estimated. */
  estimated: ('alpha' | 'beta' | 'phi' | 'initialLevel' | 'initialTrend')[];
  /** Final state, at `lastYear`. */
  level: number;
  trend: number;
  lastYear: number;
  /** One-step forecasts ŷ_{t|t−1}, and the level and trend after observing y_t, for the years smoothed. */
  oneStepForecasts: { year: number; actual: number; forecast: number; level: number; trend: number }[];
  /** Sum of squared one-step errors. */
  sse: number;
}

/** Damping bounds when φ is estimated (FPP §8.2 restricts φ to 0.8–0.98). */
export const FITTED_PHI_RANGE = { lower: 0.8, upper: 0.98 } as const;

export function fitHolt(series: AnnualSeries, options: HoltOptions = {}): HoltFit {
  const init = options.init ?? 'fitted';
  const damped = options.damped === true || options.phi !== undefined;
  const method = damped ? 'The damped trend method' : "Holt's method";
  const minLength = init === 'simple3' ? 4 : init === 'fitted' && (options.alpha === undefined || options.beta === undefined) ? 4 : 2;
  const sorted = checkedSeries(series, { method, minLength, consecutive: true });
  checkUnitInterval('alpha', options.alpha);
  checkUnitInterval('beta', options.beta);
  if (options.phi !== undefined && !(options.phi > 0 && options.phi <= 1)) {
    throw new ProjectionInputError(`phi (the damping parameter) must be in (0, 1]; got ${String(options.phi)}`);
  }
  const y = Float64Array.from(sorted, (point) => point.value);
  const firstYear = sorted[0]!.year;
  const n = y.length;

  // State the recursion starts from. `start` is the index of the first year with a one-step error.
  let level0: number;
  let trend0: number;
  let start: number;
  let initKind: HoltFit['init'];
  if (init === 'simple' || init === 'simple-nist' || init === 'simple3') {
    level0 = y[0]!;
    trend0 = init === 'simple3' ? (y[3]! - y[0]!) / 3 : y[1]! - y[0]!;
    start = 1;
    initKind = init === 'simple3' ? 'simple3' : 'simple';
  } else if (init === 'simple-fpp') {
    level0 = y[0]!;
    trend0 = y[1]! - y[0]!;
    start = 0;
    initKind = 'simple-fpp';
  } else if (init === 'fitted') {
    // Starting guess: least-squares line through the first (up to) five years, read at the year before.
    const head = Math.min(n, 5);
    let meanX = 0;
    let meanY = 0;
    for (let i = 0; i < head; i++) {
      meanX += (i + 1) / head;
      meanY += y[i]! / head;
    }
    let sxy = 0;
    let sxx = 0;
    for (let i = 0; i < head; i++) {
      sxy += (i + 1 - meanX) * (y[i]! - meanY);
      sxx += (i + 1 - meanX) ** 2;
    }
    trend0 = sxx > 0 ? sxy / sxx : 0;
    level0 = meanY - trend0 * meanX;
    start = 0;
    initKind = 'fitted';
  } else {
    if (!Number.isFinite(init.level) || !Number.isFinite(init.trend)) {
      throw new ProjectionInputError('The given initial level and trend must be numbers');
    }
    level0 = init.level;
    trend0 = init.trend;
    start = 0;
    initKind = 'given';
  }

  const estimated: HoltFit['estimated'] = [];
  let alpha = options.alpha ?? Number.NaN;
  let beta = options.beta ?? Number.NaN;
  let phi = damped ? (options.phi ?? Number.NaN) : 1;
  const domains: ParameterDomain[] = [];
  const slots: ((value: number) => void)[] = [];
  const startGrids: number[][] = [];
  if (options.alpha === undefined) {
    estimated.push('alpha');
    domains.push({ lower: 0, upper: 1 });
    slots.push((value) => (alpha = value));
    startGrids.push([0.2, 0.5, 0.9]);
  }
  if (options.beta === undefined) {
    estimated.push('beta');
    domains.push({ lower: 0, upper: 1 });
    slots.push((value) => (beta = value));
    startGrids.push([0.05, 0.3, 0.8]);
  }
  if (damped && options.phi === undefined) {
    estimated.push('phi');
    domains.push(FITTED_PHI_RANGE);
    slots.push((value) => (phi = value));
    startGrids.push([0.85, 0.95]);
  }
  if (initKind === 'fitted') {
    const spread = Math.max(...y) - Math.min(...y);
    const scale = spread > 0 ? spread : Math.abs(y[0]!) > 0 ? Math.abs(y[0]!) : 1;
    estimated.push('initialLevel', 'initialTrend');
    domains.push({ scale }, { scale });
    slots.push((value) => (level0 = value), (value) => (trend0 = value));
    startGrids.push([level0], [trend0]);
  }

  if (domains.length > 0) {
    const objective = (x: readonly number[]) => {
      for (let i = 0; i < x.length; i++) slots[i]!(x[i]!);
      return runHolt(y, alpha, beta, phi, level0, trend0, start, null);
    };
    const { x } = minimizeBounded(objective, domains, { starts: cartesian(startGrids) });
    for (let i = 0; i < x.length; i++) slots[i]!(x[i]!);
  }

  const record = { forecasts: new Float64Array(n), levels: new Float64Array(n), trends: new Float64Array(n) };
  const final = { level: 0, trend: 0 };
  const sse = runHolt(y, alpha, beta, phi, level0, trend0, start, record, final);
  const oneStepForecasts: HoltFit['oneStepForecasts'] = [];
  for (let i = start; i < n; i++) {
    oneStepForecasts.push({ year: firstYear + i, actual: y[i]!, forecast: record.forecasts[i]!, level: record.levels[i]!, trend: record.trends[i]! });
  }
  return {
    alpha,
    beta,
    phi,
    init: initKind,
    initialLevel: level0,
    initialTrend: trend0,
    initialYear: start === 1 ? firstYear : firstYear - 1,
    estimated,
    level: final.level,
    trend: final.trend,
    lastYear: lastPoint(sorted).year,
    oneStepForecasts,
    sse,
  };
}

/** The h-step-ahead forecast from the final state: ℓ_T + (φ + … + φ^h)·b_T. */
export function holtForecast(fit: HoltFit, h: number): number {
  let damping = 0;
  let power = 1;
  for (let step = 1; step <= h; step++) {
    power *= fit.phi;
    damping += power;
  }
  return fit.level + damping * fit.trend;
}

/** Fits Holt's (or the damped trend) method and projects from the last actual year to `toYear`. */
export function projectHolt(series: AnnualSeries, options: HoltOptions & { toYear: number }): { fit: HoltFit; path: ProjectedPoint[] } {
  const fit = fitHolt(series, options);
  const path = projectionYears(fit.lastYear, options.toYear).map((year) => ({ year, value: holtForecast(fit, year - fit.lastYear) }));
  return { fit, path };
}

/** Runs the recursion; returns the SSE of one-step errors from index `start`. */
function runHolt(
  y: Float64Array,
  alpha: number,
  beta: number,
  phi: number,
  level0: number,
  trend0: number,
  start: number,
  record: { forecasts: Float64Array; levels: Float64Array; trends: Float64Array } | null,
  final?: { level: number; trend: number },
): number {
  let level = level0;
  let trend = trend0;
  let sse = 0;
  for (let i = start; i < y.length; i++) {
    const forecast = level + phi * trend;
    const error = y[i]! - forecast;
    sse += error * error;
    const nextLevel = alpha * y[i]! + (1 - alpha) * forecast;
    trend = beta * (nextLevel - level) + (1 - beta) * phi * trend;
    level = nextLevel;
    if (record) {
      record.forecasts[i] = forecast;
      record.levels[i] = level;
      record.trends[i] = trend;
    }
  }
  if (final) {
    final.level = level;
    final.trend = trend;
  }
  return sse;
}

function checkUnitInterval(name: string, value: number | undefined): void {
  if (value !== undefined && !(value >= 0 && value <= 1)) {
    throw new ProjectionInputError(`${name} (a smoothing parameter) must be between 0 and 1; got ${String(value)}`);
  }
}

function cartesian(grids: readonly (readonly number[])[]): number[][] {
  let points: number[][] = [[]];
  for (const grid of grids) points = points.flatMap((point) => grid.map((value) => [...point, value]));
  return points;
}
