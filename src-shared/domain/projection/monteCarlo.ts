import { ProjectionInputError, type AnnualSeries } from './annualSeries';
import { growthRateVolatility, incrementVolatility, logitIncrementVolatility } from './historicalVolatility';
import { inverseLogit, logit } from './logisticProjection';
import type { Projection } from './projectSeries';
import { createSeededRandom, type SeededRandom } from './seededRandom';
import { meetsTarget, type Target } from './targetStatus';

/**
 * Monte Carlo over the assumptions of every target's model, giving P10 /
 * P50 / P90 per projected year and the probability of meeting each target.
 *
 * Models (plain data, so a request can cross to a Web Worker):
 * - `path`: a deterministic projection (any univariate method) whose yearly
 *   steps are perturbed: multiplicative s_t = s_{t−1}·(v_t/v_{t−1})·(1 + σε),
 *   additive s_t = s_{t−1} + (v_t − v_{t−1}) + σε, or on the logit scale for
 *   bounded series (so paths never pass the ceiling). σ defaults to the
 *   series' own year-over-year volatility (`pathSimulationFor`).
 * - `stockFlow`: the certificate model with new certifications,
 *   recertification rate and revocations drawn each year.
 * - `ratio`: numerator and denominator simulated as independent paths.
 * - `yearEnd`: an in-year cumulative figure divided by a drawn seasonal share
 *   (the rest of the year optionally scaled by a pace factor).
 *
 * Every draw is normal (ε standard normal from `createSeededRandom(seed)`),
 * independent across years, assumptions and targets, and clamped where the
 * quantity is bounded: rates to [0, 1], counts and growth factors to ≥ 0,
 * seasonal shares to [0.01, 1] (a share above 1 would put the year-end total
 * below what is already counted). Targets are simulated one after another
 * from one random stream, so a given seed always gives the same figures.
 * Quantiles are the linear-interpolation kind (Excel PERCENTILE.INC, R type
 * 7) found by quickselect; values live in preallocated Float64Arrays, with
 * no allocation per path.
 */
export interface Spread {
  mean: number;
  sd: number;
}

export type Shock = { kind: 'multiplicative' | 'additive'; sd: number } | { kind: 'logit'; sd: number; capacity: number };

export interface PathSimulation {
  kind: 'path';
  /** The last actual value, the year before the first simulated year. */
  base: number;
  /** The deterministic projection, one value per simulated year. */
  points: readonly number[];
  shock: Shock;
}

export interface StockFlowSimulation {
  kind: 'stockFlow';
  openingStock: number;
  termYears: number;
  /**
   * Per simulated year: certificates expiring from known history, or null
   * when they come from a cohort issued within the simulation (or, for years
   * before that, the steady-state third of the opening stock).
   */
  knownExpiring: readonly (number | null)[];
  /** Mean first-time certifications per simulated year, and one spread for all years. */
  newCertifications: { mean: readonly number[]; sd: number };
  recertificationRate: Spread;
  revoked: Spread;
}

/** One part of a ratio: actual values for some years, a simulated path for the years after `baseYear`. */
export interface RatioPartSimulation {
  baseYear: number;
  base: number;
  points: readonly number[];
  shock: Shock;
  actuals: readonly { year: number; value: number }[];
}

export interface RatioSimulation {
  kind: 'ratio';
  numerator: RatioPartSimulation;
  denominator: RatioPartSimulation;
  scale: number;
}

export interface YearEndSimulation {
  kind: 'yearEnd';
  cumulativeValue: number;
  share: Spread;
  /** Pace of the rest of the year relative to the seasonal pattern (1 = the same; default 1). */
  paceFactor?: number;
}

export type SimulationModel = PathSimulation | StockFlowSimulation | RatioSimulation | YearEndSimulation;

export interface SimulationTarget {
  id: string;
  /** Consecutive simulated years. */
  years: readonly number[];
  model: SimulationModel;
  /** Probability of meeting it is computed when given; its year must be among `years`. */
  target: Target | null;
}

export interface MonteCarloRequest {
  targets: readonly SimulationTarget[];
  paths: number;
  seed: number;
}

export interface MonteCarloTargetResult {
  id: string;
  years: number[];
  p10: Float64Array;
  p50: Float64Array;
  p90: Float64Array;
  mean: Float64Array;
  /** Share of paths meeting the target in its year; null without a target. */
  probability: number | null;
}

export interface MonteCarloResult {
  paths: number;
  seed: number;
  targets: MonteCarloTargetResult[];
}

export const MAX_PATHS = 10_000_000;

