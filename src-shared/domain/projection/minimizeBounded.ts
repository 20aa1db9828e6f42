/**
 * A small derivative-free minimizer for fitting smoothing parameters:
 * Nelder–Mead simplex search with box bounds and restarts.
 *
 * Each parameter is either bounded (`lower`..`upper`) or free (any real, with
 * a typical `scale`). The search runs in scaled coordinates: a bounded
 * parameter maps [0, 1] onto its range and the objective is evaluated at the
 * point clamped into the box, so an optimum on a bound (a trend smoothing
 * parameter of exactly 1, say) is reachable; a free parameter is measured in
 * units of its scale. The search starts from every given start point (a grid
 * over the bounded parameters guards against local minima), keeps the best
 * result, and restarts from it with a fresh simplex until a restart no
 * longer improves the objective. Coefficients are the standard ones
 * (reflection 1, expansion 2, contraction ½, shrink ½). Deterministic.
 */
export type ParameterDomain = { lower: number; upper: number } | { scale: number };

export interface MinimizeOptions {
  /** Start points in parameter units; at least one. */
  starts: readonly (readonly number[])[];
  /** Evaluation budget per simplex run. */
  maxEvaluations?: number;
  /** Relative tolerance on the objective for convergence. */
  tolerance?: number;
  /** Most restarts from the best point. */
  maxRestarts?: number;
}

export interface MinimizeResult {
  x: number[];
  value: number;
  evaluations: number;
}

export function minimizeBounded(
  objective: (x: readonly number[]) => number,
  domains: readonly ParameterDomain[],
  options: MinimizeOptions,
): MinimizeResult {
  const dimension = domains.length;
  const maxEvaluations = options.maxEvaluations ?? 400 * Math.max(1, dimension);
  const tolerance = options.tolerance ?? 1e-12;
  const maxRestarts = options.maxRestarts ?? 4;
  if (options.starts.length === 0) throw new RangeError('minimizeBounded needs at least one start point');

  const toParameters = (u: readonly number[]): number[] =>
    u.map((value, index) => {
      const domain = domains[index]!;
      if ('lower' in domain) return domain.lower + (domain.upper - domain.lower) * Math.min(1, Math.max(0, value));
      return value * domain.scale;
    });
  const toScaled = (x: readonly number[]): number[] =>
    x.map((value, index) => {
      const domain = domains[index]!;
      if ('lower' in domain) return domain.upper === domain.lower ? 0 : (value - domain.lower) / (domain.upper - domain.lower);
      return value / domain.scale;
    });
  let evaluations = 0;
  const evaluate = (u: readonly number[]): number => {
    evaluations++;
    const value = objective(toParameters(u));
    return Number.isFinite(value) ? value : Number.POSITIVE_INFINITY;
  };

  let best: { u: number[]; value: number } | null = null;
  for (const start of options.starts) {
    if (start.length !== dimension) throw new RangeError(`A start point has ${start.length} values; expected ${dimension}`);
    const result = nelderMead(evaluate, toScaled(start), domains, maxEvaluations, tolerance);
    if (!best || result.value < best.value) best = result;
  }
  for (let restart = 0; restart < maxRestarts && best; restart++) {
    const result = nelderMead(evaluate, best.u, domains, maxEvaluations, tolerance);
    const improved = best.value - result.value > tolerance * (Math.abs(best.value) + 1e-30);
    if (result.value < best.value) best = result;
    if (!improved) break;
  }
  const u = best!.u.map((value, index) => ('lower' in domains[index]! ? Math.min(1, Math.max(0, value)) : value));
  return { x: toParameters(u), value: best!.value, evaluations };
}

function nelderMead(
  evaluate: (u: readonly number[]) => number,
  start: readonly number[],
  domains: readonly ParameterDomain[],
  maxEvaluations: number,
  tolerance: number,
): { u: number[]; value: number } {
  const n = start.length;
  const simplex: number[][] = [start.slice()];
  for (let i = 0; i < n; i++) {
    const vertex = start.slice();
    // Step into the box for bounded parameters sitting on their upper edge.
    const step = 'lower' in domains[i]! && vertex[i]! > 0.9 ? -0.1 : 0.1;
    vertex[i] = vertex[i]! + step;
    simplex.push(vertex);
  }
  const values = simplex.map(evaluate);
  let used = simplex.length;

  const order = () => {
    const indices = values.map((_value, index) => index).sort((a, b) => values[a]! - values[b]!);
    const sortedSimplex = indices.map((index) => simplex[index]!);
    const sortedValues = indices.map((index) => values[index]!);
    for (let i = 0; i <= n; i++) {
      simplex[i] = sortedSimplex[i]!;
      values[i] = sortedValues[i]!;
    }
  };
  const combine = (a: readonly number[], b: readonly number[], t: number) => a.map((value, i) => value + t * (b[i]! - value));

  while (used < maxEvaluations) {
    order();
    const bestValue = values[0]!;
    const worstValue = values[n]!;
    let diameter = 0;
    for (let i = 1; i <= n; i++) {
      for (let j = 0; j < n; j++) diameter = Math.max(diameter, Math.abs(simplex[i]![j]! - simplex[0]![j]!));
    }
    if (Math.abs(worstValue - bestValue) <= tolerance * (Math.abs(bestValue) + 1e-30) && diameter < 1e-7) break;
    if (diameter < 1e-12) break;

    const centroid = new Array<number>(n).fill(0);
    for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) centroid[j]! += simplex[i]![j]! / n;
    const worst = simplex[n]!;
    const reflected = combine(centroid, worst, -1);
    const reflectedValue = evaluate(reflected);
    used++;
    if (reflectedValue < values[0]!) {
      const expanded = combine(centroid, worst, -2);
      const expandedValue = evaluate(expanded);
      used++;
      if (expandedValue < reflectedValue) {
        simplex[n] = expanded;
        values[n] = expandedValue;
      } else {
        simplex[n] = reflected;
        values[n] = reflectedValue;
      }
      continue;
    }
    if (reflectedValue < values[n - 1]!) {
      simplex[n] = reflected;
      values[n] = reflectedValue;
      continue;
    }
    const outside = reflectedValue < values[n]!;
    const contracted = outside ? combine(centroid, reflected, 0.5) : combine(centroid, worst, 0.5);
    const contractedValue = evaluate(contracted);
    used++;
    if (contractedValue < (outside ? reflectedValue : values[n]!)) {
      simplex[n] = contracted;
      values[n] = contractedValue;
      continue;
    }
    for (let i = 1; i <= n; i++) {
      simplex[i] = combine(simplex[0]!, simplex[i]!, 0.5);
      values[i] = evaluate(simplex[i]!);
      used++;
    }
  }
  order();
  return { u: simplex[0]!, value: values[0]! };
}
