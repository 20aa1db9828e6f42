import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { monteCarloTransferables, pathSimulationFor, quantilesInPlace, runMonteCarlo, type SimulationTarget } from './monteCarlo';
import { projectSeries } from './projectSeries';

const additive = (sd: number): SimulationTarget => ({
  id: 'a',
  years: [2024],
  model: { kind: 'path', base: 100, points: [100], shock: { kind: 'additive', sd } },
  target: { comparator: '>=', value: 110, year: 2024 },
});

describe('runMonteCarlo', () => {
  it('reproduces a normal distribution: P10/P50/P90 = 100 ∓ 1.28155·σ, P(≥ 110) = 1 − Φ(1)', () => {
    const result = runMonteCarlo({ targets: [additive(10)], paths: 200_000, seed: 1 }).targets[0]!;
    expect(result.p50[0]).toBeCloseTo(100, 0);
    expect(Math.abs(result.p10[0]! - (100 - 12.8155))).toBeLessThan(0.3);
    expect(Math.abs(result.p90[0]! - (100 + 12.8155))).toBeLessThan(0.3);
    expect(Math.abs(result.probability! - 0.158655)).toBeLessThan(0.005);
    expect(result.mean[0]).toBeCloseTo(100, 0);
  });

  it('is deterministic for a seed', () => {
    const run = (seed: number) => runMonteCarlo({ targets: [additive(10)], paths: 1000, seed }).targets[0]!;
    expect(Array.from(run(5).p10)).toEqual(Array.from(run(5).p10));
    expect(run(5).p10[0]).not.toBe(run(6).p10[0]);
  });

  it('collapses to the deterministic path with no spread', () => {
    const result = runMonteCarlo({
      targets: [{ id: 'g', years: [2024, 2025], model: { kind: 'path', base: 100, points: [110, 121], shock: { kind: 'multiplicative', sd: 0 } }, target: { comparator: '>', value: 120, year: 2025 } }],
      paths: 50,
      seed: 3,
    }).targets[0]!;
    expect(Array.from(result.p10)).toEqual([expect.closeTo(110, 10), expect.closeTo(121, 10)]);
    expect(Array.from(result.p90)).toEqual(Array.from(result.p10));
    expect(result.probability).toBe(1);
  });

  it('keeps logistic paths under their ceiling', () => {
    const result = runMonteCarlo({
      targets: [{ id: 'c', years: [2024, 2025, 2026], model: { kind: 'path', base: 90, points: [94, 96, 97.5], shock: { kind: 'logit', sd: 1.5, capacity: 100 } }, target: { comparator: '=', value: 100, year: 2026 } }],
      paths: 20_000,
      seed: 9,
    }).targets[0]!;
    expect(Math.max(...result.p90)).toBeLessThan(100);
    expect(result.probability).toBeGreaterThan(0);
    expect(result.probability).toBeLessThan(1);
  });

  it('simulates a ratio of independent parts and a year-end estimate', () => {
    const result = runMonteCarlo({
      targets: [
        {
          id: 'r',
          years: [2024],
          model: {
            kind: 'ratio',
            numerator: { baseYear: 2023, base: 33, points: [36.3], shock: { kind: 'multiplicative', sd: 0 }, actuals: [] },
            denominator: { baseYear: 2024, base: 1100, points: [], shock: { kind: 'additive', sd: 0 }, actuals: [{ year: 2024, value: 1100 }] },
            scale: 100,
          },
          target: null,
        },
        { id: 'y', years: [2024], model: { kind: 'yearEnd', cumulativeValue: 180, share: { mean: 0.45, sd: 0 }, paceFactor: 0.5 }, target: { comparator: '>=', value: 320, year: 2024 } },
      ],
      paths: 10,
      seed: 1,
    });
    expect(result.targets[0]!.p50[0]).toBeCloseTo(3.3, 12);
    expect(result.targets[0]!.probability).toBeNull();
    // 180 counted, 400 expected at the earlier pace; half that pace for the rest: 180 + 220 × 0.5 = 290.
    expect(result.targets[1]!.p50[0]).toBeCloseTo(290, 10);
    expect(result.targets[1]!.probability).toBe(0);
  });

  it('hands back transferable buffers', () => {
    const result = runMonteCarlo({ targets: [additive(1)], paths: 10, seed: 1 });
    expect(monteCarloTransferables(result)).toHaveLength(4);
  });

  it('rejects malformed requests with clear messages', () => {
    expect(() => runMonteCarlo({ targets: [], paths: 0, seed: 1 })).toThrow('The number of simulated paths must be a whole number from 1 to 10000000; got 0');
    expect(() => runMonteCarlo({ targets: [{ ...additive(1), years: [2024, 2026] }], paths: 1, seed: 1 })).toThrow('Simulation "a": the years must be consecutive whole years');
    expect(() => runMonteCarlo({ targets: [{ ...additive(1), target: { comparator: '>', value: 1, year: 2030 } }], paths: 1, seed: 1 })).toThrow(
      'Simulation "a": the target year 2030 is not among the simulated years 2024–2024',
    );
    expect(() => runMonteCarlo({ targets: [additive(-1)], paths: 1, seed: 1 })).toThrow('a spread must be at least 0; got -1');
  });
});

