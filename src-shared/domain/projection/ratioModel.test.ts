import { describe, expect, it } from 'vitest';
import { projectRatio, ratioOfPaths } from './ratioModel';

describe('projectRatio', () => {
  it('combines actual and projected parts (hand computation)', () => {
    // R&D 30, 33 (2021–22), growing 10 %: 36.3 in 2023, 39.93 in 2024.
    // GDP 1000, 1050, 1100 (2021–23), growing 5 %: 1155 in 2024.
    // Ratio ×100: 2021 3.0, 2022 3.142857…, then 2023 36.3/1100 = 3.3, 2024 39.93/1155 = 3.457142…
    const result = projectRatio({
      numerator: { series: [{ year: 2021, value: 30 }, { year: 2022, value: 33 }], spec: { method: 'growth', rate: 0.1 } },
      denominator: {
        series: [
          { year: 2021, value: 1000 },
          { year: 2022, value: 1050 },
          { year: 2023, value: 1100 },
        ],
        spec: { method: 'growth', rate: 0.05 },
      },
      toYear: 2024,
    });
    expect(result.history).toEqual([
      { year: 2021, value: 3 },
      { year: 2022, value: expect.closeTo(3.142857142857, 10) as number },
    ]);
    expect(result.path.map((point) => point.year)).toEqual([2023, 2024]);
    expect(result.path[0]!.value).toBeCloseTo(3.3, 10);
    expect(result.path[1]!.value).toBeCloseTo(3.457142857142, 10);
    expect(result.numerator!.path).toHaveLength(2);
  });

  it('skips projecting a part whose actuals reach the year', () => {
    const result = projectRatio({
      numerator: { series: [{ year: 2023, value: 2 }], spec: { method: 'growth', rate: 0 } },
      denominator: { series: [{ year: 2023, value: 4 }, { year: 2024, value: 5 }], spec: { method: 'linear' } },
      toYear: 2024,
      scale: 1,
    });
    expect(result.denominator).toBeNull();
    expect(result.path).toEqual([{ year: 2024, value: 0.4 }]);
  });

  it('ratioOfPaths checks the years and the denominator', () => {
    expect(ratioOfPaths([{ year: 1, value: 1 }], [{ year: 1, value: 4 }])).toEqual([{ year: 1, value: 25 }]);
    expect(() => ratioOfPaths([{ year: 1, value: 1 }], [{ year: 2, value: 4 }])).toThrow('cover different years');
    expect(() => ratioOfPaths([{ year: 1, value: 1 }], [{ year: 1, value: 0 }])).toThrow('the denominator is 0 in 1');
  });
});
