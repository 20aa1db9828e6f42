import { describe, expect, it } from 'vitest';
import { growthRateVolatility, incrementVolatility, logitIncrementVolatility } from './historicalVolatility';

describe('historical volatility', () => {
  it('uses consecutive years only (hand computation)', () => {
    // 100 → 110 (+10 %) → 143 (+30 %); 2025 follows a gap and is ignored. Mean 0.2, sd √0.02.
    const series = [
      { year: 2021, value: 100 },
      { year: 2022, value: 110 },
      { year: 2023, value: 143 },
      { year: 2025, value: 500 },
    ];
    const growth = growthRateVolatility(series);
    expect(growth.count).toBe(2);
    expect(growth.mean).toBeCloseTo(0.2, 12);
    expect(growth.sd).toBeCloseTo(Math.sqrt(0.02), 12);
    expect(incrementVolatility(series)).toEqual({ mean: 21.5, sd: expect.closeTo(Math.sqrt(2 * 11.5 ** 2), 10) as number, count: 2 });
  });

  it('is zero with fewer than two changes', () => {
    expect(growthRateVolatility([{ year: 2023, value: 1 }, { year: 2024, value: 2 }])).toEqual({ mean: 1, sd: 0, count: 1 });
    expect(logitIncrementVolatility([], 100)).toEqual({ mean: 0, sd: 0, count: 0 });
  });
});
