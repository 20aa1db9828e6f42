import type { MonteCarloResult, SimulationTarget } from './monteCarlo';
import { targetStatus, type TargetStatus } from './targetStatus';
import type { TargetProjection } from './scenario';

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
