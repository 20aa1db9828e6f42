/**
 * Annual series: the plain data every projection method reads. Years are
 * calendar years (integers); values are in the indicator's own unit.
 */

/** One annual observation. */
export interface AnnualPoint {
  readonly year: number;
  readonly value: number;
}

/** Annual observations, in any order on input; methods sort them by year. */
export type AnnualSeries = readonly AnnualPoint[];

/** One projected year. */
export interface ProjectedPoint {
  year: number;
  value: number;
}

/** What is wrong with a series, for a window to say in its own language (the message is the English, for the command line). */
export type SeriesProblem =
  | { code: 'too-few-years'; needed: number; got: number; positive: boolean }
  | { code: 'years-missing'; missing: string }
  | { code: 'not-positive'; year: number; value: number }
  | { code: 'year-twice'; year: number };

/**
 * Input a projection cannot use (too few years, a zero where a growth rate
 * needs a positive value, a gap in the years...). The message says what and
 * where, in words a planner can act on; callers show it as a user error.
 */
export class ProjectionInputError extends Error {
  override readonly name = 'ProjectionInputError';
  constructor(
    message: string,
    readonly problem: SeriesProblem | null = null,
  ) {
    super(message);
  }
}

/** The longest projection horizon accepted, in years (guards against typos like --to 20245). */
export const MAX_HORIZON_YEARS = 50;

export interface SeriesRequirements {
  /** The method's name as the user knows it, used in messages ("CAGR", "Holt's method"). */
  method: string;
  /** Fewest points the method needs. */
  minLength: number;
  /** Every value must be greater than zero (growth rates, logarithms). */
  positive?: boolean;
  /** Years must follow each other without gaps (recursive smoothing methods). */
  consecutive?: boolean;
}

/**
 * Validates a series for a method and returns it sorted by year. Throws a
 * `ProjectionInputError` naming the offending year or count.
 */
export function checkedSeries(series: AnnualSeries, requirements: SeriesRequirements): AnnualPoint[] {
  const { method, minLength, positive = false, consecutive = false } = requirements;
  for (const point of series) {
    if (!Number.isInteger(point.year)) throw new ProjectionInputError(`${method}: year ${String(point.year)} is not a whole number`);
    if (!Number.isFinite(point.value)) {
      throw new ProjectionInputError(`${method}: the value for ${point.year} is not a number (${String(point.value)})`);
    }
  }
  const sorted = [...series].sort((a, b) => a.year - b.year);
  for (let index = 1; index < sorted.length; index++) {
    const previous = sorted[index - 1]!;
    const current = sorted[index]!;
    if (current.year === previous.year) throw new ProjectionInputError(`${method}: the year ${current.year} appears twice`, { code: 'year-twice', year: current.year });
    if (consecutive && current.year !== previous.year + 1) {
      const missing = `${previous.year + 1}${current.year - previous.year > 2 ? `–${current.year - 1}` : ''}`;
      throw new ProjectionInputError(`${method} needs consecutive years; ${missing} is missing`, { code: 'years-missing', missing });
    }
  }
  const usable = positive ? sorted.filter((point) => point.value > 0) : sorted;
  if (usable.length < minLength) {
    const what = positive ? 'years of positive values' : 'years of data';
    throw new ProjectionInputError(`${method} needs at least ${minLength} ${what}; got ${usable.length}`, { code: 'too-few-years', needed: minLength, got: usable.length, positive });
  }
  if (positive && usable.length < sorted.length) {
    const bad = sorted.find((point) => !(point.value > 0))!;
    throw new ProjectionInputError(`${method} needs positive values; ${bad.year} has ${bad.value}`, { code: 'not-positive', year: bad.year, value: bad.value });
  }
  return sorted;
}

/**
 * The years from the one after `lastYear` up to `toYear`, inclusive. Throws
 * when `toYear` is not after the last actual year or is implausibly far.
 */
export function projectionYears(lastYear: number, toYear: number): number[] {
  if (!Number.isInteger(toYear)) throw new ProjectionInputError(`The projection year must be a whole year; got ${String(toYear)}`);
  if (toYear <= lastYear) {
    throw new ProjectionInputError(`The projection year must be after the last actual year ${lastYear}; got ${toYear}`);
  }
  if (toYear - lastYear > MAX_HORIZON_YEARS) {
    throw new ProjectionInputError(`The projection year ${toYear} is more than ${MAX_HORIZON_YEARS} years after ${lastYear}`);
  }
  const years: number[] = [];
  for (let year = lastYear + 1; year <= toYear; year++) years.push(year);
  return years;
}

/** The last point of a sorted, non-empty series. */
export function lastPoint(sorted: readonly AnnualPoint[]): AnnualPoint {
  const point = sorted[sorted.length - 1];
  if (!point) throw new ProjectionInputError('The series is empty');
  return point;
}
