import type { AnnualPoint } from '../projection/annualSeries';
import { requiredPace, targetGap, type PaceKind, type RequiredPace, type TargetGap } from '../projection/requiredPace';
import { meetsTarget, type Comparator, type Target } from '../projection/targetStatus';
import { chooseObservations, isAnnualPeriod, latestObservation, type FactNote, type RawObservation } from './observationChoice';
import { countsTowardFor, measureKindFor, paceKindOf, readTarget, upperBoundFor, type ComparatorReading, type MeasureKind } from './targetMeaning';

export { periodMonth } from './observationChoice';

/**
 * One target of the target board with the facts the workspace holds about
 * it: its annual history, in-year cumulative figures, the latest actual, the
 * gap and the pace still needed. Built on the main side from the
 * `targets`, `observations` and `indicators` views; projections are made in
 * the renderer from the same object (see `targetInputFor`).
 */
export interface BoardTarget {
  targetId: string;
  indicatorCode: string;
  nameZh: string;
  nameEn: string;
  unit: string;
  /** The `indicators.kind` column (level, share, growth_rate, …); null when not known. */
  indicatorKind: string | null;
  region: string;
  scope: string;
  year: number;
  /** The comparator as the document means it (see `readTarget`): what status, gap and goal seek use. */
  comparator: Comparator;
  /** The comparator as the targets table writes it. */
  writtenComparator: Comparator;
  /** How the written comparator was read, for the row's caveat. */
  reading: ComparatorReading;
  value: number;
  /** The source note: where the target comes from. */
  note: string | null;
  sourceTitle: string | null;
  /** The `sources` row the target comes from; null for a user's target. */
  sourceId: string | null;
  /** 'bundled' targets come with the datasets; 'user' targets can be edited and removed. */
  origin: string;
  measure: MeasureKind;
  paceKind: PaceKind;
  /** The ceiling projections may not pass (100 for shares and coverage); null for none. */
  upperBound: number | null;
  /** Whether the latest figure that counts toward the target meets it; null without one. */
  latestMeets: boolean | null;
  /** What the row should say about where its figures come from (sources that disagree, corrections, comparable counts). */
  factNotes: FactNote[];
  /** When figures of another indicator count toward this target: what they leave out. */
  countsCaveat: { zh: string; en: string; shortZh: string; shortEn: string } | null;
  /** Annual values (period 'annual'), oldest first, each with where it comes from ('user' rows are the planner's). */
  history: { year: number; value: number; status: string; origin: string; sourceTitle: string | null }[];
  /** In-year cumulative figures ('1-11月'), oldest first. */
  cumulative: { year: number; month: number; period: string; value: number; status: string }[];
  /**
   * The latest actual: the annual value, or a later in-year cumulative
   * figure; null when there is none. `origin` is 'user' for a planner's row;
   * `sourceId` names its `sources` row; `countedFrom` is set when the figure
   * is another indicator's that counts toward this one.
   */
  latest: { year: number; period: string; month: number; value: number; status: string; origin: string; sourceId: string | null; countedFrom: string | null } | null;
  /** Target minus what counts toward it (for a flow, this year's cumulative figure or 0); null without an actual for a stock or ratio. */
  gap: TargetGap | null;
  pace: RequiredPace | { kind: 'no-actual' };
  /** Newly certified per year, for the stock-and-flow model of valid high-tech enterprises. */
  newCertifications: AnnualPoint[];
}

/** Plain facts as read from the views: the target as written, and every observation of its indicator (and of indicators counting toward it). */
export type BoardTargetFacts = Pick<
  BoardTarget,
  'targetId' | 'indicatorCode' | 'nameZh' | 'nameEn' | 'unit' | 'indicatorKind' | 'region' | 'scope' | 'year' | 'value' | 'note' | 'sourceTitle' | 'origin'
> & Partial<Pick<BoardTarget, 'sourceId'>> & {
  /** As the targets table writes it; `completeBoardTarget` reads it as the document means it. */
  comparator: Comparator;
  observations: RawObservation[];
  /** Observations of newly certified high-tech enterprises (for `hightech_enterprises` only). */
  newCertificationObservations: RawObservation[];
};

