import { ProjectionInputError, projectionYears, type AnnualPoint, type ProjectedPoint } from './annualSeries';
import { projectStockFlow, type StockFlowInput } from './stockFlowModel';

/**
 * Goal seek: what constant growth rate, or yearly increase, or assumption
 * value reaches a target by its year. Closed forms where they exist,
 * bisection otherwise.
 */

/**
 * The constant yearly growth rate that takes `from` to `target` by
 * `target.year`: (target / from)^(1 / years) − 1. Both values must be
 * positive.
 */
export function requiredGrowthRate(from: AnnualPoint, target: { year: number; value: number }): number {
  const years = yearsBetween(from, target);
  if (!(from.value > 0) || !(target.value > 0)) {
    throw new ProjectionInputError(
      `A required growth rate needs positive values; ${from.year} has ${from.value} and the target for ${target.year} is ${target.value}`,
    );
  }
  return (target.value / from.value) ** (1 / years) - 1;
}

/** The constant yearly increase (inflow) that takes `from` to `target`: (target − from) / years. */
export function requiredYearlyIncrease(from: AnnualPoint, target: { year: number; value: number }): number {
  return (target.value - from.value) / yearsBetween(from, target);
}

/**
 * The year-by-year path that reaches the target: constant growth rate
 * (`growth`) or constant yearly increase (`increase`). For a target several
 * years out (a 2025 target seen from 2023), the intermediate years are the
 * milestones to check progress against.
 */
export function goalSeekPath(from: AnnualPoint, target: { year: number; value: number }, mode: 'growth' | 'increase'): ProjectedPoint[] {
  const years = projectionYears(from.year, target.year);
  if (mode === 'growth') {
    const rate = requiredGrowthRate(from, target);
    return years.map((year) => ({ year, value: year === target.year ? target.value : from.value * (1 + rate) ** (year - from.year) }));
  }
  const increase = requiredYearlyIncrease(from, target);
  return years.map((year) => ({ year, value: year === target.year ? target.value : from.value + increase * (year - from.year) }));
}

/**
 * Finds x in [lower, upper] with evaluate(x) = goal, for an `evaluate` that
 * rises or falls steadily with x (a projection as a function of one
 * assumption), by bisection to a relative tolerance of 1e-10. Throws when
 * the goal is out of reach within the bounds, saying how far the bounds get.
 */
export function solveAssumption(
  evaluate: (x: number) => number,
  goal: number,
  bounds: { lower: number; upper: number; name: string },
): number {
  let { lower, upper } = bounds;
  if (!(lower < upper)) throw new RangeError(`Goal seek needs lower < upper; got ${lower} and ${upper}`);
  let atLower = evaluate(lower) - goal;
  const atUpper = evaluate(upper) - goal;
  if (atLower === 0) return lower;
  if (atUpper === 0) return upper;
  if (Math.sign(atLower) === Math.sign(atUpper)) {
    const reach = [evaluate(lower), evaluate(upper)].sort((a, b) => a - b);
    throw new ProjectionInputError(
      `No ${bounds.name} between ${lower} and ${upper} reaches ${goal}; that range gives ${formatNumber(reach[0]!)} to ${formatNumber(reach[1]!)}`,
    );
  }
  for (let iteration = 0; iteration < 200; iteration++) {
    const middle = (lower + upper) / 2;
    const atMiddle = evaluate(middle) - goal;
    if (atMiddle === 0 || (upper - lower) / 2 <= 1e-10 * Math.max(1, Math.abs(middle))) return middle;
    if (Math.sign(atMiddle) === Math.sign(atLower)) {
      lower = middle;
      atLower = atMiddle;
    } else {
      upper = middle;
    }
  }
  return (lower + upper) / 2;
}

/**
 * Stock-and-flow goal seek: the constant number of first-time
 * certifications per year that brings the closing stock in `target.year` to
 * `target.value`, other assumptions unchanged.
 */
export function requiredNewCertifications(
  input: Omit<StockFlowInput, 'toYear' | 'assumptions'> & { assumptions: Omit<StockFlowInput['assumptions'], 'newCertifications'> },
  target: { year: number; value: number },
): number {
  const closingWith = (perYear: number) => {
    const years = projectStockFlow({ ...input, toYear: target.year, assumptions: { ...input.assumptions, newCertifications: perYear } });
    return years[years.length - 1]!.closing;
  };
  const withNone = closingWith(0);
  if (withNone >= target.value) return 0;
  // x new certifications a year raise the final stock by at least x (the last year's cannot have expired yet).
  const upper = target.value - withNone + 1;
  return solveAssumption(closingWith, target.value, { lower: 0, upper, name: 'number of new certifications per year' });
}

function yearsBetween(from: AnnualPoint, target: { year: number }): number {
  const years = target.year - from.year;
  if (!Number.isInteger(years) || years < 1) {
    throw new ProjectionInputError(`The target year ${target.year} must be after the year of the latest value, ${from.year}`);
  }
  return years;
}

function formatNumber(value: number): string {
  return Number.isInteger(value) ? String(value) : value.toPrecision(6);
}
