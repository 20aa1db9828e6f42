/**
 * The one rule for which observation of an indicator stands for a year and
 * period, and for which figure is the latest. The board, the notebook target
 * card, `iwb forecast` and the calibration backtest all read a target's
 * facts through it.
 */

/** One row of the `observations` view with its source's publication date. */
export interface RawObservation {
  year: number;
  period: string;
  value: number;
  status: string;
  /** 'user' rows are the planner's own corrections; anything else is bundled. */
  origin: string;
  sourceTitle: string | null;
  /** The `sources` row it comes from; null or absent for a user's row. */
  sourceId?: string | null;
  /** ISO date (YYYY-MM-DD) the source was published; null when unknown. */
  sourceDate: string | null;
  /** Set when the value comes from another indicator that counts toward this one (see `COUNTS_TOWARD`). */
  countedFrom?: string;
}

/**
 * The month an in-year cumulative period ends with: '1-11月' → 11,
 * '上半年' → 6, '前三季度' → 9, '一季度' → 3; 'annual' → 12; null when the
 * label is not understood (the figure is then left out).
 */
export function periodMonth(period: string): number | null {
  const text = period.trim();
  if (isAnnualPeriod(text)) return 12;
  const months = /(\d{1,2})\s*月(份)?(末)?$/.exec(text);
  if (months) {
    const month = Number(months[1]);
    return month >= 1 && month <= 12 ? month : null;
  }
  if (/上半年|H1/i.test(text)) return 6;
  if (/前三季度|三季度|Q3/i.test(text)) return 9;
  if (/一季度|Q1/i.test(text)) return 3;
  return null;
}

export function isAnnualPeriod(period: string): boolean {
  const text = period.trim();
  return text === 'annual' || text === '全年' || text === 'Y';
}

/**
 * A sortable key for a period within a year: by the month it ends with, the
 * annual figure after an in-year figure to December (1-6月 < 1-11月 < 1-12月
 * < annual; 上半年 < annual). Null for a label that is not understood.
 */
export function periodRank(period: string): number | null {
  const month = periodMonth(period);
  if (month === null) return null;
  return month * 2 + (isAnnualPeriod(period) ? 1 : 0);
}

/** Orders observations by year, then by the real order of periods (not as text). */
export function compareYearPeriod(a: { year: number; period: string }, b: { year: number; period: string }): number {
  return a.year - b.year || (periodRank(a.period) ?? -1) - (periodRank(b.period) ?? -1);
}

/** Why a figure was chosen over another for the same year and period. */
export type FactNote =
  | {
      kind: 'sources-disagree';
      year: number;
      period: string;
      used: { value: number; sourceTitle: string | null; sourceDate: string | null };
      other: { value: number; sourceTitle: string | null; sourceDate: string | null };
    }
  | { kind: 'user-correction'; year: number; period: string; bundledValue: number }
  | { kind: 'counted-from'; indicatorCode: string; years: number[] };

export interface ChosenObservation extends RawObservation {
  month: number;
}

const MEASURED = new Set(['actual', 'preliminary', 'revised', 'final']);

/**
 * Of several observations for one year and period, the one that counts:
 * a user's row first (a correction wins); then a measured figure (actual,
 * preliminary, revised) before a derived or estimated one; then the
 * later-published source. Rows of the indicator itself come before rows of
 * an indicator that only counts toward it.
 */
function preference(a: RawObservation, b: RawObservation): number {
  const user = Number(b.origin === 'user') - Number(a.origin === 'user');
  if (user !== 0) return user;
  const own = Number(a.countedFrom !== undefined) - Number(b.countedFrom !== undefined);
  if (own !== 0) return own;
  const measured = Number(MEASURED.has(b.status)) - Number(MEASURED.has(a.status));
  if (measured !== 0) return measured;
  return (b.sourceDate ?? '').localeCompare(a.sourceDate ?? '');
}

/**
 * One observation per year and period, oldest first in real period order,
 * with a note for every choice a planner should know of (two bundled
 * sources that disagree, a user correction over a bundled figure, years
 * counted from another indicator). Rows whose period is not understood are
 * left out.
 */
export function chooseObservations(rows: readonly RawObservation[]): { chosen: ChosenObservation[]; notes: FactNote[] } {
  const groups = new Map<string, RawObservation[]>();
  for (const row of rows) {
    const month = periodMonth(row.period);
    if (month === null || !Number.isFinite(row.value)) continue;
    const key = `${row.year}|${isAnnualPeriod(row.period) ? 'annual' : `m${month}`}`;
    const group = groups.get(key);
    if (group) group.push(row);
    else groups.set(key, [row]);
  }
  const chosen: ChosenObservation[] = [];
  const notes: FactNote[] = [];
  const counted = new Map<string, number[]>();
  for (const group of groups.values()) {
    const ranked = [...group].sort(preference);
    const best = ranked[0]!;
    chosen.push({ ...best, month: periodMonth(best.period)! });
    if (best.countedFrom !== undefined) counted.set(best.countedFrom, [...(counted.get(best.countedFrom) ?? []), best.year]);
    const bundledOther = ranked.find((row) => row !== best && row.origin !== 'user' && row.countedFrom === undefined && row.value !== best.value);
    if (best.origin === 'user') {
      if (bundledOther) notes.push({ kind: 'user-correction', year: best.year, period: best.period, bundledValue: bundledOther.value });
    } else if (bundledOther && MEASURED.has(bundledOther.status) === MEASURED.has(best.status)) {
      notes.push({
        kind: 'sources-disagree',
        year: best.year,
        period: best.period,
        used: { value: best.value, sourceTitle: best.sourceTitle, sourceDate: best.sourceDate },
        other: { value: bundledOther.value, sourceTitle: bundledOther.sourceTitle, sourceDate: bundledOther.sourceDate },
      });
    }
  }
  chosen.sort(compareYearPeriod);
  for (const [indicatorCode, years] of counted) notes.push({ kind: 'counted-from', indicatorCode, years: years.sort((a, b) => a - b) });
  return { chosen, notes };
}

/** The latest of the chosen observations up to a year, in real period order; null when there is none. */
export function latestObservation<T extends { year: number; period: string }>(chosen: readonly T[], upToYear: number): T | null {
  let latest: T | null = null;
  for (const row of chosen) if (row.year <= upToYear && (latest === null || compareYearPeriod(row, latest) > 0)) latest = row;
  return latest;
}
