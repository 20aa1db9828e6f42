import { ProjectionInputError, type AnnualPoint } from '../projection/annualSeries';
import { boundProjection } from '../projection/boundedProjection';
import { pathSimulationFor, runMonteCarlo } from '../projection/monteCarlo';
import { projectSeries } from '../projection/projectSeries';
import { adjustProjection } from '../projection/evaluateScenario';
import { priorDrift, shrunkSpread, spreadClassFor, trendUncertaintyFactor, type SpreadPriors } from '../projection/spreadPrior';
import { statusFromProbability, type TargetStatus } from '../projection/targetStatus';
import { bundledSpreadPriors, type IndicatorSeries } from './historySeries';
import { measureKindFor, upperBoundFor } from './targetMeaning';
import { defaultSeriesMethod } from './targetModel';

/**
 * Calibration backtest of the board's spread. For every real series and
 * every year t that has at least `minTrainingYears` earlier values, the
 * board's default model is fitted on the years before t (the prior pooled
 * from the years before t only, so nothing of t leaks in), simulated to t,
 * and compared with the actual value of t:
 * - coverage: how often the actual fell inside P10–P90 (about 80 % when the
 *   spread is honest);
 * - status: with the target "at least last year's value", how often the
 *   board's status was right (on track and met, off track and missed); an
 *   "at risk" status is a hedge and counted apart.
 */
export interface CalibrationCase {
  indicatorCode: string;
  region: string;
  scope: string;
  unit: string;
  year: number;
  trainingYears: number;
  method: string;
  actual: number;
  p10: number;
  p90: number;
  inside: boolean;
  status: TargetStatus;
  met: boolean;
  /** Null for an at-risk status. */
  statusRight: boolean | null;
}

export interface CalibrationSummary {
  cases: number;
  /** Share of cases with the actual inside P10–P90; null without cases. */
  coverage: number | null;
  below: number | null;
  above: number | null;
  /** Share of decisive statuses (on track / off track) that were right; null without any. */
  statusRight: number | null;
  /** Share of cases the board called at risk. */
  atRisk: number | null;
}

export interface CalibrationReport extends CalibrationSummary {
  series: number;
  /** By training length: '1', '2–3', '4+'. */
  byTraining: Record<string, CalibrationSummary>;
  list: CalibrationCase[];
}

export interface CalibrationOptions {
  minTrainingYears?: number;
  paths?: number;
  seed?: number;
  /** Fixed priors instead of pooling the series' own earlier years (for tests with a known spread). */
  priors?: SpreadPriors;
}

export function summarizeCases(cases: readonly CalibrationCase[]): CalibrationSummary {
  const count = cases.length;
  const share = (predicate: (entry: CalibrationCase) => boolean) => (count === 0 ? null : cases.filter(predicate).length / count);
  const decisive = cases.filter((entry) => entry.statusRight !== null);
  return {
    cases: count,
    coverage: share((entry) => entry.inside),
    below: share((entry) => entry.actual < entry.p10),
    above: share((entry) => entry.actual > entry.p90),
    statusRight: decisive.length === 0 ? null : decisive.filter((entry) => entry.statusRight).length / decisive.length,
    atRisk: share((entry) => entry.status === 'at-risk'),
  };
}

export function calibrationBacktest(allSeries: readonly IndicatorSeries[], options: CalibrationOptions = {}): CalibrationReport {
  const minTraining = options.minTrainingYears ?? 1;
  const paths = options.paths ?? 2000;
  const seed = options.seed ?? 1;
  const priorsByYear = new Map<number, SpreadPriors>();
  const priorsBefore = (year: number): SpreadPriors => {
    if (options.priors) return options.priors;
    let priors = priorsByYear.get(year);
    if (!priors) {
      priors = bundledSpreadPriors(allSeries, year);
      priorsByYear.set(year, priors);
    }
    return priors;
  };
  const list: CalibrationCase[] = [];
  let usedSeries = 0;
  for (const entry of allSeries) {
    const measure = measureKindFor({ code: entry.indicatorCode, nameZh: '', unit: entry.unit, kind: entry.indicatorKind });
    const bound = upperBoundFor(measure, entry.indicatorKind);
    let used = false;
    for (const held of entry.series) {
      const training: AnnualPoint[] = entry.series.filter((point) => point.year < held.year);
      if (training.length < minTraining) continue;
      const outcome = caseFor(entry, training, held, bound, priorsBefore(held.year), paths, seed + list.length);
      if (outcome) {
        list.push(outcome);
        used = true;
      }
    }
    if (used) usedSeries++;
  }
  const bucket = (years: number) => (years === 1 ? '1' : years <= 3 ? '2–3' : '4+');
  const byTraining: Record<string, CalibrationSummary> = {};
  for (const name of ['1', '2–3', '4+']) byTraining[name] = summarizeCases(list.filter((entry) => bucket(entry.trainingYears) === name));
  return { ...summarizeCases(list), series: usedSeries, byTraining, list };
}

function caseFor(
  entry: IndicatorSeries,
  training: AnnualPoint[],
  held: AnnualPoint,
  bound: number | null,
  priors: SpreadPriors,
  paths: number,
  seed: number,
): CalibrationCase | null {
  const { spec } = defaultSeriesMethod(training, bound);
  const prior = priors[spreadClassFor(entry.unit)];
  let projection;
  try {
    // As the board does: the default method's central drift shrunk toward the pooled drift of the years before.
    const base = projectSeries(training, spec, held.year);
    const drift = priorDrift(training, spec, prior, bound);
    projection = boundProjection(drift ? adjustProjection(base, drift.adjustment) : base, bound);
  } catch (error) {
    if (error instanceof ProjectionInputError) return null;
    throw error;
  }
  const spread = shrunkSpread(training, prior);
  const last = training[training.length - 1]!;
  const widen = trendUncertaintyFactor(spec.method, training.length - 1, held.year - last.year);
  const simulation = pathSimulationFor(training, projection, { spread: { sd: spread.sd * widen, spreadClass: prior.spreadClass }, upperBound: bound });
  const target = { comparator: '>=' as const, value: last.value, year: held.year };
  const result = runMonteCarlo({ targets: [{ id: 'case', years: projection.path.map((point) => point.year), model: simulation, target }], paths, seed }).targets[0]!;
  const at = result.years.indexOf(held.year);
  const p10 = result.p10[at]!;
  const p90 = result.p90[at]!;
  const status = statusFromProbability(result.probability!);
  const met = held.value >= last.value;
  return {
    indicatorCode: entry.indicatorCode,
    region: entry.region,
    scope: entry.scope,
    unit: entry.unit,
    year: held.year,
    trainingYears: training.length,
    method: spec.method,
    actual: held.value,
    p10,
    p90,
    inside: held.value >= p10 && held.value <= p90,
    status,
    met,
    statusRight: status === 'at-risk' ? null : (status === 'on-track') === met,
  };
}
