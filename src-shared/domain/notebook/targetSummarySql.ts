import { quoteLiteral } from '../sqlIdentifier';
import type { TargetMethod } from './NotebookDocument';
import type { TargetProjectionFacts } from './targetProjection';
import { EQUALS_RELATIVE_TOLERANCE } from '../projection/targetStatus';

function numberLiteral(value: number | null): string {
  return value === null || !Number.isFinite(value) ? 'NULL::DOUBLE' : `${value}::DOUBLE`;
}

function textLiteral(value: string | null): string {
  return value === null ? 'NULL::VARCHAR' : quoteLiteral(value);
}

/**
 * The SQL behind a target cell: one row saying where a target stands. It
 * reads the workspace's `targets`, `observations` and `sources` views and
 * takes the latest actual value of the same indicator, region and scope
 * (latest year; within a year the greatest `period`). The gap is computed in
 * SQL and only when the units agree; nothing is converted or projected.
 * `met` says whether that actual value satisfies the target ('=' within
 * EQUALS_RELATIVE_TOLERANCE, as on the target board);
 * `target_year_reached` whether it is a full-year figure for the target year
 * (or later), i.e. whether the verdict is final.
 * A projecting method adds the projection computed on the main side
 * (`targetProjection`), as literals: projected_year, projected_value,
 * projected_status, required_growth (a fraction), projection_note.
 * The target id goes in as a quoted literal: a named target cell becomes a
 * view, and a view cannot hold a bound parameter.
 */
export function targetSummarySql(targetId: string, method: TargetMethod, projection: TargetProjectionFacts | null = null): string {
  return `WITH target AS (
  SELECT * FROM targets WHERE target_id = ${quoteLiteral(targetId)}
), actual AS (
  SELECT o.year, o.period, o.value, o.unit, o.status, o.source_id
  FROM observations o, target t
  WHERE o.indicator_code = t.indicator_code
    AND o.region IS NOT DISTINCT FROM t.region
    AND o.scope IS NOT DISTINCT FROM t.scope
    AND o.value IS NOT NULL
  ORDER BY o.year DESC, o.period DESC NULLS LAST
  LIMIT 1
)
SELECT
  t.target_id,
  t.indicator_code,
  t.region,
  t.scope,
  t.year AS target_year,
  t.comparator,
  t.value AS target_value,
  t.unit AS target_unit,
  a.year AS actual_year,
  a.period AS actual_period,
  a.value AS actual_value,
  a.unit AS actual_unit,
  a.status AS actual_status,
  CASE WHEN a.value IS NOT NULL AND a.unit IS NOT DISTINCT FROM t.unit THEN t.value - a.value END AS gap,
  CASE
    WHEN a.value IS NULL OR a.unit IS DISTINCT FROM t.unit THEN NULL
    WHEN t.comparator IN ('>', 'gt') THEN a.value > t.value
    WHEN t.comparator IN ('>=', '≥', 'ge') THEN a.value >= t.value
    WHEN t.comparator IN ('<', 'lt') THEN a.value < t.value
    WHEN t.comparator IN ('<=', '≤', 'le') THEN a.value <= t.value
    WHEN t.comparator IN ('=', '==', 'eq') THEN abs(a.value - t.value) <= ${EQUALS_RELATIVE_TOLERANCE} * abs(t.value)
  END AS met,
  coalesce(a.year > t.year OR (a.year = t.year AND a.period = 'annual'), false) AS target_year_reached,
  ${quoteLiteral(method)} AS method,
  ${projection?.year ?? 'NULL::INTEGER'} AS projected_year,
  ${numberLiteral(projection?.value ?? null)} AS projected_value,
  ${textLiteral(projection?.status ?? null)} AS projected_status,
  ${numberLiteral(projection?.requiredGrowth ?? null)} AS required_growth,
  ${textLiteral(projection?.note ?? null)} AS projection_note,
  s.title AS target_source,
  t.note AS target_note
FROM target t
LEFT JOIN actual a ON true
LEFT JOIN sources s ON s.source_id = t.source_id`;
}
