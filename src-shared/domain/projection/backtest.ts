import { checkedSeries, ProjectionInputError, type AnnualSeries, type SeriesProblem } from './annualSeries';
import { projectSeries, type ProjectionSpec } from './projectSeries';

/**
 * Backtest: hold out the latest year(s), project them from the years
 * before, and measure each method's error, so a planner can choose a method
 * on evidence. With `origins` > 1 the exercise is repeated from earlier
 * starting points (rolling origin: the last `holdout` years before each of
 * the latest `origins` cut-offs), and the errors are pooled.
 *
 * Errors are actual − forecast. MAE and RMSE are in the indicator's unit;
 * MAPE is the mean of |error| / |actual| over years with a non-zero actual
 * (null when there are none).
 */
export interface BacktestOptions {
  /** Years held out after each cut-off (default 1). */
  holdout?: number;
  /** Number of cut-offs, the latest first (default 1). */
  origins?: number;
}

export interface BacktestForecast {
  /** The last year the method saw. */
  origin: number;
  year: number;
  actual: number;
  forecast: number;
  error: number;
}

export interface BacktestMethodResult {
  spec: ProjectionSpec;
  forecasts: BacktestForecast[];
  mae: number | null;
  rmse: number | null;
  mape: number | null;
  /** Why the method could not run from some cut-off (too few years, non-positive values...). */
  failures: { origin: number; message: string; problem: SeriesProblem | null }[];
}

export interface BacktestResult {
  holdout: number;
  origins: number[];
  methods: BacktestMethodResult[];
  /** Index into `methods` of the lowest MAE among methods that ran from every cut-off; null if none did. */
  best: number | null;
}

export function backtest(series: AnnualSeries, specs: readonly ProjectionSpec[], options: BacktestOptions = {}): BacktestResult {
  const holdout = options.holdout ?? 1;
  const originCount = options.origins ?? 1;
  if (!Number.isInteger(holdout) || holdout < 1) throw new ProjectionInputError(`Backtest: the years held out must be a whole number of at least 1; got ${String(holdout)}`);
  if (!Number.isInteger(originCount) || originCount < 1) throw new ProjectionInputError(`Backtest: the number of cut-offs must be a whole number of at least 1; got ${String(originCount)}`);
  const sorted = checkedSeries(series, { method: 'Backtest', minLength: holdout + originCount });
  const byYear = new Map(sorted.map((point) => [point.year, point.value]));
  const lastYear = sorted[sorted.length - 1]!.year;
  const origins: number[] = [];
  for (let k = 0; k < originCount; k++) origins.push(lastYear - holdout - k);
  const methods = specs.map((spec): BacktestMethodResult => {
    const forecasts: BacktestForecast[] = [];
    const failures: BacktestMethodResult['failures'] = [];
    for (const origin of origins) {
      const training = sorted.filter((point) => point.year <= origin);
      try {
        const projection = projectSeries(training, spec, origin + holdout);
        for (const point of projection.path) {
          const actual = byYear.get(point.year);
          if (actual === undefined) continue;
          forecasts.push({ origin, year: point.year, actual, forecast: point.value, error: actual - point.value });
        }
      } catch (error) {
        if (!(error instanceof ProjectionInputError)) throw error;
        failures.push({ origin, message: error.message, problem: error.problem });
      }
    }
    const n = forecasts.length;
    const withActual = forecasts.filter((forecast) => forecast.actual !== 0);
    return {
      spec,
      forecasts,
      mae: n === 0 ? null : forecasts.reduce((sum, forecast) => sum + Math.abs(forecast.error), 0) / n,
      rmse: n === 0 ? null : Math.sqrt(forecasts.reduce((sum, forecast) => sum + forecast.error ** 2, 0) / n),
      mape: withActual.length === 0 ? null : withActual.reduce((sum, forecast) => sum + Math.abs(forecast.error / forecast.actual), 0) / withActual.length,
      failures,
    };
  });
  let best: number | null = null;
  methods.forEach((result, index) => {
    if (result.failures.length > 0 || result.mae === null) return;
    if (best === null || result.mae < methods[best]!.mae!) best = index;
  });
  return { holdout, origins, methods, best };
}