export function runMonteCarlo(request: MonteCarloRequest): MonteCarloResult {
  const { paths, seed } = request;
  if (!Number.isInteger(paths) || paths < 1 || paths > MAX_PATHS) {
    throw new ProjectionInputError(`The number of simulated paths must be a whole number from 1 to ${MAX_PATHS}; got ${String(paths)}`);
  }
  for (const target of request.targets) checkSimulationTarget(target);
  const random = createSeededRandom(seed);
  const maxYears = Math.max(0, ...request.targets.map((target) => target.years.length));
  const buffers = Array.from({ length: maxYears }, () => new Float64Array(paths));
  const results = request.targets.map((target) => simulateTarget(target, paths, random, buffers));
  return { paths, seed, targets: results };
}

/** The typed-array buffers of a result, to transfer from a Web Worker without copying. */
export function monteCarloTransferables(result: MonteCarloResult): ArrayBuffer[] {
  return result.targets.flatMap((target) => [target.p10, target.p50, target.p90, target.mean].map((array) => array.buffer as ArrayBuffer));
}

/**
 * A path simulation for a projection. σ comes from `spread` when given (the
 * prior shrunk toward the series' own variability, `shrunkSpread`), else
 * from the series' own history. Logistic projections, and projections of a
 * bounded quantity (`upperBound`, e.g. 100 for a share) whose values lie
 * inside the bound, are perturbed on the logit scale (paths never pass the
 * ceiling); series with only positive values multiplicatively; others
 * additively. A 'share' spread is a logit σ: on the multiplicative scale it
 * is taken at the last level (σ·(1 − y/100)), on the additive scale as
 * σ·|y| for counts and money. `sdFactor` scales σ (a scenario's
 * "volatility ×" setting).
 */
export function pathSimulationFor(
  series: AnnualSeries,
  projection: Projection,
  options: { sdFactor?: number; spread?: { sd: number; spreadClass: 'count' | 'money' | 'share' }; upperBound?: number | null } = {},
): PathSimulation {
  const factor = options.sdFactor ?? 1;
  if (!(factor >= 0)) throw new ProjectionInputError(`The volatility factor must be at least 0; got ${String(factor)}`);
  const { spread } = options;
  const last = projection.lastActual.value;
  const bound = options.upperBound ?? null;
  const inside = (value: number, ceiling: number) => value > 0 && value < ceiling;
  const logisticCapacity = projection.spec.method === 'logistic' ? projection.parameters.capacity : null;
  const capacity =
    typeof logisticCapacity === 'number'
      ? logisticCapacity
      : bound !== null && series.every((point) => inside(point.value, bound)) && projection.path.every((point) => inside(point.value, bound))
        ? bound
        : null;
  let shock: Shock;
  if (capacity !== null) {
    const sd = spread ? spread.sd : logitIncrementVolatility(series, capacity).sd;
    shock = { kind: 'logit', sd: factor * sd, capacity };
  } else if (series.every((point) => point.value > 0) && projection.path.every((point) => point.value > 0)) {
    const sd = spread ? (spread.spreadClass === 'share' ? spread.sd * Math.max(0, 1 - last / 100) : spread.sd) : growthRateVolatility(series).sd;
    shock = { kind: 'multiplicative', sd: factor * sd };
  } else {
    const sd = spread ? spread.sd * Math.abs(last) : incrementVolatility(series).sd;
    shock = { kind: 'additive', sd: factor * sd };
  }
  return { kind: 'path', base: last, points: projection.path.map((point) => point.value), shock };
}

