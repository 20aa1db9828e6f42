import { z } from 'zod';
import { ASSUMPTION_TABLE, type AssumptionKey } from './assumptionTable';
import { checkedSeries, lastPoint, ProjectionInputError, type AnnualPoint, type AnnualSeries, type ProjectedPoint } from './annualSeries';
import { growthRateVolatility, incrementVolatility, logitIncrementVolatility } from './historicalVolatility';
import { inverseLogit, logit } from './logisticProjection';
import {
  pathSimulationFor,
  type MonteCarloResult,
  type RatioPartSimulation,
  type SimulationTarget,
} from './monteCarlo';
import { boundProjection } from './boundedProjection';
import { projectionSpecSchema, projectSeries, type Projection, type ProjectionSpec } from './projectSeries';
import { shrunkSpread, trendUncertaintyFactor, type SpreadOrigin, type SpreadPrior } from './spreadPrior';
import { combineRatio } from './ratioModel';
import { requiredPace, targetGap, type LatestValue, type PaceKind, type RequiredPace, type TargetGap } from './requiredPace';
import { projectStockFlow, stockFlowSimulation, type StockFlowYear } from './stockFlowModel';
import { meetsTarget, targetStatus, type Target, type TargetStatus } from './targetStatus';
import { estimateYearEnd, type CumulativePoint, type YearEndEstimate } from './yearEndEstimate';

/**
 * Scenarios as data. A scenario is a named set of assumptions, one set per
 * target; assumptions left out take the target model's baseline. The
 * models (what data and which structure each target is projected with) are
 * built from the workspace; the scenarios only move their knobs, so the same
 * scenario file applies after the data are refreshed.
 *
 * Knobs, by model:
 * - series: `method` (replaces the model's method), `growthAdjustment`
 *   (an extra yearly growth rate compounded on the method's path; for a
 *   logistic path it is added to the yearly change of the logit instead, so
 *   the ceiling still holds);
 * - stock-and-flow: `newCertifications` (per year), `recertificationRate`, `revoked`;
 * - ratio: `numeratorGrowthAdjustment`, `denominatorGrowthAdjustment`;
 * - year-end estimate: `paceFactor` (the rest of the year at this multiple of
 *   the earlier years' pace);
 * - all: `volatilityFactor` (multiplies the Monte Carlo spreads).
 */
export type ScenarioId = string & { readonly __brand: 'ScenarioId' };
export type ScenarioKind = 'baseline' | 'optimistic' | 'pessimistic' | 'custom';

export interface TargetAssumptions {
  method?: ProjectionSpec;
  growthAdjustment?: number;
  newCertifications?: number;
  recertificationRate?: number;
  revoked?: number;
  numeratorGrowthAdjustment?: number;
  denominatorGrowthAdjustment?: number;
  paceFactor?: number;
  volatilityFactor?: number;
}

export interface Scenario {
  id: ScenarioId;
  name: string;
  kind: ScenarioKind;
  note?: string;
  /** By assumption key (`assumptionKeyOf`: the indicator's, shared by its targets). */
  assumptions: Record<string, TargetAssumptions>;
}

/** A file of several scenarios (validated by `parseScenarioFile`); each row of the `scenarios` table is a `ScenarioDocument` instead (scenarioDocument.ts). */
export interface ScenarioFile {
  version: 1;
  scenarios: Scenario[];
}

export const SCENARIO_FILE_VERSION = 1;

const limited = (key: AssumptionKey) => z.number().min(ASSUMPTION_TABLE[key].min).max(ASSUMPTION_TABLE[key].max).optional();
const targetAssumptionsSchema = z
  .object({
    method: projectionSpecSchema.optional(),
    growthAdjustment: limited('growthAdjustment'),
    newCertifications: limited('newCertifications'),
    recertificationRate: limited('recertificationRate'),
    revoked: limited('revoked'),
    numeratorGrowthAdjustment: limited('numeratorGrowthAdjustment'),
    denominatorGrowthAdjustment: limited('denominatorGrowthAdjustment'),
    paceFactor: limited('paceFactor'),
    volatilityFactor: limited('volatilityFactor'),
  })
  .strict();

