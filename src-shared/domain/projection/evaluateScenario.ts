import { checkedSeries, lastPoint, ProjectionInputError, type AnnualPoint, type AnnualSeries, type ProjectedPoint } from './annualSeries';
import { incrementVolatility } from './historicalVolatility';
import { inverseLogit, logit } from './logisticProjection';
import { pathSimulationFor, type RatioPartSimulation, type SimulationTarget } from './monteCarlo';
import { boundProjection } from './boundedProjection';
import { projectSeries, type Projection, type ProjectionSpec } from './projectSeries';
import { priorDrift, shrunkDrift, shrunkSpread, trendUncertaintyFactor, type SpreadOrigin } from './spreadPrior';
import { combineRatio } from './ratioModel';
import { requiredPace, targetGap, type LatestValue } from './requiredPace';
import { projectStockFlow, stockFlowSimulation } from './stockFlowModel';
import { meetsTarget, type Target } from './targetStatus';
import { estimateYearEnd } from './yearEndEstimate';
import type { RatioPartInput, Scenario, ScenarioId, TargetAssumptions, TargetDefinition, TargetInput, TargetModel, TargetProjection } from './scenario';

/** Evaluates a scenario: each target's deterministic projection, gap, pace and Monte Carlo model under the scenario's assumptions. */

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

/** The sd of first-time certifications a year: given, else from three or more past years, else DEFAULT_SPREADS' share of the assumed number. */
export function newCertificationsSd(model: Extract<TargetModel, { kind: 'stockFlow' }>, assumedNew: number): number {
  const history = model.newCertificationsHistory;
  return (
    model.spreads?.newCertificationsSd ??
    (history && history.length >= 3 ? sampleSd(history.map((point) => point.value)) : DEFAULT_SPREADS.newCertificationsRelative * assumedNew)
  );
}

/** What a projection path yields before the common fields of a TargetProjection are added. */
interface ProjectionParts {
  method: string;
  latest: LatestValue;
  history: AnnualPoint[];
  path: ProjectedPoint[];
  projectedValue: number;
  simulation: SimulationTarget | null;
  detail: TargetProjection['detail'];
  spread?: SpreadOrigin | null;
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
  const finish = (parts: ProjectionParts): TargetProjection => ({
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
      // The model's own method from a short series: its central drift shrunk toward the class's pooled drift (spreadPrior.ts).
      const drift = definition.spreadPrior && !assumptions.method ? priorDrift(history, spec, definition.spreadPrior, definition.upperBound ?? null) : null;
      const central = drift ? adjustProjection(base, drift.adjustment) : base;
      const adjusted = boundProjection(adjustProjection(central, assumptions.growthAdjustment ?? 0), definition.upperBound ?? null);
      const spread = definition.spreadPrior
        ? withTrendFactor(
            { ...shrunkSpread(history, definition.spreadPrior), ...(drift ? { drift: drift.drift } : {}) },
            spec.method,
            history.length - 1,
            target.year - latest.year,
          )
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
      const newSd = newCertificationsSd(model, assumed.newCertifications);
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
        // With a prior the last total grows at the drift shrunk toward the pooled one (a count made within the year mostly grows too).
        const centralSpec: ProjectionSpec = annual.length > 1 ? { method: 'cagr' } : { method: 'growth', rate: 0 };
        const drift = definition.spreadPrior ? shrunkDrift(annual, centralSpec, definition.spreadPrior, null) : null;
        const value = lastAnnual.value * (1 + (drift?.drift ?? 0)) ** (target.year - lastAnnual.year) * pace;
        const spread = definition.spreadPrior ? { ...shrunkSpread(annual, definition.spreadPrior), ...(drift ? { drift } : {}) } : null;
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
  finish: (parts: ProjectionParts) => TargetProjection,
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

function sampleSd(values: readonly number[]): number {
  const mean = values.reduce((sum, value) => sum + value, 0) / values.length;
  return Math.sqrt(values.reduce((sum, value) => sum + (value - mean) ** 2, 0) / (values.length - 1));
}
