import type { PaceKind } from '../projection/requiredPace';
import type { Comparator } from '../projection/targetStatus';
import { bilingual, type Bilingual } from '../bilingual';

export { EQUALS_ROUNDING_TOLERANCE } from '../projection/targetStatus';

/**
 * What a target measures, read the way the planning document means it.
 * - `stock`: a level carried from year to year (valid high-tech enterprises, R&D expenditure);
 * - `flow`: a count made within the year, starting from zero each January (新增…, 新认定…);
 * - `percentage`: a share or rate in per cent (R&D/GDP, a growth rate);
 * - `coverage`: a coverage rate in per cent (…覆盖率, 全覆盖 targets).
 */
export type MeasureKind = 'stock' | 'flow' | 'percentage' | 'coverage';

export interface IndicatorFacts {
  code: string;
  nameZh: string;
  unit: string;
  /** The `indicators.kind` column: level, share, growth_rate, … */
  kind: string | null;
}

export function measureKindFor(indicator: IndicatorFacts): MeasureKind {
  if (indicator.unit === '%' || indicator.kind === 'share' || indicator.kind === 'growth_rate') {
    return /coverage/.test(indicator.code) || /覆盖/.test(indicator.nameZh) ? 'coverage' : 'percentage';
  }
  if (indicator.code.startsWith('new_') || /^(新增|新认定|新引进)/.test(indicator.nameZh)) return 'flow';
  return 'stock';
}

export function paceKindOf(measure: MeasureKind): PaceKind {
  return measure === 'stock' || measure === 'flow' ? measure : 'ratio';
}

/**
 * The ceiling a projection of the indicator may not pass: 100 for shares and
 * coverage rates (a growth rate in % has none), none for stocks and flows.
 */
export function upperBoundFor(measure: MeasureKind, indicatorKind: string | null): number | null {
  if (measure === 'coverage') return 100;
  if (measure === 'percentage' && indicatorKind !== 'growth_rate') return 100;
  return null;
}

/**
 * Why `value` (in the indicator's unit) cannot be a figure of the indicator:
 * a share or coverage rate over 100 % (the ceiling projections keep,
 * `upperBoundFor`), or below zero anything but a growth rate (counts,
 * amounts, shares). Null when it can be, or the kind is not known.
 */
export function impossibleValue(indicator: IndicatorFacts, value: number): Bilingual | null {
  // An indicator of unknown kind may be a growth rate: no judgement.
  if (indicator.kind === null) return null;
  const measure = measureKindFor(indicator);
  const ceiling = upperBoundFor(measure, indicator.kind);
  if (ceiling !== null && value > ceiling) {
    return measure === 'coverage' ? bilingual('a coverage rate cannot be over 100%', '覆盖率不能超过 100%') : bilingual('a share cannot be over 100%', '比重不能超过 100%');
  }
  if (value < 0 && indicator.kind !== 'growth_rate') return bilingual('it cannot be below zero', '不能为负数');
  return null;
}

export type ComparatorReading =
  /** The comparator as written. */
  | 'as-written'
  /** A count written as '=' ("四大公共服务中心" = 4): the document asks for at least that many. */
  | 'count-at-least'
  /** '=' 100 % on a share or coverage: full coverage, met within the rounding tolerance only. */
  | 'full-coverage';

export interface TargetReading {
  /** The comparator the board, goal seek and status use. */
  comparator: Comparator;
  /** The comparator as the targets table writes it. */
  written: Comparator;
  reading: ComparatorReading;
}

/** Reads a target's comparator as the document means it. */
export function readTarget(written: Comparator, value: number, measure: MeasureKind): TargetReading {
  if (written === '=' && (measure === 'stock' || measure === 'flow')) return { comparator: '>=', written, reading: 'count-at-least' };
  if (written === '=' && value === 100 && (measure === 'coverage' || measure === 'percentage')) return { comparator: '=', written, reading: 'full-coverage' };
  return { comparator: written, written, reading: 'as-written' };
}

/**
 * Indicators the document reports that count toward another indicator's
 * target when the target's own indicator has no figure for a year. Each
 * entry says what it leaves out, so the board can state the caveat on the row.
 */
export interface CountsToward {
  /** The target's indicator. */
  indicatorCode: string;
  /** Indicators whose values (summed per year and period) count toward it. */
  counted: readonly string[];
  caveatZh: string;
  caveatEn: string;
  /** The caveat in a few words, for the board's row (the panel gives the whole). */
  shortZh: string;
  shortEn: string;
}

export const COUNTS_TOWARD: readonly CountsToward[] = [
  {
    indicatorCode: 'new_ningbo_rd_institutions',
    counted: ['new_ningbo_enterprise_rd_centers'],
    caveatZh:
      '无本口径数据的年份按“新认定宁波市级企业技术研发中心”计数（宁波市级研发机构的一类）；推荐申报的省级企业研究院、省高新技术企业研究开发中心尚未认定，不计入；其他类型的宁波市级及以上研发机构未单列，按此口径为下限',
    shortZh: '暂按新认定宁波市级企业技术研发中心计数，为下限',
    shortEn: 'counted as new Ningbo-level enterprise R&D centres: a lower bound',
    caveatEn:
      "Years without a figure of this indicator count the newly recognised Ningbo-level enterprise R&D centres (one kind of Ningbo-level R&D institution); provincial institutes only recommended for recognition do not count; other kinds are not reported separately, so this is a lower bound",
  },
];

export function countsTowardFor(indicatorCode: string): CountsToward | null {
  return COUNTS_TOWARD.find((entry) => entry.indicatorCode === indicatorCode) ?? null;
}