export const scenarioSchema = z
  .object({
    id: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'must be 1-64 letters, digits, _ or -'),
    name: z.string().min(1).max(100),
    kind: z.enum(['baseline', 'optimistic', 'pessimistic', 'custom']),
    note: z.string().max(2000).optional(),
    assumptions: z.record(z.string(), targetAssumptionsSchema),
  })
  .strict();

export const scenarioFileSchema = z
  .object({ version: z.literal(SCENARIO_FILE_VERSION), scenarios: z.array(scenarioSchema) })
  .strict()
  .superRefine((file, context) => {
    const seen = new Set<string>();
    file.scenarios.forEach((scenario, index) => {
      if (seen.has(scenario.id)) context.addIssue({ code: 'custom', path: ['scenarios', index, 'id'], message: `the id "${scenario.id}" is used twice` });
      seen.add(scenario.id);
    });
  });

/** Validates a stored scenario document; the error names the field, e.g. `scenarios[1].assumptions.hte.recertificationRate`. */
export function parseScenarioFile(data: unknown): ScenarioFile {
  const result = scenarioFileSchema.safeParse(data);
  if (!result.success) {
    const issue = result.error.issues[0]!;
    const where = issue.path.map((part) => (typeof part === 'number' ? `[${part}]` : `.${String(part)}`)).join('').replace(/^\./, '');
    throw new ProjectionInputError(`Scenario file${where ? ` at ${where}` : ''}: ${issue.message}`);
  }
  return result.data as ScenarioFile;
}

/** What a target is and how it is measured. */
export interface TargetDefinition {
  id: string;
  indicatorCode: string;
  name: string;
  unit: string;
  paceKind: PaceKind;
  target: Target;
  /** Where the target comes from, e.g. "2024年工作思路（三）一". */
  sourceNote?: string;
  /** The ceiling a projection may not pass (100 for shares and coverage). */
  upperBound?: number | null;
  /**
   * Where scenarios keep this target's assumptions: its indicator's key
   * (`indicatorAssumptionKey`), so two targets on one indicator (2024 and
   * 2025) share them; the target id when absent.
   */
  assumptionKey?: string;
  /**
   * The prior of the indicator's class (`pooledSpreadPriors`): with it a
   * short series still gets an honest spread; without it, a series of fewer
   * than MIN_YEARS_FOR_PROBABILITY values claims no probability.
   */
  spreadPrior?: SpreadPrior;
}

export interface RatioPartInput {
  series: AnnualSeries;
  method: ProjectionSpec;
}

/** How a target's indicator is projected, with the data it needs. */
export type TargetModel =
  | { kind: 'series'; series: AnnualSeries; method: ProjectionSpec }
  | {
      kind: 'stockFlow';
      /** Stock history; the last point is the opening stock. */
      stock: AnnualSeries;
      issuedByYear?: readonly { year: number; count: number }[];
      termYears?: number;
      baseline: { newCertifications: number; recertificationRate: number; revoked: number };
      /** Past first-time certifications, for the default spread of new certifications. */
      newCertificationsHistory?: AnnualSeries;
      spreads?: { newCertificationsSd?: number; recertificationRateSd?: number; revokedSd?: number };
    }
  | { kind: 'ratio'; numerator: RatioPartInput; denominator: RatioPartInput; scale?: number }
  | {
      kind: 'yearEnd';
      /** The latest in-year cumulative figure; when it is from before the target year the last annual total is carried forward. */
      current: CumulativePoint;
      cumulative: readonly CumulativePoint[];
      annual: AnnualSeries;
      seasonalYears?: number;
    };

export interface TargetInput {
  definition: TargetDefinition;
  model: TargetModel;
}

/** Default spreads where history cannot give one (documented in the README). */
export const DEFAULT_SPREADS = {
  /** sd of first-time certifications as a share of the assumed number. */
  newCertificationsRelative: 0.1,
  recertificationRate: 0.05,
  /** sd of revocations as a share of the assumed number (at least 1). */
  revokedRelative: 0.5,
  /** sd of the seasonal share when only one earlier year is known. */
  seasonalShare: 0.05,
} as const;

