import type { Projection } from './projectSeries';

/**
 * Keeps a projection of a bounded quantity (a share or coverage rate: 100 %)
 * at or under its bound: a method that knows no ceiling (CAGR, linear, Holt)
 * would carry 90 % then 96 % on to 102.4 %. Points above the bound are set to
 * the bound and the projection says so (`boundedAt`). Logistic projections
 * never reach their ceiling and pass through unchanged.
 */
export function boundProjection(projection: Projection, upperBound: number | null): Projection {
  if (upperBound === null || projection.path.every((point) => point.value <= upperBound)) return projection;
  return {
    ...projection,
    path: projection.path.map((point) => (point.value > upperBound ? { year: point.year, value: upperBound } : point)),
    parameters: { ...projection.parameters, boundedAt: upperBound },
  };
}
