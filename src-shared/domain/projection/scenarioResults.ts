import type { Scenario, TargetAssessment } from './scenario';
import { meetsTarget } from './targetStatus';

/**
 * One row of the workspace table `scenario_results`, so SQL and charts can
 * use projections: one row per scenario, target indicator and projected year.
 * `target`, `meets` and `probability` are filled on the target year's row
 * only; p10/p90 are null for years that were not simulated (p50 then holds
 * the deterministic projection).
 */
export interface ScenarioResultRow {
  scenario: string;
  scenario_id: string;
  target_id: string;
  indicator: string;
  year: number;
  method: string;
  p10: number | null;
  p50: number;
  p90: number | null;
  target: number | null;
  comparator: string | null;
  meets: boolean | null;
  probability: number | null;
  status: string | null;
}

/** Column names and DuckDB types of `scenario_results`, in order. */
export const SCENARIO_RESULT_COLUMNS: readonly { name: keyof ScenarioResultRow; type: string }[] = [
  { name: 'scenario', type: 'VARCHAR' },
  { name: 'scenario_id', type: 'VARCHAR' },
  { name: 'target_id', type: 'VARCHAR' },
  { name: 'indicator', type: 'VARCHAR' },
  { name: 'year', type: 'INTEGER' },
  { name: 'method', type: 'VARCHAR' },
  { name: 'p10', type: 'DOUBLE' },
  { name: 'p50', type: 'DOUBLE' },
  { name: 'p90', type: 'DOUBLE' },
  { name: 'target', type: 'DOUBLE' },
  { name: 'comparator', type: 'VARCHAR' },
  { name: 'meets', type: 'BOOLEAN' },
  { name: 'probability', type: 'DOUBLE' },
  { name: 'status', type: 'VARCHAR' },
];

export function scenarioResultRows(scenario: Scenario, assessments: readonly TargetAssessment[]): ScenarioResultRow[] {
  return assessments.flatMap((assessment) => {
    const { target } = assessment;
    const points =
      assessment.fan.length > 0
        ? assessment.fan
        : [{ year: target.year, value: assessment.projectedValue, p10: null, p50: null, p90: null }];
    return points.map((point) => {
      const isTargetYear = point.year === target.year;
      const p50 = point.p50 ?? point.value;
      return {
        scenario: scenario.name,
        scenario_id: scenario.id,
        target_id: assessment.targetId,
        indicator: assessment.indicatorCode,
        year: point.year,
        method: assessment.method,
        p10: point.p10,
        p50,
        p90: point.p90,
        target: isTargetYear ? target.value : null,
        comparator: isTargetYear ? target.comparator : null,
        meets: isTargetYear ? meetsTarget(p50, target) : null,
        probability: isTargetYear ? assessment.probability : null,
        status: isTargetYear ? assessment.status : null,
      };
    });
  });
}