/** One target under one scenario: deterministic projection, gap, pace, and the Monte Carlo model. */
export interface TargetProjection {
  targetId: string;
  scenarioId: ScenarioId;
  indicatorCode: string;
  target: Target;
  /** The method as stored in results, e.g. `holt`, `stock-flow`, `ratio:cagr/linear`, `year-end`. */
  method: string;
  latest: LatestValue;
  /** Actual annual values (for a ratio, the ratio's own). */
  history: AnnualPoint[];
  /** Deterministic projection for the years after the latest annual value, up to the target year. */
  path: ProjectedPoint[];
  /** The value in the target year: projected, or actual when the year is complete. */
  projectedValue: number;
  meets: boolean;
  gap: TargetGap;
  requiredPace: RequiredPace;
  /** Null when the target year is already complete. */
  simulation: SimulationTarget | null;
  /** Where the simulation's yearly σ comes from (prior and the series' own variability); null when it has no prior. */
  spread: SpreadOrigin | null;
  detail:
    | { kind: 'series'; projection: Projection }
    | { kind: 'stockFlow'; years: StockFlowYear[] }
    | { kind: 'ratio'; numerator: Projection | null; denominator: Projection | null }
    | { kind: 'yearEnd'; estimate: YearEndEstimate | null }
    | { kind: 'actual' };
}

function withTrendFactor(spread: SpreadOrigin, method: string, changes: number, horizon: number): SpreadOrigin {
  return { ...spread, trendFactor: trendUncertaintyFactor(method, changes, horizon) };
}

/** Fitted projections keyed by target, method and horizon; pass the same map between slider moves. Clear it when the data change. */
export type ProjectionCache = Map<string, Projection>;

export function evaluateScenario(inputs: readonly TargetInput[], scenario: Scenario, cache: ProjectionCache = new Map()): TargetProjection[] {
  return inputs.map((input) => evaluateTarget(input, scenario.assumptions[assumptionKeyOf(input.definition)] ?? {}, scenario.id, cache));
}

/** The key of a target's assumptions in a scenario. */
export function assumptionKeyOf(definition: Pick<TargetDefinition, 'id' | 'assumptionKey'>): string {
  return definition.assumptionKey ?? definition.id;
}

