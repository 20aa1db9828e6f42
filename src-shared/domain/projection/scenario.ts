import { z } from 'zod';
import { ASSUMPTION_TABLE, type AssumptionKey } from './assumptionTable';
import { ProjectionInputError, type AnnualPoint, type AnnualSeries, type ProjectedPoint } from './annualSeries';
import type { SimulationTarget } from './monteCarlo';
import { projectionSpecSchema, type Projection, type ProjectionSpec } from './projectSeries';
import type { SpreadOrigin, SpreadPrior } from './spreadPrior';
import type { LatestValue, PaceKind, RequiredPace, TargetGap } from './requiredPace';
import type { StockFlowYear } from './stockFlowModel';
import type { Target } from './targetStatus';
import type { CumulativePoint, YearEndEstimate } from './yearEndEstimate';

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

// The jobs on scenarios live one per module: evaluation (evaluateScenario.ts), the built-in
// scenarios (defaultScenarios.ts) and board rows (assessScenario.ts); re-exported here for callers.
export { adjustProjection, assumptionKeyOf, DEFAULT_SPREADS, evaluateScenario, type ProjectionCache } from './evaluateScenario';
export { defaultScenarios, SCENARIO_Z, seriesSpreadSd } from './defaultScenarios';
export { assessScenario, MIN_YEARS_FOR_PROBABILITY, simulationTargets, spreadUnknown, type TargetAssessment } from './assessScenario';
