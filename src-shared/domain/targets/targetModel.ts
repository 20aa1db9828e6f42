import type { AnnualPoint } from '../projection/annualSeries';
import type { ProjectionSpec } from '../projection/projectSeries';
import type { TargetInput, TargetModel } from '../projection/scenario';
import { indicatorAssumptionKey } from '../projection/scenarioDocument';
import { spreadClassFor, type SpreadPriors } from '../projection/spreadPrior';
import type { BoardTarget } from './boardTarget';

/**
 * Chooses how each board target is projected, from what the workspace
 * holds. Real data often have one or two years per indicator, so the
 * choice degrades: Holt's trend needs 4 consecutive years, CAGR 2, and with
 * one year the last value is carried flat (the growth slider then moves
 * it). A count made within the year is estimated to year end from the
 * latest in-year figure; valid high-tech enterprises use the stock-and-flow
 * model when newly certified counts are known.
 */
export type ModelNote =
  /** No actual value at all: nothing to project from. */
  | { kind: 'no-actual' }
  /** Fewer years than the preferred method needs: `used` instead. */
  | { kind: 'fallback'; preferred: ProjectionSpec['method']; used: ProjectionSpec['method']; years: number; needed: number }
  /** One year only: carried flat. */
  | { kind: 'single-year'; year: number }
  /** An in-year figure without earlier years' figures for the same months: the rest of the year at the same monthly pace. */
  | { kind: 'even-pace'; month: number };

export interface TargetModelChoice {
  input: TargetInput | null;
  notes: ModelNote[];
}

/** Methods the scenario panel offers for a series model, in menu order. */
export const SERIES_METHODS: readonly ProjectionSpec[] = [
  { method: 'holt' },
  { method: 'damped' },
  { method: 'linear' },
  { method: 'cagr' },
  { method: 'exponential' },
  { method: 'logistic', capacity: 100 },
];

/**
 * The series methods that make sense for a history: logistic only for a
 * percentage whose values lie strictly between 0 and 100.
 */
export function seriesMethodsFor(unit: string, history: readonly AnnualPoint[]): ProjectionSpec[] {
  const bounded = unit === '%' && history.length > 0 && history.every((point) => point.value > 0 && point.value < 100);
  return SERIES_METHODS.filter((spec) => spec.method !== 'logistic' || bounded);
}

/**
 * Backtest cut-offs for a history of n years: as many (up to 3) as leave
 * Holt its 4 years before the earliest cut-off; with fewer years, as many as
 * leave 2 (Holt then reports that it cannot run).
 */
export function backtestOrigins(years: number): number {
  if (years >= 5) return Math.min(3, years - 4);
  return Math.max(1, Math.min(3, years - 2));
}

/** The least a method needs, in consecutive (Holt) or any years. */
export function yearsNeeded(spec: ProjectionSpec): number {
  switch (spec.method) {
    case 'holt':
    case 'damped':
      return spec.alpha !== undefined && spec.beta !== undefined && spec.init !== 'fitted' ? 2 : 4;
    case 'growth':
      return 1;
    default:
      return 2;
  }
}

/**
 * Baseline recertification rate of high-tech certificates when the data
 * give none (a planner's assumption, shown on the slider and editable).
 */
export const DEFAULT_RECERTIFICATION_RATE = 0.7;

const PREFERRED: ProjectionSpec = { method: 'holt' };

/**
 * The default series method for a history: Holt from 4 consecutive years,
 * CAGR from 2, flat from 1. A bounded quantity (a share or coverage rate,
 * `upperBound` 100) with 2 or more values inside its bound is projected
 * with the logistic curve, so it approaches the bound without passing it
 * (90 % then 96 % projects to 98.5 %, not 102.4 %).
 */
export function defaultSeriesMethod(history: readonly AnnualPoint[], upperBound: number | null = null): { spec: ProjectionSpec; notes: ModelNote[] } {
  if (upperBound !== null && history.length >= 2 && history.every((point) => point.value > 0 && point.value < upperBound)) {
    return { spec: { method: 'logistic', capacity: upperBound }, notes: [] };
  }
  const consecutive = history.every((point, index) => index === 0 || point.year === history[index - 1]!.year + 1);
  if (history.length >= yearsNeeded(PREFERRED) && consecutive) return { spec: PREFERRED, notes: [] };
  const positive = history.every((point) => point.value > 0);
  if (history.length >= 2 && positive) {
    return { spec: { method: 'cagr' }, notes: [{ kind: 'fallback', preferred: 'holt', used: 'cagr', years: history.length, needed: yearsNeeded(PREFERRED) }] };
  }
  if (history.length >= 2) {
    return { spec: { method: 'linear' }, notes: [{ kind: 'fallback', preferred: 'holt', used: 'linear', years: history.length, needed: yearsNeeded(PREFERRED) }] };
  }
  return { spec: { method: 'growth', rate: 0 }, notes: [{ kind: 'single-year', year: history[0]!.year }] };
}

