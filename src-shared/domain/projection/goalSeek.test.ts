import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { goalSeekPath, requiredGrowthRate, requiredNewCertifications, requiredYearlyIncrease, solveAssumption } from './goalSeek';
import { projectFixedGrowth } from './growthProjection';
import { projectStockFlow } from './stockFlowModel';

describe('goal seek', () => {
  it('finds the constant growth rate and increase (hand computation)', () => {
    // 900 → 1000 in one year: 1000/900 − 1 = 11.11 %; 81 → 100 in two years: (100/81)^(1/2) − 1 = 1/9.
    expect(requiredGrowthRate({ year: 2023, value: 900 }, { year: 2024, value: 1000 })).toBeCloseTo(1 / 9, 12);
    expect(requiredGrowthRate({ year: 2023, value: 81 }, { year: 2025, value: 100 })).toBeCloseTo(1 / 9, 12);
    expect(requiredYearlyIncrease({ year: 2023, value: 80 }, { year: 2025, value: 100 })).toBe(10);
  });

  it('property: the required rate, fed back, meets the target', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0.1, max: 1e7, noNaN: true }),
        fc.double({ min: -3, max: 3, noNaN: true }),
        fc.integer({ min: 1, max: 10 }),
        (from, log10Factor, years) => {
          // Targets within a factor of 1000 of the latest value (see the CAGR property).
          const goal = from * 10 ** log10Factor;
          const rate = requiredGrowthRate({ year: 2023, value: from }, { year: 2023 + years, value: goal });
          const path = projectFixedGrowth([{ year: 2023, value: from }], { rate, toYear: 2023 + years });
          expect(path[path.length - 1]!.value / goal).toBeCloseTo(1, 8);
        },
      ),
    );
  });

  it('gives the milestones of a multi-year target', () => {
    const path = goalSeekPath({ year: 2023, value: 100 }, { year: 2025, value: 121 }, 'growth');
    expect(path).toEqual([
      { year: 2024, value: expect.closeTo(110, 10) as number },
      { year: 2025, value: 121 },
    ]);
    expect(goalSeekPath({ year: 2023, value: 100 }, { year: 2025, value: 120 }, 'increase')).toEqual([
      { year: 2024, value: 110 },
      { year: 2025, value: 120 },
    ]);
  });

  it('solves a monotone assumption by bisection and explains an unreachable goal', () => {
    expect(solveAssumption((x) => x * x, 2, { lower: 0, upper: 2, name: 'x' })).toBeCloseTo(Math.SQRT2, 9);
    expect(solveAssumption((x) => 10 - x, 4, { lower: 0, upper: 10, name: 'x' })).toBeCloseTo(6, 9);
    expect(() => solveAssumption((x) => x, 20, { lower: 0, upper: 10, name: 'growth rate' })).toThrow(
      'No growth rate between 0 and 10 reaches 20; that range gives 0 to 10',
    );
  });

  it('finds the new certifications that reach a stock target (hand computation: 795 + x = 1000)', () => {
    const base = {
      lastYear: 2023,
      openingStock: 900,
      issuedByYear: [{ year: 2021, count: 250 }],
      assumptions: { recertificationRate: 0.6, revoked: 5 },
    };
    const perYear = requiredNewCertifications(base, { year: 2024, value: 1000 });
    expect(perYear).toBeCloseTo(205, 6);
    const twoYears = requiredNewCertifications(base, { year: 2025, value: 1100 });
    const check = projectStockFlow({ ...base, toYear: 2025, assumptions: { ...base.assumptions, newCertifications: twoYears } });
    expect(check[1]!.closing).toBeCloseTo(1100, 6);
    expect(requiredNewCertifications(base, { year: 2024, value: 500 })).toBe(0);
  });

  it('needs a target year after the latest value', () => {
    expect(() => requiredGrowthRate({ year: 2024, value: 1 }, { year: 2024, value: 2 })).toThrow(
      'The target year 2024 must be after the year of the latest value, 2024',
    );
  });
});