describe('quantilesInPlace', () => {
  it('interpolates like Excel PERCENTILE.INC', () => {
    // PERCENTILE.INC({1,2,3,4}, 0.1) = 1.3, 0.5 → 2.5, 0.9 → 3.7.
    expect(quantilesInPlace(Float64Array.from([4, 1, 3, 2]), [0.1, 0.5, 0.9]).map((value) => Math.round(value * 1e12) / 1e12)).toEqual([1.3, 2.5, 3.7]);
  });

  it('property: agrees with sorting', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: -1e6, max: 1e6, noNaN: true }), { minLength: 1, maxLength: 300 }), (values) => {
        const sorted = [...values].sort((a, b) => a - b);
        const reference = [0.1, 0.5, 0.9].map((p) => {
          const h = (sorted.length - 1) * p;
          const k = Math.floor(h);
          return sorted[k]! + (h - k) * ((sorted[Math.min(k + 1, sorted.length - 1)] ?? 0) - sorted[k]!);
        });
        const got = quantilesInPlace(Float64Array.from(values), [0.1, 0.5, 0.9]);
        got.forEach((value, index) => expect(value).toBeCloseTo(reference[index]!, 6));
      }),
    );
  });
});

describe('pathSimulationFor', () => {
  it('takes the spread from the series’ own growth rates', () => {
    // Growth rates 10 % and 30 %: sample sd = 0.141421…
    const series = [
      { year: 2021, value: 100 },
      { year: 2022, value: 110 },
      { year: 2023, value: 143 },
    ];
    const simulation = pathSimulationFor(series, projectSeries(series, { method: 'growth', rate: 0.2 }, 2024), { sdFactor: 2 });
    expect(simulation.shock.kind).toBe('multiplicative');
    expect(simulation.shock.sd).toBeCloseTo(2 * Math.SQRT2 * 0.1, 12);
    expect(simulation.points).toEqual([expect.closeTo(171.6, 10)]);
  });

  it('uses the logit scale for logistic projections and increments for series with zeros', () => {
    const shares = [
      { year: 2021, value: 60 },
      { year: 2022, value: 70 },
      { year: 2023, value: 78 },
    ];
    expect(pathSimulationFor(shares, projectSeries(shares, { method: 'logistic' }, 2024)).shock.kind).toBe('logit');
    const withZero = [
      { year: 2021, value: 0 },
      { year: 2022, value: 2 },
      { year: 2023, value: 5 },
    ];
    const additive = pathSimulationFor(withZero, projectSeries(withZero, { method: 'linear' }, 2024));
    expect(additive.shock).toEqual({ kind: 'additive', sd: expect.closeTo(Math.SQRT1_2, 12) as number });
  });
});