/**
 * The model of one target. `priors` (pooled from the bundled history, see
 * `pooledSpreadPriors`) give short series an honest spread; two targets on
 * one indicator get the same model and so share its assumptions' baselines.
 */
export function targetModelFor(target: BoardTarget, priors: SpreadPriors | null = null): TargetModelChoice {
  const history: AnnualPoint[] = target.history.filter((point) => point.year <= target.year).map(({ year, value }) => ({ year, value }));
  const definition = {
    id: target.targetId,
    indicatorCode: target.indicatorCode,
    name: target.nameZh,
    unit: target.unit,
    paceKind: target.paceKind,
    target: { comparator: target.comparator, value: target.value, year: target.year },
    ...(target.note ? { sourceNote: target.note } : {}),
    upperBound: target.upperBound,
    assumptionKey: indicatorAssumptionKey(target),
    ...(priors ? { spreadPrior: priors[spreadClassFor(target.unit)] } : {}),
  };
  if (target.paceKind === 'flow') {
    const model = flowModel(target, history);
    return model ? { input: { definition, model: model.model }, notes: model.notes } : { input: null, notes: [{ kind: 'no-actual' }] };
  }
  if (history.length === 0) return { input: null, notes: [{ kind: 'no-actual' }] };
  if (target.indicatorCode === 'hightech_enterprises' && target.newCertifications.length > 0) {
    const lastNew = target.newCertifications[target.newCertifications.length - 1]!.value;
    const model: TargetModel = {
      kind: 'stockFlow',
      stock: history,
      baseline: { newCertifications: lastNew, recertificationRate: DEFAULT_RECERTIFICATION_RATE, revoked: 0 },
      newCertificationsHistory: target.newCertifications,
    };
    return { input: { definition, model }, notes: [] };
  }
  const { spec, notes } = defaultSeriesMethod(history, target.upperBound);
  return { input: { definition, model: { kind: 'series', series: history, method: spec } }, notes };
}

function flowModel(target: BoardTarget, annual: AnnualPoint[]): { model: TargetModel; notes: ModelNote[] } | null {
  const inYear = target.cumulative.filter((point) => point.year === target.year && point.month < 12).at(-1);
  const cumulative = target.cumulative.map((point) => ({ year: point.year, month: point.month, cumulativeValue: point.value }));
  if (inYear) {
    const current = { year: inYear.year, month: inYear.month, cumulativeValue: inYear.value };
    const seasonal = cumulative.some((point) => point.month === inYear.month && point.year < inYear.year && annual.some((year) => year.year === point.year && year.value > 0));
    if (seasonal) return { model: { kind: 'yearEnd', current, cumulative, annual }, notes: [] };
    // No earlier year to take the seasonal share from: an even monthly pace (share = month / 12), from the
    // previous year's total when known, else from a made-up year that the board's history never shows.
    const evenYear = inYear.year - 1;
    const previous = annual.find((point) => point.year === evenYear && point.value > 0);
    const total = previous?.value ?? 12;
    return {
      model: {
        kind: 'yearEnd',
        current,
        cumulative: [{ year: evenYear, month: inYear.month, cumulativeValue: (total * inYear.month) / 12 }],
        annual: previous ? annual.filter((point) => point.year < inYear.year) : [{ year: evenYear, value: total }],
      },
      notes: [{ kind: 'even-pace', month: inYear.month }],
    };
  }
  const lastAnnual = annual.at(-1);
  if (!lastAnnual) return null;
  if (lastAnnual.year >= target.year) return { model: { kind: 'series', series: annual, method: { method: 'growth', rate: 0 } }, notes: [] };
  return {
    model: { kind: 'yearEnd', current: { year: lastAnnual.year, month: 12, cumulativeValue: lastAnnual.value }, cumulative, annual },
    notes: [],
  };
}
