import {
  checkedSeries,
  lastPoint,
  ProjectionInputError,
  projectionYears,
  type AnnualSeries,
  type ProjectedPoint,
} from './annualSeries';

/**
 * Logistic (bounded) growth for shares and coverage rates that cannot pass
 * a ceiling K (100 for a percentage):
 *
 *   y(t) = K / (1 + exp(−(a + r·t)))
 *
 * Fitted by least squares on the logit z_t = ln(y_t / (K − y_t)) = a + r·t,
 * which turns the curve into a straight line. r is the growth rate of the
 * odds y/(K − y) per year; the curve crosses K/2 at t = −a/r. The curve
 * approaches K but never reaches or passes it, so a projection can show
 * "full coverage" only within a tolerance (see `meetsTarget`).
 */
export interface LogisticFit {
  /** The ceiling K. */
  capacity: number;
  /** Logit intercept a (at year 0). */
  intercept: number;
  /** Logit slope r per year. */
  rate: number;
  /** The year the curve crosses K/2 (−a/r); null when r is 0. */
  midpointYear: number | null;
  valueAt(year: number): number;
}

/** Default ceiling: shares and coverage rates in per cent. */
export const DEFAULT_LOGISTIC_CAPACITY = 100;

export function fitLogistic(series: AnnualSeries, options: { capacity?: number } = {}): LogisticFit {
  const capacity = options.capacity ?? DEFAULT_LOGISTIC_CAPACITY;
  if (!(Number.isFinite(capacity) && capacity > 0)) {
    throw new ProjectionInputError(`The logistic ceiling must be a positive number; got ${String(capacity)}`);
  }
  const sorted = checkedSeries(series, { method: 'Logistic growth', minLength: 2 });
  for (const point of sorted) {
    if (!(point.value > 0 && point.value < capacity)) {
      throw new ProjectionInputError(
        `Logistic growth needs values strictly between 0 and the ceiling ${capacity}; ${point.year} has ${point.value}${
          point.value >= capacity ? ' (already at the ceiling)' : ''
        }`,
      );
    }
  }
  const n = sorted.length;
  let meanX = 0;
  let meanZ = 0;
  const z = sorted.map((point) => Math.log(point.value / (capacity - point.value)));
  sorted.forEach((point, index) => {
    meanX += point.year / n;
    meanZ += z[index]! / n;
  });
  let sxz = 0;
  let sxx = 0;
  sorted.forEach((point, index) => {
    sxz += (point.year - meanX) * (z[index]! - meanZ);
    sxx += (point.year - meanX) ** 2;
  });
  const rate = sxz / sxx;
  const intercept = meanZ - rate * meanX;
  return {
    capacity,
    intercept,
    rate,
    midpointYear: rate === 0 ? null : -intercept / rate,
    valueAt: (year: number) => capacity / (1 + Math.exp(-(meanZ + rate * (year - meanX)))),
  };
}

export function projectLogistic(
  series: AnnualSeries,
  options: { capacity?: number; toYear: number },
): { fit: LogisticFit; path: ProjectedPoint[] } {
  const fit = fitLogistic(series, options.capacity === undefined ? {} : { capacity: options.capacity });
  const last = lastPoint(checkedSeries(series, { method: 'Logistic growth', minLength: 2 }));
  return { fit, path: projectionYears(last.year, options.toYear).map((year) => ({ year, value: fit.valueAt(year) })) };
}

/** ln(y / (K − y)), the logistic's linear scale; used by the Monte Carlo to keep paths under the ceiling. */
export function logit(value: number, capacity: number): number {
  return Math.log(value / (capacity - value));
}

/** Inverse of `logit`. */
export function inverseLogit(z: number, capacity: number): number {
  return capacity / (1 + Math.exp(-z));
}
