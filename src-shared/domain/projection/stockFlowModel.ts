import { ProjectionInputError, projectionYears } from './annualSeries';
import type { StockFlowSimulation } from './monteCarlo';

/**
 * Stock-and-flow model for a count of certified entities, such as valid
 * high-tech enterprises (有效高新技术企业), whose certificates run for a
 * fixed term (three years) and must then be renewed:
 *
 *   expiring_t    = certificates issued in year t − term (first-time and renewals)
 *   recertified_t = expiring_t × recertification rate
 *   closing_t     = opening_t + new_t + recertified_t − expiring_t − revoked_t
 *   issued_t      = new_t + recertified_t        (the cohort that expires in t + term)
 *
 * where opening_t is the previous year's closing stock. When the issued
 * count for year t − term is not known (history too short), the model
 * assumes a steady state and takes a third (1/term) of the opening stock as
 * expiring, and says so in `expiringEstimated`. Revocations are taken off the
 * stock only; they do not shrink the cohorts used for expiry (they are few,
 * and which cohort they fall in is rarely known). The stock is never below 0.
 */
export interface StockFlowInput {
  /** The last year with an actual stock. */
  lastYear: number;
  /** Valid certificates at the end of `lastYear`. */
  openingStock: number;
  /** Certificates issued per year (first-time plus renewals), for years up to `lastYear`. */
  issuedByYear?: readonly { year: number; count: number }[];
  /** Project up to and including this year. */
  toYear: number;
  /** Certificate term in years (default 3). */
  termYears?: number;
  assumptions: StockFlowAssumptions;
}

export interface StockFlowAssumptions {
  /** First-time certifications per projected year: one number for every year, or one per year. */
  newCertifications: number | readonly number[];
  /** Share of expiring certificates renewed, 0–1. */
  recertificationRate: number;
  /** Certificates revoked or cancelled per projected year. */
  revoked?: number | readonly number[];
}

export interface StockFlowYear {
  year: number;
  opening: number;
  newlyCertified: number;
  expiring: number;
  /** True when `expiring` is the steady-state guess (no issued count for year − term). */
  expiringEstimated: boolean;
  recertified: number;
  revoked: number;
  closing: number;
}

export const DEFAULT_CERTIFICATE_TERM_YEARS = 3;

export function projectStockFlow(input: StockFlowInput): StockFlowYear[] {
  const term = input.termYears ?? DEFAULT_CERTIFICATE_TERM_YEARS;
  if (!Number.isInteger(term) || term < 1) throw new ProjectionInputError(`The certificate term must be a whole number of years; got ${String(term)}`);
  if (!(Number.isFinite(input.openingStock) && input.openingStock >= 0)) {
    throw new ProjectionInputError(`The opening stock for ${input.lastYear} must be a number of at least 0; got ${String(input.openingStock)}`);
  }
  const { assumptions } = input;
  const rate = assumptions.recertificationRate;
  if (!(rate >= 0 && rate <= 1)) throw new ProjectionInputError(`The recertification rate must be between 0 and 1; got ${String(rate)}`);
  const years = projectionYears(input.lastYear, input.toYear);
  const issued = new Map<number, number>();
  for (const entry of input.issuedByYear ?? []) {
    if (!Number.isInteger(entry.year) || !(Number.isFinite(entry.count) && entry.count >= 0)) {
      throw new ProjectionInputError(`Certificates issued in ${String(entry.year)} must be a count of at least 0; got ${String(entry.count)}`);
    }
    if (entry.year > input.lastYear) {
      throw new ProjectionInputError(`Certificates issued are given for ${entry.year}, after the last actual year ${input.lastYear}`);
    }
    if (issued.has(entry.year)) throw new ProjectionInputError(`Certificates issued in ${entry.year} are given twice`);
    issued.set(entry.year, entry.count);
  }
  const perYear = (value: number | readonly number[] | undefined, name: string): number[] =>
    years.map((year, index) => {
      const amount = value === undefined ? 0 : typeof value === 'number' ? value : value[index];
      if (amount === undefined) throw new ProjectionInputError(`${name}: no value for ${year} (give one per projected year)`);
      if (!(Number.isFinite(amount) && amount >= 0)) throw new ProjectionInputError(`${name} for ${year} must be at least 0; got ${String(amount)}`);
      return amount;
    });
  const newByYear = perYear(assumptions.newCertifications, 'New certifications');
  const revokedByYear = perYear(assumptions.revoked, 'Revoked certificates');

  const result: StockFlowYear[] = [];
  let opening = input.openingStock;
  years.forEach((year, index) => {
    const cohort = issued.get(year - term);
    const expiring = Math.min(opening, cohort ?? opening / term);
    const newlyCertified = newByYear[index]!;
    const recertified = expiring * rate;
    const revoked = revokedByYear[index]!;
    const closing = Math.max(0, opening + newlyCertified + recertified - expiring - revoked);
    issued.set(year, newlyCertified + recertified);
    result.push({ year, opening, newlyCertified, expiring, expiringEstimated: cohort === undefined, recertified, revoked, closing });
    opening = closing;
  });
  return result;
}

/**
 * The Monte Carlo form of a stock-and-flow input: the same expiry
 * bookkeeping, with normal spreads around the assumptions (sd of new
 * certifications per year, of the recertification rate, of revocations).
 */
export function stockFlowSimulation(
  input: StockFlowInput,
  spreads: { newCertificationsSd: number; recertificationRateSd: number; revokedSd: number },
): StockFlowSimulation {
  const term = input.termYears ?? DEFAULT_CERTIFICATE_TERM_YEARS;
  // Running the deterministic model validates the input and gives the per-year means.
  const deterministic = projectStockFlow(input);
  const issued = new Map((input.issuedByYear ?? []).map((entry) => [entry.year, entry.count]));
  return {
    kind: 'stockFlow',
    openingStock: input.openingStock,
    termYears: term,
    knownExpiring: deterministic.map((year) => (year.year - term <= input.lastYear ? (issued.get(year.year - term) ?? null) : null)),
    newCertifications: { mean: deterministic.map((year) => year.newlyCertified), sd: spreads.newCertificationsSd },
    recertificationRate: { mean: input.assumptions.recertificationRate, sd: spreads.recertificationRateSd },
    revoked: { mean: deterministic.length > 0 ? deterministic.reduce((sum, year) => sum + year.revoked, 0) / deterministic.length : 0, sd: spreads.revokedSd },
  };
}