function evaluateTarget(input: TargetInput, assumptions: TargetAssumptions, scenarioId: ScenarioId, cache: ProjectionCache): TargetProjection {
  const { definition, model } = input;
  const { target } = definition;
  const volatility = assumptions.volatilityFactor ?? 1;
  const cached = (key: string, series: AnnualSeries, spec: ProjectionSpec, toYear: number): Projection => {
    const fullKey = `${definition.id}|${key}|${JSON.stringify(spec)}|${toYear}`;
    let projection = cache.get(fullKey);
    if (!projection) {
      projection = projectSeries(series, spec, toYear);
      cache.set(fullKey, projection);
    }
    return projection;
  };
  const finish = (parts: {
    method: string;
    latest: LatestValue;
    history: AnnualPoint[];
    path: ProjectedPoint[];
    projectedValue: number;
    simulation: SimulationTarget | null;
    detail: TargetProjection['detail'];
    spread?: SpreadOrigin | null;
  }): TargetProjection => ({
    targetId: definition.id,
    scenarioId,
    indicatorCode: definition.indicatorCode,
    target,
    spread: null,
    ...parts,
    meets: meetsTarget(parts.projectedValue, target),
    gap: targetGap(parts.latest.value, target),
    requiredPace: requiredPace({ paceKind: definition.paceKind, target, latest: parts.latest }),
  });
  const simulationTarget = (years: number[], simulation: SimulationTarget['model']): SimulationTarget => ({
    id: definition.id,
    years,
    model: simulation,
    target,
  });

  switch (model.kind) {
    case 'series': {
      const history = checkedSeries(model.series, { method: definition.name, minLength: 1 });
      const latest = lastPoint(history);
      if (latest.year >= target.year) return actualOutcome(finish, history, target);
      const spec = assumptions.method ?? model.method;
      const base = cached('series', history, spec, target.year);
      const adjusted = boundProjection(adjustProjection(base, assumptions.growthAdjustment ?? 0), definition.upperBound ?? null);
      const spread = definition.spreadPrior
        ? withTrendFactor(shrunkSpread(history, definition.spreadPrior), spec.method, history.length - 1, target.year - latest.year)
        : null;
      return finish({
        method: spec.method,
        latest,
        history,
        path: adjusted.path,
        projectedValue: adjusted.path[adjusted.path.length - 1]!.value,
        simulation: simulationTarget(
          adjusted.path.map((point) => point.year),
          pathSimulationFor(history, adjusted, {
            sdFactor: volatility,
            ...(spread ? { spread: { sd: spread.sd * spread.trendFactor, spreadClass: spread.prior.spreadClass } } : {}),
            upperBound: definition.upperBound ?? null,
          }),
        ),
        detail: { kind: 'series', projection: adjusted },
        spread,
      });
    }
    case 'stockFlow': {
      const history = checkedSeries(model.stock, { method: definition.name, minLength: 1 });
      const latest = lastPoint(history);
      if (latest.year >= target.year) return actualOutcome(finish, history, target);
      const assumed = {
        newCertifications: assumptions.newCertifications ?? model.baseline.newCertifications,
        recertificationRate: assumptions.recertificationRate ?? model.baseline.recertificationRate,
        revoked: assumptions.revoked ?? model.baseline.revoked,
      };
      const stockInput = {
        lastYear: latest.year,
        openingStock: latest.value,
        ...(model.issuedByYear ? { issuedByYear: model.issuedByYear } : {}),
        ...(model.termYears === undefined ? {} : { termYears: model.termYears }),
        toYear: target.year,
        assumptions: assumed,
      };
      const years = projectStockFlow(stockInput);
      const newSd =
        model.spreads?.newCertificationsSd ??
        (model.newCertificationsHistory && model.newCertificationsHistory.length >= 3
          ? sampleSd(model.newCertificationsHistory.map((point) => point.value))
          : DEFAULT_SPREADS.newCertificationsRelative * assumed.newCertifications);
      const spreads = {
        newCertificationsSd: volatility * newSd,
        recertificationRateSd: volatility * (model.spreads?.recertificationRateSd ?? DEFAULT_SPREADS.recertificationRate),
        revokedSd: volatility * (model.spreads?.revokedSd ?? Math.max(1, DEFAULT_SPREADS.revokedRelative * assumed.revoked)),
      };
      return finish({
        method: 'stock-flow',
        latest,
        history,
        path: years.map((year) => ({ year: year.year, value: year.closing })),
        projectedValue: years[years.length - 1]!.closing,
        simulation: simulationTarget(
          years.map((year) => year.year),
          stockFlowSimulation(stockInput, spreads),
        ),
        detail: { kind: 'stockFlow', years },
      });
    }
    case 'ratio': {
      const scale = model.scale ?? 100;
      const numeratorActual = checkedSeries(model.numerator.series, { method: `${definition.name} (numerator)`, minLength: 1 });
      const denominatorActual = checkedSeries(model.denominator.series, { method: `${definition.name} (denominator)`, minLength: 1 });
      const part = (key: string, actual: AnnualPoint[], input: RatioPartInput, adjustment: number) =>
        lastPoint(actual).year >= target.year ? null : adjustProjection(cached(key, actual, input.method, target.year), adjustment);
      const numerator = part('numerator', numeratorActual, model.numerator, assumptions.numeratorGrowthAdjustment ?? 0);
      const denominator = part('denominator', denominatorActual, model.denominator, assumptions.denominatorGrowthAdjustment ?? 0);
      const { history, path } = combineRatio({
        numeratorActual,
        numeratorPath: numerator?.path ?? [],
        denominatorActual,
        denominatorPath: denominator?.path ?? [],
        toYear: target.year,
        scale,
      });
      if (history.length === 0) throw new ProjectionInputError(`${definition.name}: no year has both the numerator and the denominator`);
      const latest = history[history.length - 1]!;
      if (latest.year >= target.year) return actualOutcome(finish, history, target);
      const years = path.map((point) => point.year);
      const partSimulation = (actual: AnnualPoint[], projection: Projection | null): RatioPartSimulation => {
        const last = lastPoint(actual);
        const simulation = projection ? pathSimulationFor(actual, projection, { sdFactor: volatility }) : null;
        return {
          baseYear: last.year,
          base: last.value,
          points: simulation?.points ?? [],
          shock: simulation?.shock ?? { kind: 'additive', sd: 0 },
          actuals: actual,
        };
      };
      const methodName = (input: RatioPartInput, projection: Projection | null) => (projection ? input.method.method : 'actual');
      return finish({
        method: `ratio:${methodName(model.numerator, numerator)}/${methodName(model.denominator, denominator)}`,
        latest,
        history,
        path,
        projectedValue: path[path.length - 1]!.value,
        simulation: simulationTarget(years, {
          kind: 'ratio',
          numerator: partSimulation(numeratorActual, numerator),
          denominator: partSimulation(denominatorActual, denominator),
          scale,
        }),
        detail: { kind: 'ratio', numerator, denominator },
      });
    }
    case 'yearEnd': {
      const annual = checkedSeries(model.annual, { method: definition.name, minLength: 0 });
      const lastAnnual = annual[annual.length - 1];
      if (lastAnnual && lastAnnual.year >= target.year) return actualOutcome(finish, annual, target);
      const pace = assumptions.paceFactor ?? 1;
      if (model.current.year !== target.year) {
        // No figure for the target year yet: carry the last full year forward, at the assumed pace.
        if (!lastAnnual) throw new ProjectionInputError(`${definition.name}: no annual total and no in-year figure for ${target.year}`);
        const value = lastAnnual.value * pace;
        const spread = definition.spreadPrior ? shrunkSpread(annual, definition.spreadPrior) : null;
        // With a prior, σ is a growth rate: on the scale of last year's total.
        const sd = volatility * (spread ? spread.sd * lastAnnual.value : incrementVolatility(annual).sd);
        return finish({
          method: 'year-end',
          latest: { year: target.year, value: 0, month: 0 },
          history: annual,
          path: [{ year: target.year, value }],
          projectedValue: value,
          simulation: value > 0 || sd > 0 ? simulationTarget([target.year], { kind: 'path', base: lastAnnual.value, points: [value], shock: { kind: 'additive', sd } }) : null,
          detail: { kind: 'yearEnd', estimate: null },
          spread,
        });
      }
      const estimate = estimateYearEnd({
        current: model.current,
        cumulative: model.cumulative,
        annual,
        ...(model.seasonalYears === undefined ? {} : { years: model.seasonalYears }),
      });
      const value = estimate.cumulativeValue + (estimate.estimate - estimate.cumulativeValue) * pace;
      const shareSd = estimate.shares.length >= 2 ? estimate.shareSd : DEFAULT_SPREADS.seasonalShare;
      return finish({
        method: 'year-end',
        latest: { year: model.current.year, value: model.current.cumulativeValue, month: model.current.month },
        history: annual,
        path: [{ year: target.year, value }],
        projectedValue: value,
        simulation:
          estimate.month === 12
            ? null
            : simulationTarget([target.year], {
                kind: 'yearEnd',
                cumulativeValue: estimate.cumulativeValue,
                share: { mean: estimate.share, sd: volatility * shareSd },
                paceFactor: pace,
              }),
        detail: { kind: 'yearEnd', estimate },
      });
    }
  }
}