/**
 * How an indicator accumulates: a '%' unit is a ratio (shares, coverage);
 * a count of things made within the year ('new_…' codes, '新增…'/'新认定…'
 * names) is a flow; anything else is a stock.
 */
export function paceKindFor(indicator: { code: string; nameZh: string; unit: string; kind: string | null }): PaceKind {
  return paceKindOf(measureKindFor(indicator));
}

/** The one evaluation of a target's facts: chosen figures, the latest, the reading of its comparator, gap and pace. */
export function completeBoardTarget(facts: BoardTargetFacts): BoardTarget {
  const { observations, newCertificationObservations, comparator: written, ...rest } = facts;
  const indicatorKind = facts.indicatorKind;
  const measure = measureKindFor({ code: facts.indicatorCode, nameZh: facts.nameZh, unit: facts.unit, kind: indicatorKind });
  const paceKind = paceKindOf(measure);
  const reading = readTarget(written, facts.value, measure);
  const target: Target = { comparator: reading.comparator, value: facts.value, year: facts.year };
  const { chosen, notes } = chooseObservations(observations);
  const history = chosen.filter((row) => isAnnualPeriod(row.period)).map((row) => ({ year: row.year, value: row.value, status: row.status, origin: row.origin, sourceTitle: row.sourceTitle }));
  const cumulative = chosen
    .filter((row) => !isAnnualPeriod(row.period))
    .map((row) => ({ year: row.year, month: row.month, period: row.period, value: row.value, status: row.status }));
  const latestRow = latestObservation(chosen, facts.year);
  const latest = latestRow
    ? {
        year: latestRow.year,
        period: isAnnualPeriod(latestRow.period) ? 'annual' : latestRow.period,
        month: latestRow.month,
        value: latestRow.value,
        status: latestRow.status,
        origin: latestRow.origin,
        sourceId: latestRow.sourceId ?? null,
        countedFrom: latestRow.countedFrom ?? null,
      }
    : null;
  const counts = countsTowardFor(facts.indicatorCode);
  const newCertifications = chooseObservations(newCertificationObservations)
    .chosen.filter((row) => isAnnualPeriod(row.period))
    .map((row) => ({ year: row.year, value: row.value }));
  let gap: TargetGap | null;
  let pace: BoardTarget['pace'];
  let latestMeets: boolean | null;
  if (paceKind === 'flow') {
    // A flow starts from zero each year: only a figure of the target year counts toward it.
    const counted = latest && latest.year === facts.year ? latest : null;
    gap = targetGap(counted?.value ?? 0, target);
    latestMeets = meetsTarget(counted?.value ?? 0, target);
    pace = requiredPace({
      paceKind,
      target,
      latest: counted ? { year: counted.year, value: counted.value, month: counted.month } : { year: facts.year - 1, value: 0 },
    });
  } else if (latest) {
    gap = targetGap(latest.value, target);
    latestMeets = meetsTarget(latest.value, target);
    pace = paceFor(paceKind, target, latest);
  } else {
    gap = null;
    latestMeets = null;
    pace = { kind: 'no-actual' };
  }
  return {
    ...rest,
    sourceId: rest.sourceId ?? null,
    comparator: reading.comparator,
    writtenComparator: written,
    reading: reading.reading,
    measure,
    paceKind,
    upperBound: upperBoundFor(measure, indicatorKind),
    latestMeets,
    factNotes: notes,
    countsCaveat: counts && notes.some((note) => note.kind === 'counted-from') ? { zh: counts.caveatZh, en: counts.caveatEn, shortZh: counts.shortZh, shortEn: counts.shortEn } : null,
    history,
    cumulative,
    latest,
    gap,
    pace,
    newCertifications,
  };
}

function paceFor(paceKind: PaceKind, target: Target, latest: { year: number; month: number; value: number }): RequiredPace | { kind: 'no-actual' } {
  try {
    return requiredPace({ paceKind, target, latest: latest.month === 12 ? { year: latest.year, value: latest.value } : latest });
  } catch {
    // A growth rate from a zero or negative value has no meaning; the board then shows the gap only.
    return { kind: 'no-actual' };
  }
}
