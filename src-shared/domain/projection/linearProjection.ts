import { checkedSeries, lastPoint, projectionYears, type AnnualSeries, type ProjectedPoint } from './annualSeries';

export interface LinearTrend {
  /** Value change per year. */
  slope: number;
  /** Value at year 0 (as Excel's INTERCEPT with years as x). */
  intercept: number;
  valueAt(year: number): number;
}

/**
 * Ordinary least-squares line through (year, value), as Excel's
 * FORECAST.LINEAR and TREND compute it: slope = Σ(x−x̄)(y−ȳ) / Σ(x−x̄)²,
 * intercept = ȳ − slope·x̄. Gaps in the years are allowed.
 */
export function fitLinearTrend(series: AnnualSeries): LinearTrend {
  const sorted = checkedSeries(series, { method: 'Linear trend', minLength: 2 });
  const n = sorted.length;
  let meanX = 0;
  let meanY = 0;
  for (const point of sorted) {
    meanX += point.year / n;
    meanY += point.value / n;
  }
  let sxy = 0;
  let sxx = 0;
  for (const point of sorted) {
    sxy += (point.year - meanX) * (point.value - meanY);
    sxx += (point.year - meanX) ** 2;
  }
  const slope = sxy / sxx;
  return { slope, intercept: meanY - slope * meanX, valueAt: (year: number) => meanY + slope * (year - meanX) };
}

/**
 * Projects along the fitted line. The path follows the regression line, not
 * the last actual value (as Excel's TREND does), so a last year far off the
 * line is not carried forward.
 */
export function projectLinearTrend(series: AnnualSeries, options: { toYear: number }): { trend: LinearTrend; path: ProjectedPoint[] } {
  const trend = fitLinearTrend(series);
  const last = lastPoint(checkedSeries(series, { method: 'Linear trend', minLength: 2 }));
  return { trend, path: projectionYears(last.year, options.toYear).map((year) => ({ year, value: trend.valueAt(year) })) };
}
