import { runMonteCarlo } from '../../src-shared/domain/projection/monteCarlo';
import { defaultScenarios, evaluateScenario, simulationTargets, type ProjectionCache, type Scenario } from '../../src-shared/domain/projection/scenario';
import { sampleTargetInputs } from '../../tests/fixtures/projectionTargets';
import type { BenchFigure } from './benchFigures';

/**
 * Projection benchmarks over the seven-target fixture (synthetic data shaped
 * like the 2024 plan). Each figure is the median of several timed runs after
 * warm-up runs, in milliseconds:
 * - `projection.monteCarlo100kPaths7Targets`: a 100,000-path Monte Carlo over
 *   all seven targets (goal < 300 ms);
 * - `projection.sliderRecompute`: the pure computation behind one slider move:
 *   every scenario's deterministic projections for all targets, with fitted
 *   methods cached as the UI keeps them (goal < 50 ms, which also has to
 *   cover redrawing the chart);
 * - `projection.scenarioEvaluateCold`: the same with an empty cache (Holt
 *   fits included), what the first view of the board costs.
 */
export function projectionBench(options: { runs?: number } = {}): Record<string, BenchFigure> {
  const runs = options.runs ?? 7;
  const scenarios = defaultScenarios(sampleTargetInputs);
  const baseline = evaluateScenario(sampleTargetInputs, scenarios[0]!);
  const targets = simulationTargets(baseline);
  const monteCarlo = median(runs, (run) => runMonteCarlo({ targets, paths: 100_000, seed: run + 1 }));

  const cache: ProjectionCache = new Map();
  for (const scenario of scenarios) evaluateScenario(sampleTargetInputs, scenario, cache);
  const slider = median(runs * 3, (run) => {
    // The planner drags the optimistic scenario's R&D growth slider.
    const moved: Scenario = {
      ...scenarios[1]!,
      assumptions: { ...scenarios[1]!.assumptions, rd_industrial: { growthAdjustment: 0.01 + run * 0.001 } },
    };
    for (const scenario of [scenarios[0]!, moved, scenarios[2]!]) evaluateScenario(sampleTargetInputs, scenario, cache);
  });
  const cold = median(runs, () => {
    const fresh: ProjectionCache = new Map();
    for (const scenario of scenarios) evaluateScenario(sampleTargetInputs, scenario, fresh);
  });

  return {
    'projection.monteCarlo100kPaths7Targets': { value: round(monteCarlo), goal: 300, better: 'lower', unit: 'ms' },
    'projection.sliderRecompute': { value: round(slider), goal: 50, better: 'lower', unit: 'ms' },
    'projection.scenarioEvaluateCold': { value: round(cold), goal: 50, better: 'lower', unit: 'ms' },
  };
}

function median(runs: number, work: (run: number) => unknown): number {
  for (let warm = 0; warm < 2; warm++) work(-1 - warm);
  const times: number[] = [];
  for (let run = 0; run < runs; run++) {
    const started = performance.now();
    work(run);
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)]!;
}

function round(value: number): number {
  return Math.round(value * 100) / 100;
}

if (process.argv[1]?.endsWith('projectionBench.ts')) console.log(JSON.stringify(projectionBench(), null, 2));
