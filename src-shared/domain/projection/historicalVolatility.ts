import { checkedSeries, type AnnualSeries } from './annualSeries';
import { logit } from './logisticProjection';

/**
 * Year-over-year variability of a series, the default spread of Monte Carlo
 * assumptions ("distributions from the series' own historical volatility").
 * Only pairs of consecutive years count; the standard deviation is the
 * sample one (n − 1), and 0 when there are fewer than two changes.
 */
export interface Volatility {
  mean: number;
  sd: number;
  /** Number of year-over-year changes used. */
  count: number;
}

/** Simple growth rates y_t / y_{t−1} − 1 (pairs with a positive previous value). */
export function growthRateVolatility(series: AnnualSeries): Volatility {
  return summarize(changes(series, (previous, current) => (previous > 0 ? current / previous - 1 : null)));
}

/** Increments y_t − y_{t−1}. */
export function incrementVolatility(series: AnnualSeries): Volatility {
  return summarize(changes(series, (previous, current) => current - previous));
}

/** Increments of logit(y / K), the scale on which logistic paths are perturbed. */
export function logitIncrementVolatility(series: AnnualSeries, capacity: number): Volatility {
  return summarize(
    changes(series, (previous, current) =>
      previous > 0 && previous < capacity && current > 0 && current < capacity ? logit(current, capacity) - logit(previous, capacity) : null,
    ),
  );
}

function changes(series: AnnualSeries, change: (previous: number, current: number) => number | null): number[] {
  const sorted = checkedSeries(series, { method: 'Volatility', minLength: 0 });
  const values: number[] = [];
  for (let index = 1; index < sorted.length; index++) {
    const previous = sorted[index - 1]!;
    const current = sorted[index]!;
    if (current.year !== previous.year + 1) continue;
    const value = change(previous.value, current.value);
    if (value !== null && Number.isFinite(value)) values.push(value);
  }
  return values;
}

function summarize(values: readonly number[]): Volatility {
  const count = values.length;
  if (count === 0) return { mean: 0, sd: 0, count: 0 };
  const mean = values.reduce((sum, value) => sum + value, 0) / count;
  const sd = count < 2 ? 0 : Math.sqrt(values.reduce((sum, value) => sum + (value - mean) ** 2, 0) / (count - 1));
  return { mean, sd, count };
}
