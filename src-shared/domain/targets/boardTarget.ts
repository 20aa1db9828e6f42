import type { AnnualPoint } from '../projection/annualSeries';
import { requiredPace, targetGap, type PaceKind, type RequiredPace, type TargetGap } from '../projection/requiredPace';
import type { Comparator, Target } from '../projection/targetStatus';

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
  region: string;
  scope: string;
  year: number;
  comparator: Comparator;
  value: number;
  /** The source note: where the target comes from. */
  note: string | null;
  sourceTitle: string | null;
  /** 'bundled' targets come with the datasets; 'user' targets can be edited and removed. */
  origin: string;
  paceKind: PaceKind;
  /** Annual values (period 'annual'), oldest first. */
  history: { year: number; value: number; status: string }[];
  /** In-year cumulative figures ('1-11月'), oldest first. */
  cumulative: { year: number; month: number; period: string; value: number; status: string }[];
  /** The latest actual: the annual value, or a later in-year cumulative figure; null when there is none. */
  latest: { year: number; period: string; month: number; value: number; status: string } | null;
  /** Target minus what counts toward it (for a flow, this year's cumulative figure or 0); null without an actual for a stock or ratio. */
  gap: TargetGap | null;
  pace: RequiredPace | { kind: 'no-actual' };
  /** Newly certified per year, for the stock-and-flow model of valid high-tech enterprises. */
  newCertifications: AnnualPoint[];
}

/** Plain facts as read from the views, before the latest value, gap and pace are worked out. */
export type BoardTargetFacts = Omit<BoardTarget, 'latest' | 'gap' | 'pace' | 'paceKind'> & { indicatorKind: string | null };

/**
 * The month an in-year cumulative period ends with: '1-11月' → 11,
 * '上半年' → 6, '前三季度' → 9, '一季度' → 3; 'annual' → 12; null when the
 * label is not understood (the figure is then left out of the board).
 */
export function periodMonth(period: string): number | null {
  const text = period.trim();
  if (text === 'annual' || text === '全年' || text === 'Y') return 12;
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

/**
 * How an indicator accumulates: a '%' unit is a ratio (shares, coverage);
 * a count of things made within the year ('new_…' codes, '新增…'/'新认定…'
 * names) is a flow; anything else is a stock.
 */
export function paceKindFor(indicator: { code: string; nameZh: string; unit: string; kind: string | null }): PaceKind {
  if (indicator.unit === '%' || indicator.kind === 'share' || indicator.kind === 'growth_rate') return 'ratio';
  if (indicator.code.startsWith('new_') || /^(新增|新认定|新引进)/.test(indicator.nameZh)) return 'flow';
  return 'stock';
}

export function completeBoardTarget(facts: BoardTargetFacts): BoardTarget {
  const { indicatorKind, ...rest } = facts;
  const paceKind = paceKindFor({ code: facts.indicatorCode, nameZh: facts.nameZh, unit: facts.unit, kind: indicatorKind });
  const target: Target = { comparator: facts.comparator, value: facts.value, year: facts.year };
  const lastAnnual = facts.history.filter((point) => point.year <= facts.year).at(-1);
  const lastCumulative = facts.cumulative
    .filter((point) => point.year <= facts.year && (!lastAnnual || point.year > lastAnnual.year))
    .at(-1);
  const latest = lastCumulative
    ? { year: lastCumulative.year, period: lastCumulative.period, month: lastCumulative.month, value: lastCumulative.value, status: lastCumulative.status }
    : lastAnnual
      ? { year: lastAnnual.year, period: 'annual', month: 12, value: lastAnnual.value, status: lastAnnual.status }
      : null;
  let gap: TargetGap | null;
  let pace: BoardTarget['pace'];
  if (paceKind === 'flow') {
    // A flow starts from zero each year: only a figure of the target year counts toward it.
    const counted = latest && latest.year === facts.year ? latest : null;
    gap = targetGap(counted?.value ?? 0, target);
    pace = requiredPace({
      paceKind,
      target,
      latest: counted ? { year: counted.year, value: counted.value, month: counted.month } : { year: facts.year - 1, value: 0 },
    });
  } else if (latest) {
    gap = targetGap(latest.value, target);
    pace = paceFor(paceKind, target, latest);
  } else {
    gap = null;
    pace = { kind: 'no-actual' };
  }
  return { ...rest, paceKind, latest, gap, pace };
}

function paceFor(paceKind: PaceKind, target: Target, latest: { year: number; month: number; value: number }): RequiredPace | { kind: 'no-actual' } {
  try {
    return requiredPace({ paceKind, target, latest: latest.month === 12 ? { year: latest.year, value: latest.value } : latest });
  } catch {
    // A growth rate from a zero or negative value has no meaning; the board then shows the gap only.
    return { kind: 'no-actual' };
  }
}
