import {
  checkedSeries,
  lastPoint,
  ProjectionInputError,
  projectionYears,
  type AnnualSeries,
  type ProjectedPoint,
} from './annualSeries';

/**
 * Growth-rate projections: a fixed rate chosen by the planner, the compound
 * annual growth rate (CAGR) of the last N years, and the least-squares
 * exponential trend (Excel's LOGEST/GROWTH). Rates are fractions: 0.05 is 5 %.
 */

/** Grows the last actual value by `rate` each year up to `toYear`. */
export function projectFixedGrowth(series: AnnualSeries, options: { rate: number; toYear: number }): ProjectedPoint[] {
  const { rate, toYear } = options;
  if (!Number.isFinite(rate) || rate <= -1) {
    throw new ProjectionInputError(`A growth rate must be a number above -100 %; got ${String(rate)}`);
  }
  const sorted = checkedSeries(series, { method: 'Fixed growth', minLength: 1 });
  const last = lastPoint(sorted);
  return projectionYears(last.year, toYear).map((year) => ({ year, value: last.value * (1 + rate) ** (year - last.year) }));
}

export interface CompoundGrowth {
  /** Compound annual growth rate, a fraction. */
  rate: number;
  fromYear: number;
  toYear: number;
  /** Number of years the rate compounds over (toYear − fromYear). */
  years: number;
}

/**
 * CAGR over the last `years` years: (last / first)^(1 / span) − 1, where
 * `first` is the value `years` years before the last one (or the earliest
 * value when the series is shorter and `years` is not given). The span is
 * counted in calendar years, so gaps in the series are allowed. Same
 * formula as Excel's RRI(nper, pv, fv).
 */
export function compoundAnnualGrowthRate(series: AnnualSeries, options: { years?: number } = {}): CompoundGrowth {
  const sorted = checkedSeries(series, { method: 'CAGR', minLength: 2, positive: true });
  const last = lastPoint(sorted);
  let first = sorted[0]!;
  if (options.years !== undefined) {
    const { years } = options;
    if (!Number.isInteger(years) || years < 1) throw new ProjectionInputError(`CAGR: the number of years must be a whole number of at least 1; got ${String(years)}`);
    const wanted = last.year - years;
    const found = sorted.find((point) => point.year === wanted);
    if (!found) {
      throw new ProjectionInputError(
        `CAGR over ${years} years needs a value for ${wanted}; the series covers ${sorted[0]!.year}–${last.year}${
          sorted.length < last.year - sorted[0]!.year + 1 ? ' with gaps' : ''
        }`,
      );
    }
    first = found;
  }
  const span = last.year - first.year;
  return { rate: (last.value / first.value) ** (1 / span) - 1, fromYear: first.year, toYear: last.year, years: span };
}

/** Projects the last actual value forward at the CAGR of the last `years` years. */
export function projectCagr(
  series: AnnualSeries,
  options: { years?: number; toYear: number },
): { growth: CompoundGrowth; path: ProjectedPoint[] } {
  const growth = compoundAnnualGrowthRate(series, options.years === undefined ? {} : { years: options.years });
  return { growth, path: projectFixedGrowth(series, { rate: growth.rate, toYear: options.toYear }) };
}

export interface ExponentialTrend {
  /** y = base · factor^year, fitted by least squares on ln y (Excel LOGEST's b). */
  base: number;
  /** Growth factor per year (LOGEST's m); factor − 1 is the trend growth rate. */
  factor: number;
  valueAt(year: number): number;
}

/**
 * Least-squares exponential trend, as Excel's LOGEST and GROWTH compute it:
 * a straight line fitted to (year, ln value), then exponentiated.
 */
export function fitExponentialTrend(series: AnnualSeries): ExponentialTrend {
  const sorted = checkedSeries(series, { method: 'Exponential trend', minLength: 2, positive: true });
  const n = sorted.length;
  let meanX = 0;
  let meanY = 0;
  for (const point of sorted) {
    meanX += point.year / n;
    meanY += Math.log(point.value) / n;
  }
  let sxy = 0;
  let sxx = 0;
  for (const point of sorted) {
    sxy += (point.year - meanX) * (Math.log(point.value) - meanY);
    sxx += (point.year - meanX) ** 2;
  }
  const slope = sxy / sxx;
  const lnBase = meanY - slope * meanX;
  return {
    base: Math.exp(lnBase),
    factor: Math.exp(slope),
    // Centred form keeps precision for years around 2000 (factor^2024 overflows for fast growth).
    valueAt: (year: number) => Math.exp(meanY + slope * (year - meanX)),
  };
}

/** Projects along the fitted exponential trend (Excel GROWTH with new x = the future years). */
export function projectExponentialTrend(
  series: AnnualSeries,
  options: { toYear: number },
): { trend: ExponentialTrend; path: ProjectedPoint[] } {
  const trend = fitExponentialTrend(series);
  const last = lastPoint(checkedSeries(series, { method: 'Exponential trend', minLength: 2, positive: true }));
  return { trend, path: projectionYears(last.year, options.toYear).map((year) => ({ year, value: trend.valueAt(year) })) };
}
