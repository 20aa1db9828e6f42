import { ProjectionInputError, type AnnualSeries } from './annualSeries';

/** An in-year cumulative figure: the total from January to the end of `month` of `year`. */
export interface CumulativePoint {
  readonly year: number;
  /** 1–12: the figure covers January to the end of this month. */
  readonly month: number;
  readonly cumulativeValue: number;
}

export interface YearEndEstimate {
  year: number;
  month: number;
  cumulativeValue: number;
  /** Estimated full-year value: cumulativeValue / share. */
  estimate: number;
  /** Mean share of the full year that January–`month` made up in the earlier years used. */
  share: number;
  /** Each earlier year's share, oldest first. */
  shares: { year: number; share: number }[];
  /** Sample standard deviation of the shares (0 with one year). */
  shareSd: number;
  /** Estimates with the largest and the smallest share: the range the seasonal pattern alone allows. */
  low: number;
  high: number;
}

/** Most earlier years used by default (older seasonal patterns say less about this year). */
export const DEFAULT_SEASONAL_YEARS = 5;

/**
 * Year-end estimate from an in-year cumulative figure, using the share of
 * the year that the same months made up in earlier years:
 *
 *   share_y  = cumulative_y(month) / annual_y          for each earlier year y
 *   estimate = cumulative_now(month) / mean(share_y)
 *
 * Uses the most recent `years` earlier years (default 5) that have both a
 * cumulative figure for the same month and a positive annual total. For a
 * December figure the estimate is the figure itself.
 */
export function estimateYearEnd(input: {
  current: CumulativePoint;
  cumulative: readonly CumulativePoint[];
  annual: AnnualSeries;
  years?: number;
}): YearEndEstimate {
  const { current } = input;
  checkCumulativePoint(current);
  const maxYears = input.years ?? DEFAULT_SEASONAL_YEARS;
  if (!Number.isInteger(maxYears) || maxYears < 1) {
    throw new ProjectionInputError(`The year-end estimate: the number of earlier years must be a whole number of at least 1; got ${String(maxYears)}`);
  }
  if (current.month === 12) {
    return {
      year: current.year,
      month: 12,
      cumulativeValue: current.cumulativeValue,
      estimate: current.cumulativeValue,
      share: 1,
      shares: [],
      shareSd: 0,
      low: current.cumulativeValue,
      high: current.cumulativeValue,
    };
  }
  const annualByYear = new Map<number, number>();
  for (const point of input.annual) annualByYear.set(point.year, point.value);
  const candidates: { year: number; share: number }[] = [];
  for (const point of input.cumulative) {
    checkCumulativePoint(point);
    if (point.month !== current.month || point.year >= current.year) continue;
    const total = annualByYear.get(point.year);
    if (total === undefined || !(total > 0)) continue;
    if (candidates.some((candidate) => candidate.year === point.year)) {
      throw new ProjectionInputError(`The year-end estimate: two cumulative figures for month ${point.month} of ${point.year}`);
    }
    candidates.push({ year: point.year, share: point.cumulativeValue / total });
  }
  candidates.sort((a, b) => a.year - b.year);
  const shares = candidates.slice(-maxYears);
  if (shares.length === 0) {
    throw new ProjectionInputError(
      `The year-end estimate needs at least one earlier year with both a cumulative figure for January–month ${current.month} and an annual total; found none`,
    );
  }
  for (const entry of shares) {
    if (!(entry.share > 0)) {
      throw new ProjectionInputError(
        `The year-end estimate: in ${entry.year} January–month ${current.month} made up ${entry.share} of the year, so the seasonal share cannot be used`,
      );
    }
  }
  const share = shares.reduce((sum, entry) => sum + entry.share, 0) / shares.length;
  const shareSd =
    shares.length < 2 ? 0 : Math.sqrt(shares.reduce((sum, entry) => sum + (entry.share - share) ** 2, 0) / (shares.length - 1));
  const largest = Math.max(...shares.map((entry) => entry.share));
  const smallest = Math.min(...shares.map((entry) => entry.share));
  return {
    year: current.year,
    month: current.month,
    cumulativeValue: current.cumulativeValue,
    estimate: current.cumulativeValue / share,
    share,
    shares,
    shareSd,
    low: current.cumulativeValue / largest,
    high: current.cumulativeValue / smallest,
  };
}

function checkCumulativePoint(point: CumulativePoint): void {
  if (!Number.isInteger(point.year)) throw new ProjectionInputError(`A cumulative figure's year must be a whole number; got ${String(point.year)}`);
  if (!Number.isInteger(point.month) || point.month < 1 || point.month > 12) {
    throw new ProjectionInputError(`A cumulative figure's month must be 1–12; ${point.year} has ${String(point.month)}`);
  }
  if (!Number.isFinite(point.cumulativeValue) || point.cumulativeValue < 0) {
    throw new ProjectionInputError(
      `A cumulative figure must be a number of at least 0; ${point.year}-${String(point.month).padStart(2, '0')} has ${String(point.cumulativeValue)}`,
    );
  }
}
