import { quoteLiteral } from '../sqlIdentifier';
import type { TargetMethod } from './NotebookDocument';
import type { TargetProjectionFacts } from './targetProjection';

function numberLiteral(value: number | null): string {
  return value === null || !Number.isFinite(value) ? 'NULL::DOUBLE' : `${value}::DOUBLE`;
}

function textLiteral(value: string | null): string {
  return value === null ? 'NULL::VARCHAR' : quoteLiteral(value);
}

function booleanLiteral(value: boolean | null): string {
  return value === null ? 'NULL::BOOLEAN' : value ? 'TRUE' : 'FALSE';
}

/**
 * Where a target stands, as the target domain works it out on the main side
 * (`loadTargetFacts`: the latest figure in real period order, user
 * corrections first, the comparator as the document means it). The card's
 * SQL only carries these facts as literals, so the notebook, the board and
 * `iwb forecast` cannot disagree.
 */
export interface TargetCardFacts {
  actual: { year: number; period: string; value: number; unit: string; status: string; sourceId?: string | null } | null;
  /** Target minus what counts toward it (for a count made within the year, this year's figure or 0). */
  gap: number | null;
  met: boolean | null;
  /** Whether the actual is a full-year figure for the target year (or later): the verdict is final. */
  targetYearReached: boolean;
  /** The comparator as the document means it ('=' on a count reads as '>='). */
  comparator: string;
  /** What the row should say beside its figures (comparable counts, sources that disagree), or null. */
  caveat: string | null;
}

/**
 * The SQL behind a target cell: one row saying where a target stands. It
 * reads the target and its source from the workspace's `targets` and
 * `sources` views and the facts (`TargetCardFacts`) and projection
 * (`targetProjection`) computed on the main side, as literals:
 * actual_year, actual_period, actual_value, actual_unit, actual_status, gap,
 * met, target_year_reached; projected_year, projected_value,
 * projected_status, required_growth (a fraction), projection_note.
 * The target id goes in as a quoted literal: a named target cell becomes a
 * view, and a view cannot hold a bound parameter.
 */
export function targetSummarySql(targetId: string, method: TargetMethod, facts: TargetCardFacts | null, projection: TargetProjectionFacts | null = null): string {
  const actual = facts?.actual ?? null;
  return `WITH target AS (
  SELECT * FROM targets WHERE target_id = ${quoteLiteral(targetId)}
)
SELECT
  t.target_id,
  t.indicator_code,
  t.region,
  t.scope,
  t.year AS target_year,
  ${facts ? quoteLiteral(facts.comparator) : 't.comparator'} AS comparator,
  t.value AS target_value,
  t.unit AS target_unit,
  ${actual ? `${actual.year}::INTEGER` : 'NULL::INTEGER'} AS actual_year,
  ${textLiteral(actual?.period ?? null)} AS actual_period,
  ${numberLiteral(actual?.value ?? null)} AS actual_value,
  ${textLiteral(actual?.unit ?? null)} AS actual_unit,
  ${textLiteral(actual?.status ?? null)} AS actual_status,
  ${numberLiteral(facts?.gap ?? null)} AS gap,
  ${booleanLiteral(facts?.met ?? null)} AS met,
  ${booleanLiteral(facts?.targetYearReached ?? false)} AS target_year_reached,
  ${quoteLiteral(method)} AS method,
  ${projection?.year ?? 'NULL::INTEGER'} AS projected_year,
  ${numberLiteral(projection?.value ?? null)} AS projected_value,
  ${textLiteral(projection?.status ?? null)} AS projected_status,
  ${numberLiteral(projection?.requiredGrowth ?? null)} AS required_growth,
  ${textLiteral(projection?.note ?? null)} AS projection_note,
  s.title AS target_source,
  t.source_id AS target_source_id,
  ${textLiteral(actual?.sourceId ?? null)} AS actual_source_id,
  t.note AS target_note,
  ${textLiteral(facts?.caveat ?? null)} AS caveat
FROM target t
LEFT JOIN sources s ON s.source_id = t.source_id`;
}