function simulateTarget(target: SimulationTarget, paths: number, random: SeededRandom, buffers: Float64Array[]): MonteCarloTargetResult {
  const years = target.years.length;
  const { model } = target;
  switch (model.kind) {
    case 'path': {
      const step = pathStepper(model.base, model.points, model.shock);
      for (let path = 0; path < paths; path++) {
        let state = step.start;
        for (let year = 0; year < years; year++) {
          state = step.next(state, year, random.nextNormal());
          buffers[year]![path] = step.value(state);
        }
      }
      break;
    }
    case 'stockFlow': {
      const issued = new Float64Array(years);
      const rate = model.recertificationRate;
      for (let path = 0; path < paths; path++) {
        let opening = model.openingStock;
        for (let year = 0; year < years; year++) {
          const known = model.knownExpiring[year];
          const cohort = known ?? (year - model.termYears >= 0 ? issued[year - model.termYears]! : opening / model.termYears);
          const expiring = Math.min(opening, cohort);
          const fresh = Math.max(0, model.newCertifications.mean[year]! + model.newCertifications.sd * random.nextNormal());
          const renewed = expiring * Math.min(1, Math.max(0, rate.mean + rate.sd * random.nextNormal()));
          const revoked = Math.max(0, model.revoked.mean + model.revoked.sd * random.nextNormal());
          const closing = Math.max(0, opening + fresh + renewed - expiring - revoked);
          issued[year] = fresh + renewed;
          buffers[year]![path] = closing;
          opening = closing;
        }
      }
      break;
    }
    case 'ratio': {
      const top = ratioPart(model.numerator, target.years);
      const bottom = ratioPart(model.denominator, target.years);
      const topValues = new Float64Array(top.length);
      const bottomValues = new Float64Array(bottom.length);
      for (let path = 0; path < paths; path++) {
        top.simulate(random, topValues);
        bottom.simulate(random, bottomValues);
        for (let year = 0; year < years; year++) {
          buffers[year]![path] = (model.scale * top.valueAt(year, topValues)) / bottom.valueAt(year, bottomValues);
        }
      }
      break;
    }
    case 'yearEnd': {
      const { mean, sd } = model.share;
      const pace = model.paceFactor ?? 1;
      const counted = model.cumulativeValue;
      for (let path = 0; path < paths; path++) {
        const share = Math.min(1, Math.max(0.01, mean + sd * random.nextNormal()));
        buffers[0]![path] = counted + (counted / share - counted) * pace;
      }
      break;
    }
  }

  const result: MonteCarloTargetResult = {
    id: target.id,
    years: [...target.years],
    p10: new Float64Array(years),
    p50: new Float64Array(years),
    p90: new Float64Array(years),
    mean: new Float64Array(years),
    probability: null,
  };
  const targetIndex = target.target ? target.years.indexOf(target.target.year) : -1;
  for (let year = 0; year < years; year++) {
    const values = buffers[year]!.subarray(0, paths);
    let sum = 0;
    let meeting = 0;
    for (let path = 0; path < paths; path++) {
      sum += values[path]!;
      if (year === targetIndex && meetsTarget(values[path]!, target.target!)) meeting++;
    }
    result.mean[year] = sum / paths;
    if (year === targetIndex) result.probability = meeting / paths;
    const [p10, p50, p90] = quantilesInPlace(values, [0.1, 0.5, 0.9]);
    result.p10[year] = p10!;
    result.p50[year] = p50!;
    result.p90[year] = p90!;
  }
  return result;
}

interface PathStepper {
  start: number;
  next(state: number, year: number, normal: number): number;
  value(state: number): number;
}

/** Precomputes each year's deterministic step so the per-path loop only does arithmetic. */
function pathStepper(base: number, points: readonly number[], shock: Shock): PathStepper {
  const steps = new Float64Array(points.length);
  const sd = shock.sd;
  if (shock.kind === 'logit') {
    const { capacity } = shock;
    let previous = logit(base, capacity);
    points.forEach((point, index) => {
      const current = logit(point, capacity);
      steps[index] = current - previous;
      previous = current;
    });
    return {
      start: logit(base, capacity),
      next: (state, year, normal) => state + steps[year]! + sd * normal,
      value: (state) => inverseLogit(state, capacity),
    };
  }
  if (shock.kind === 'multiplicative') {
    let previous = base;
    points.forEach((point, index) => {
      steps[index] = point / previous;
      previous = point;
    });
    return { start: base, next: (state, year, normal) => state * steps[year]! * Math.max(0, 1 + sd * normal), value: (state) => state };
  }
  let previous = base;
  points.forEach((point, index) => {
    steps[index] = point - previous;
    previous = point;
  });
  return { start: base, next: (state, year, normal) => state + steps[year]! + sd * normal, value: (state) => state };
}

function ratioPart(part: RatioPartSimulation, years: readonly number[]) {
  const stepper = pathStepper(part.base, part.points, part.shock);
  const actuals = new Map(part.actuals.map((entry) => [entry.year, entry.value]));
  // For each ratio year: the index into the simulated values, or −1 for an actual value.
  const index = years.map((year) => {
    if (year <= part.baseYear) {
      if (!actuals.has(year)) throw new ProjectionInputError(`Ratio simulation: no actual value for ${year}`);
      return -1;
    }
    const at = year - part.baseYear - 1;
    if (at >= part.points.length) throw new ProjectionInputError(`Ratio simulation: no projected value for ${year}`);
    return at;
  });
  const length = Math.max(0, ...index.map((at) => at + 1));
  return {
    length,
    simulate(random: SeededRandom, out: Float64Array) {
      let state = stepper.start;
      for (let step = 0; step < length; step++) {
        state = stepper.next(state, step, random.nextNormal());
        out[step] = stepper.value(state);
      }
    },
    valueAt(year: number, values: Float64Array): number {
      const at = index[year]!;
      return at < 0 ? actuals.get(years[year]!)! : values[at]!;
    },
  };
}