/** The target year is complete: the outcome is the actual value. */
function actualOutcome(
  finish: (parts: {
    method: string;
    latest: LatestValue;
    history: AnnualPoint[];
    path: ProjectedPoint[];
    projectedValue: number;
    simulation: SimulationTarget | null;
    detail: TargetProjection['detail'];
  }) => TargetProjection,
  history: readonly AnnualPoint[],
  target: Target,
): TargetProjection {
  const actual = history.find((point) => point.year === target.year) ?? lastPoint(history);
  return finish({
    method: 'actual',
    latest: actual,
    history: [...history],
    path: [],
    projectedValue: actual.value,
    simulation: null,
    detail: { kind: 'actual' },
  });
}

/**
 * Applies a growth adjustment g to a projection: h years out the value is
 * multiplied by (1 + g)^h; for a logistic projection g is added h times to
 * the logit instead, so the ceiling still holds. g = 0 returns the projection.
 */
export function adjustProjection(projection: Projection, adjustment: number): Projection {
  if (adjustment === 0) return projection;
  if (!(adjustment > -1)) throw new ProjectionInputError(`A growth adjustment must be above -100 %; got ${String(adjustment)}`);
  const baseYear = projection.lastActual.year;
  const capacity = projection.spec.method === 'logistic' ? projection.parameters.capacity : null;
  const path = projection.path.map((point) => {
    const h = point.year - baseYear;
    const value =
      typeof capacity === 'number'
        ? inverseLogit(logit(point.value, capacity) + adjustment * h, capacity)
        : point.value * (1 + adjustment) ** h;
    return { year: point.year, value };
  });
  return { ...projection, path, parameters: { ...projection.parameters, growthAdjustment: adjustment } };
}

