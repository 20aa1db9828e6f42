import type { AnnualPoint } from '../projection/annualSeries';
import { ProjectionInputError } from '../projection/annualSeries';
import { requiredGrowthRate } from '../projection/goalSeek';
import { boundProjection } from '../projection/boundedProjection';
import { projectSeries, type ProjectionSpec } from '../projection/projectSeries';
import { statusFromProjection, type Comparator, type TargetStatus } from '../projection/targetStatus';
import type { TargetProjectionMethod } from './NotebookDocument';

/** What a projecting target cell adds to its row: computed on the main side, written into the cell's SQL as literals. */
export interface TargetProjectionFacts {
  method: TargetProjectionMethod;
  /** The year projected to (the target's year); null when nothing could be projected. */
  year: number | null;
  value: number | null;
  status: TargetStatus | null;
  /** Constant yearly growth from the last actual value that reaches the target value by its year (a fraction). */
  requiredGrowth: number | null;
  /** Why there is no projection, in words a planner can act on. */
  note: string | null;
}

export interface TargetForProjection {
  year: number;
  comparator: Comparator;
  value: number;
}

function spec(method: TargetProjectionMethod, unit: string | null): ProjectionSpec {
  // Shares and coverage rates in percent are bounded by 100; other logistic series need a capacity the cell does not carry.
  if (method === 'logistic') return unit === '%' ? { method, capacity: 100 } : { method };
  return { method };
}

/**
 * Projects a target's indicator to the target year. `series` holds the
 * annual values in the target's unit. Unusable input (too few years, a zero
 * where growth needs a positive value) gives a note, not an error: the card
 * still shows the latest actual value. A share or coverage rate never passes
 * `upperBound`.
 */
export function targetProjection(
  series: readonly AnnualPoint[],
  target: TargetForProjection,
  method: TargetProjectionMethod,
  unit: string | null,
  upperBound: number | null = null,
): TargetProjectionFacts {
  const none = (note: string): TargetProjectionFacts => ({ method, year: null, value: null, status: null, requiredGrowth: null, note });
  if (series.length === 0) return none('没有与目标同单位的年度实际值，无法推算。 No annual values in the target unit to project from.');
  const last = series.reduce((latest, point) => (point.year > latest.year ? point : latest));
  const requiredGrowth = last.year < target.year && last.value > 0 && target.value > 0 ? requiredGrowthRate(last, target) : null;
  if (last.year >= target.year) {
    return { method, year: null, value: null, status: null, requiredGrowth: null, note: `已有 ${last.year} 年实际值，无需推算。 The target year already has an actual value.` };
  }
  try {
    const projection = boundProjection(projectSeries(series, spec(method, unit), target.year), upperBound);
    const value = projection.path.at(-1)?.value ?? null;
    if (value === null || !Number.isFinite(value)) return { ...none('推算没有得到有限的数值。 The projection gave no finite value.'), requiredGrowth };
    return { method, year: target.year, value, status: statusFromProjection(value, target), requiredGrowth, note: null };
  } catch (error) {
    if (error instanceof ProjectionInputError) return { ...none(error.message), requiredGrowth };
    throw error;
  }
}