function checkSimulationTarget(target: SimulationTarget): void {
  const { years, model, id } = target;
  if (years.length === 0) throw new ProjectionInputError(`Simulation "${id}": no years to simulate`);
  years.forEach((year, index) => {
    if (!Number.isInteger(year) || (index > 0 && year !== years[index - 1]! + 1)) {
      throw new ProjectionInputError(`Simulation "${id}": the years must be consecutive whole years`);
    }
  });
  if (target.target && !years.includes(target.target.year)) {
    throw new ProjectionInputError(`Simulation "${id}": the target year ${target.target.year} is not among the simulated years ${years[0]}–${years[years.length - 1]}`);
  }
  const expectLength = (length: number, what: string) => {
    if (length !== years.length) throw new ProjectionInputError(`Simulation "${id}": ${what} has ${length} values for ${years.length} years`);
  };
  const checkShock = (shock: Shock, base: number, points: readonly number[]) => {
    if (!(shock.sd >= 0)) throw new ProjectionInputError(`Simulation "${id}": a spread must be at least 0; got ${String(shock.sd)}`);
    if (shock.kind === 'multiplicative' && !(base > 0 && points.every((point) => point > 0))) {
      throw new ProjectionInputError(`Simulation "${id}": multiplicative shocks need positive values`);
    }
    if (shock.kind === 'logit' && ![base, ...points].every((value) => value > 0 && value < shock.capacity)) {
      throw new ProjectionInputError(`Simulation "${id}": logistic values must lie strictly between 0 and ${shock.capacity}`);
    }
  };
  switch (model.kind) {
    case 'path':
      expectLength(model.points.length, 'the projected path');
      checkShock(model.shock, model.base, model.points);
      break;
    case 'stockFlow':
      expectLength(model.knownExpiring.length, 'knownExpiring');
      expectLength(model.newCertifications.mean.length, 'the new certifications');
      if (!Number.isInteger(model.termYears) || model.termYears < 1) throw new ProjectionInputError(`Simulation "${id}": the term must be a whole number of years`);
      for (const spread of [model.recertificationRate, model.revoked, { mean: 0, sd: model.newCertifications.sd }]) {
        if (!(spread.sd >= 0)) throw new ProjectionInputError(`Simulation "${id}": a spread must be at least 0; got ${String(spread.sd)}`);
      }
      break;
    case 'ratio':
      checkShock(model.numerator.shock, model.numerator.base, model.numerator.points);
      checkShock(model.denominator.shock, model.denominator.base, model.denominator.points);
      break;
    case 'yearEnd':
      expectLength(1, 'a year-end estimate');
      if (!(model.share.sd >= 0 && model.share.mean > 0)) throw new ProjectionInputError(`Simulation "${id}": the seasonal share must be positive`);
      if (model.paceFactor !== undefined && !(model.paceFactor >= 0)) throw new ProjectionInputError(`Simulation "${id}": the pace factor must be at least 0`);
      break;
  }
}

/**
 * Quantiles (linear interpolation between order statistics, R type 7) of
 * `values`, which is reordered. `probabilities` must be ascending.
 */
export function quantilesInPlace(values: Float64Array, probabilities: readonly number[]): number[] {
  const n = values.length;
  const out: number[] = [];
  let from = 0;
  for (const probability of probabilities) {
    const h = (n - 1) * probability;
    const k = Math.floor(h);
    select(values, k, from, n - 1);
    const lower = values[k]!;
    let upper = lower;
    if (h > k) {
      upper = Number.POSITIVE_INFINITY;
      for (let i = k + 1; i < n; i++) if (values[i]! < upper) upper = values[i]!;
    }
    out.push(lower + (h - k) * (upper - lower));
    from = k;
  }
  return out;
}

/** Hoare quickselect with median-of-three pivots: puts the k-th smallest at index k, smaller ones before it. */
function select(values: Float64Array, k: number, left: number, right: number): void {
  while (right > left) {
    const middle = (left + right) >>> 1;
    // Median of three into values[middle].
    if (values[middle]! < values[left]!) swap(values, middle, left);
    if (values[right]! < values[left]!) swap(values, right, left);
    if (values[right]! < values[middle]!) swap(values, right, middle);
    const pivot = values[middle]!;
    let i = left;
    let j = right;
    while (i <= j) {
      while (values[i]! < pivot) i++;
      while (values[j]! > pivot) j--;
      if (i <= j) {
        swap(values, i, j);
        i++;
        j--;
      }
    }
    if (k <= j) right = j;
    else if (k >= i) left = i;
    else return;
  }
}

function swap(values: Float64Array, a: number, b: number): void {
  const temporary = values[a]!;
  values[a] = values[b]!;
  values[b] = temporary;
}