/**
 * The z of P90 (and −z of P10) of a standard normal: the optimistic and
 * pessimistic scenarios move each knob by this many of the same yearly σ
 * the Monte Carlo draws with, so they sit at the edges of the P10–P90 fan
 * for the first projected year.
 */
export const SCENARIO_Z = 1.2816;

/**
 * The three built-in scenarios. Baseline takes every model's defaults.
 * Optimistic and pessimistic move each target by ±SCENARIO_Z yearly σ, from
 * the same spread as the simulation: series and ratio numerators by their
 * growth adjustment (on the logit for logistic paths); stock-and-flow new
 * certifications and the recertification rate by their spreads; year-end
 * estimates the rest-of-year pace by the seasonal share's relative spread.
 * Names are the Chinese defaults; the UI may show localized names for the
 * built-in kinds.
 */
export function defaultScenarios(inputs: readonly TargetInput[]): Scenario[] {
  const make = (kind: ScenarioKind, name: string, sign: 1 | -1 | 0): Scenario => {
    const assumptions: Record<string, TargetAssumptions> = {};
    if (sign !== 0) {
      // Targets sharing an indicator share its assumptions: the first (earliest) target's model sets them.
      for (const input of inputs) assumptions[assumptionKeyOf(input.definition)] ??= shiftedAssumptions(input, sign);
    }
    return { id: kind as ScenarioId, name, kind, assumptions };
  };
  return [make('baseline', '基准情景', 0), make('optimistic', '乐观情景', 1), make('pessimistic', '悲观情景', -1)];
}

const round3 = (value: number) => Math.round(value * 1000) / 1000;

/**
 * The yearly σ a series' growth adjustment is measured in: the shrunk spread
 * with a prior (a share's logit σ turned into a growth rate at its last
 * level, unless the path itself is logistic), the series' own without.
 */
export function seriesSpreadSd(series: AnnualSeries, method: ProjectionSpec, definition: TargetDefinition): number {
  if (definition.spreadPrior) {
    const { sd } = shrunkSpread(series, definition.spreadPrior);
    if (definition.spreadPrior.spreadClass !== 'share' || method.method === 'logistic') return sd;
    return sd * Math.max(0, 1 - lastPoint(series).value / 100);
  }
  if (method.method === 'logistic') return logitIncrementVolatility(series, method.capacity ?? 100).sd;
  return series.every((point) => point.value > 0) ? growthRateVolatility(series).sd : 0;
}

function shiftedAssumptions({ definition, model }: TargetInput, sign: 1 | -1): TargetAssumptions {
  // A yearly shift that lands the scenario near P90 (P10) in the target year: z·σ_total / h, where the fan's
  // σ_total = σ·√h·(trend widening); so long horizons do not compound a one-year shift into a path far outside the fan.
  const shift = (sd: number, series: AnnualSeries, method: ProjectionSpec) => {
    if (!definition.spreadPrior) return round3(sign * SCENARIO_Z * sd);
    const last = lastPoint(checkedSeries(series, { method: definition.name, minLength: 1 }));
    const horizon = Math.max(1, definition.target.year - last.year);
    const widen = trendUncertaintyFactor(method.method, series.length - 1, horizon);
    return round3((sign * SCENARIO_Z * sd * widen) / Math.sqrt(horizon));
  };
  switch (model.kind) {
    case 'series':
      return { growthAdjustment: shift(seriesSpreadSd(model.series, model.method, definition), model.series, model.method) };
    case 'stockFlow': {
      const history = model.newCertificationsHistory;
      const newSd =
        model.spreads?.newCertificationsSd ??
        (history && history.length >= 3 ? sampleSd(history.map((point) => point.value)) : DEFAULT_SPREADS.newCertificationsRelative * model.baseline.newCertifications);
      const rateSd = model.spreads?.recertificationRateSd ?? DEFAULT_SPREADS.recertificationRate;
      return {
        newCertifications: Math.max(0, Math.round(model.baseline.newCertifications + sign * SCENARIO_Z * newSd)),
        recertificationRate: Math.min(1, Math.max(0, round3(model.baseline.recertificationRate + sign * SCENARIO_Z * rateSd))),
      };
    }
    case 'ratio':
      return { numeratorGrowthAdjustment: shift(seriesSpreadSd(model.numerator.series, model.numerator.method, definition), model.numerator.series, model.numerator.method) };
    case 'yearEnd': {
      // The rest of the year's pace: the seasonal share's spread relative to the share, or the prior's yearly σ.
      const relative = definition.spreadPrior ? shrunkSpread(model.annual, definition.spreadPrior).sd : DEFAULT_SPREADS.seasonalShare / 0.5;
      return { paceFactor: Math.max(0, round3(1 + sign * SCENARIO_Z * relative)) };
    }
  }
}

