import type { TargetProjectionMethod } from '@shared/domain/notebook/NotebookDocument';
import { targetProjection, type TargetProjectionFacts } from '@shared/domain/notebook/targetProjection';
import type { AnnualPoint } from '@shared/domain/projection/annualSeries';
import { parseComparator } from '@shared/domain/projection/targetStatus';
import type { ExecResult } from '../engine/engineProtocol';

type Exec = (sql: string, params: Record<string, string>) => Promise<ExecResult>;

/**
 * The target and the annual values of its indicator, region and scope in the
 * target's unit; one value per year, an actual figure before a derived or
 * estimated one.
 */
export const TARGET_SERIES_SQL = `SELECT t.year AS target_year, t.comparator, t.value AS target_value, t.unit AS target_unit, o.year, o.value
FROM targets t
LEFT JOIN (
  SELECT DISTINCT ON (indicator_code, region, scope, unit, year) indicator_code, region, scope, unit, year, value
  FROM observations
  WHERE period = 'annual' AND value IS NOT NULL
  ORDER BY indicator_code, region, scope, unit, year, (status = 'actual') DESC
) o
  ON o.indicator_code = t.indicator_code
 AND o.region IS NOT DISTINCT FROM t.region
 AND o.scope IS NOT DISTINCT FROM t.scope
 AND o.unit IS NOT DISTINCT FROM t.unit
WHERE t.target_id = $target_id
ORDER BY o.year`;

/** Reads a target's series through `exec` and projects it; null when the target does not exist (the card says so). */
export async function loadTargetProjection(exec: Exec, targetId: string, method: TargetProjectionMethod): Promise<TargetProjectionFacts | null> {
  const { rows } = await exec(TARGET_SERIES_SQL, { target_id: targetId });
  const first = rows[0];
  if (first === undefined) return null;
  const series: AnnualPoint[] = rows.flatMap((row) => (row.year === null || row.value === null ? [] : [{ year: Number(row.year), value: Number(row.value) }]));
  let comparator;
  try {
    comparator = parseComparator(String(first.comparator));
  } catch (error) {
    return { method, year: null, value: null, status: null, requiredGrowth: null, note: error instanceof Error ? error.message : String(error) };
  }
  const unit = first.target_unit === null ? null : String(first.target_unit);
  return targetProjection(series, { year: Number(first.target_year), comparator, value: Number(first.target_value) }, method, unit);
}
