import { checkedSeries, lastPoint, ProjectionInputError, type AnnualSeries, type ProjectedPoint } from './annualSeries';
import { projectSeries, type Projection, type ProjectionSpec } from './projectSeries';

/**
 * Ratio model: an indicator that is one quantity over another, such as
 * R&D expenditure / GDP (全社会R&D经费占GDP比重), projected from a projection
 * of each part with its own method:
 *
 *   ratio_t = scale × numerator_t / denominator_t      (scale 100 for per cent)
 *
 * Each part uses its actual value where it has one and its projection
 * otherwise, so parts that end in different years (R&D often lags GDP by a
 * year) combine correctly.
 */
export interface RatioPart {
  series: AnnualSeries;
  spec: ProjectionSpec;
}

export interface RatioProjection {
  /** Null when the part's actuals already reach `toYear`. */
  numerator: Projection | null;
  denominator: Projection | null;
  /** The ratio for years where both parts have actual values. */
  history: ProjectedPoint[];
  /** The ratio for the years after `history`, up to `toYear`. */
  path: ProjectedPoint[];
  scale: number;
}

export function projectRatio(input: { numerator: RatioPart; denominator: RatioPart; toYear: number; scale?: number }): RatioProjection {
  const scale = input.scale ?? 100;
  const numeratorActual = checkedSeries(input.numerator.series, { method: 'Ratio model (numerator)', minLength: 1 });
  const denominatorActual = checkedSeries(input.denominator.series, { method: 'Ratio model (denominator)', minLength: 1 });
  const project = (part: RatioPart, actual: AnnualSeries): Projection | null =>
    lastPoint([...actual]).year >= input.toYear ? null : projectSeries(part.series, part.spec, input.toYear);
  const numerator = project(input.numerator, numeratorActual);
  const denominator = project(input.denominator, denominatorActual);
  const combined = combineRatio({
    numeratorActual,
    numeratorPath: numerator?.path ?? [],
    denominatorActual,
    denominatorPath: denominator?.path ?? [],
    toYear: input.toYear,
    scale,
  });
  return { numerator, denominator, ...combined, scale };
}

/**
 * Combines the parts of a ratio, each an actual series plus a projected path
 * (actual values win where both exist), into the ratio's history (years with
 * both parts actual) and its projected path (the later years up to `toYear`).
 */
export function combineRatio(input: {
  numeratorActual: AnnualSeries;
  numeratorPath: readonly ProjectedPoint[];
  denominatorActual: AnnualSeries;
  denominatorPath: readonly ProjectedPoint[];
  toYear: number;
  scale: number;
}): { history: ProjectedPoint[]; path: ProjectedPoint[] } {
  const valueMap = (actual: AnnualSeries, path: readonly ProjectedPoint[]) => {
    const map = new Map<number, { value: number; actual: boolean }>();
    for (const point of path) map.set(point.year, { value: point.value, actual: false });
    for (const point of actual) map.set(point.year, { value: point.value, actual: true });
    return map;
  };
  const top = valueMap(input.numeratorActual, input.numeratorPath);
  const bottom = valueMap(input.denominatorActual, input.denominatorPath);
  const history: ProjectedPoint[] = [];
  const path: ProjectedPoint[] = [];
  const years = [...top.keys()].filter((year) => bottom.has(year) && year <= input.toYear).sort((a, b) => a - b);
  for (const year of years) {
    const a = top.get(year)!;
    const b = bottom.get(year)!;
    if (b.value === 0) throw new ProjectionInputError(`Ratio model: the denominator is 0 in ${year}`);
    const point = { year, value: (input.scale * a.value) / b.value };
    if (a.actual && b.actual) history.push(point);
    else path.push(point);
  }
  const lastHistory = history[history.length - 1]?.year ?? Number.NEGATIVE_INFINITY;
  return { history, path: path.filter((point) => point.year > lastHistory) };
}

/** scale × numerator / denominator for paths over the same years (both must list the same years). */
export function ratioOfPaths(numerator: readonly ProjectedPoint[], denominator: readonly ProjectedPoint[], scale = 100): ProjectedPoint[] {
  if (numerator.length !== denominator.length || numerator.some((point, index) => point.year !== denominator[index]!.year)) {
    throw new ProjectionInputError('Ratio model: the numerator and denominator paths cover different years');
  }
  return numerator.map((point, index) => {
    const below = denominator[index]!.value;
    if (below === 0) throw new ProjectionInputError(`Ratio model: the denominator is 0 in ${point.year}`);
    return { year: point.year, value: (scale * point.value) / below };
  });
}
