import type { TargetAssumptions, TargetInput } from './scenario';

/** The numeric knobs of a scenario (the method is chosen from a menu, not a range). */
export type AssumptionKey = Exclude<keyof TargetAssumptions, 'method'>;

export interface AssumptionLimits {
  /** The range a stored scenario may hold (the schema) and goal seek may search. */
  min: number;
  max: number;
  step: number;
  /** Shown as a percentage (rates and adjustments). */
  percent: boolean;
}

/**
 * The one table of scenario assumptions: the schema validates stored
 * scenarios against these ranges, the sliders offer them (counts up to a
 * range scaled to the model, see `assumptionRows`) and goal seek searches
 * within the same range, so whatever goal seek finds can be shown, saved and
 * read back.
 */
export const ASSUMPTION_TABLE: Record<AssumptionKey, AssumptionLimits> = {
  growthAdjustment: { min: -0.5, max: 2, step: 0.001, percent: true },
  numeratorGrowthAdjustment: { min: -0.5, max: 2, step: 0.001, percent: true },
  denominatorGrowthAdjustment: { min: -0.5, max: 2, step: 0.001, percent: true },
  newCertifications: { min: 0, max: 100_000, step: 1, percent: false },
  recertificationRate: { min: 0, max: 1, step: 0.01, percent: true },
  revoked: { min: 0, max: 100_000, step: 1, percent: false },
  paceFactor: { min: 0, max: 5, step: 0.01, percent: true },
  volatilityFactor: { min: 0, max: 5, step: 0.1, percent: false },
};

/** One slider of the scenario panel. */
export interface AssumptionRow extends AssumptionLimits {
  key: AssumptionKey;
  /** The value when the scenario leaves it out. */
  baseline: number;
  /** The knob goal seek moves for this model (one per model). */
  goalSeek: boolean;
}

function row(key: AssumptionKey, baseline: number, goalSeek: boolean, max?: number): AssumptionRow {
  const limits = ASSUMPTION_TABLE[key];
  return { key, ...limits, max: max === undefined ? limits.max : Math.min(limits.max, max), baseline, goalSeek };
}

/** The knobs of a target's model, in panel order, with the one goal seek moves marked. */
export function assumptionRows(input: TargetInput): AssumptionRow[] {
  const { model } = input;
  const volatility = row('volatilityFactor', 1, false);
  switch (model.kind) {
    case 'series':
      return [row('growthAdjustment', 0, true), volatility];
    case 'stockFlow': {
      const base = model.baseline;
      // Counts: a range scaled to the model, so a slider step is one certificate; goal seek searches the same range.
      const newMax = Math.max(50, Math.ceil((base.newCertifications * 2.5) / 10) * 10, Math.ceil(input.definition.target.value * 2));
      return [
        row('newCertifications', base.newCertifications, true, newMax),
        row('recertificationRate', base.recertificationRate, false),
        row('revoked', base.revoked, false, Math.max(20, Math.ceil(base.revoked * 3))),
        volatility,
      ];
    }
    case 'ratio':
      return [row('numeratorGrowthAdjustment', 0, true), row('denominatorGrowthAdjustment', 0, false), volatility];
    case 'yearEnd':
      return [row('paceFactor', 1, true), volatility];
  }
}

export function goalSeekRow(input: TargetInput): AssumptionRow {
  return assumptionRows(input).find((candidate) => candidate.goalSeek)!;
}