/** A target under a scenario with its Monte Carlo outcome and status: one row of the target board. */
export interface TargetAssessment extends TargetProjection {
  /** Per projected year: the deterministic value and, when simulated, the P10–P90 fan. */
  fan: { year: number; value: number; p10: number | null; p50: number | null; p90: number | null }[];
  probability: number | null;
  status: TargetStatus;
}

/**
 * Fewest annual values whose year-over-year changes give a spread to
 * simulate with. A projection that draws its spread only from its own
 * history (a series, or the last total carried forward) and has fewer
 * values claims no probability and no fan: with one change or none the
 * "spread" would be zero and every path would land on the same value.
 */
export const MIN_YEARS_FOR_PROBABILITY = 3;

/** True when the projection's only source of spread is a history too short to have one. */
export function spreadUnknown(projection: TargetProjection): boolean {
  const fromHistoryOnly = projection.detail.kind === 'series' || (projection.detail.kind === 'yearEnd' && projection.detail.estimate === null);
  return fromHistoryOnly && projection.spread === null && projection.history.length < MIN_YEARS_FOR_PROBABILITY;
}

/**
 * Joins deterministic projections with a Monte Carlo result (or none) into
 * board rows. A complete target year has probability 1 or 0 from its actual;
 * a projection whose spread is unknown (`spreadUnknown`) has none, and its
 * status comes from the projected value alone.
 */
export function assessScenario(projections: readonly TargetProjection[], monteCarlo: MonteCarloResult | null): TargetAssessment[] {
  const byId = new Map((monteCarlo?.targets ?? []).map((result) => [result.id, result]));
  return projections.map((projection) => {
    if (spreadUnknown(projection)) {
      return {
        ...projection,
        fan: projection.path.map((point) => ({ year: point.year, value: point.value, p10: null, p50: null, p90: null })),
        probability: null,
        status: targetStatus({ target: projection.target, projected: projection.projectedValue, probability: null }),
      };
    }
    const simulated = projection.simulation ? byId.get(projection.targetId) : undefined;
    const fan = projection.path.map((point) => {
      const index = simulated ? simulated.years.indexOf(point.year) : -1;
      return {
        year: point.year,
        value: point.value,
        p10: index < 0 ? null : simulated!.p10[index]!,
        p50: index < 0 ? null : simulated!.p50[index]!,
        p90: index < 0 ? null : simulated!.p90[index]!,
      };
    });
    const probability = projection.simulation === null ? (projection.meets ? 1 : 0) : (simulated?.probability ?? null);
    return {
      ...projection,
      fan,
      probability,
      status: targetStatus({ target: projection.target, projected: projection.projectedValue, probability }),
    };
  });
}

/** The simulation models of every projection that has one, for `runMonteCarlo`. */
export function simulationTargets(projections: readonly TargetProjection[]): SimulationTarget[] {
  return projections.flatMap((projection) => (projection.simulation && !spreadUnknown(projection) ? [projection.simulation] : []));
}

function sampleSd(values: readonly number[]): number {
  const mean = values.reduce((sum, value) => sum + value, 0) / values.length;
  return Math.sqrt(values.reduce((sum, value) => sum + (value - mean) ** 2, 0) / (values.length - 1));
}
