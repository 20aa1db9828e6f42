import { describe, expect, it } from 'vitest';
import { backtest } from './backtest';

const line = [10, 13, 16, 19, 22, 25].map((value, index) => ({ year: 2018 + index, value }));

describe('backtest', () => {
  it('holds out the last year and measures each method (hand computation)', () => {
    // Train on 2018–2022, forecast 2023 (actual 25). Linear: exact, error 0.
    // Fixed growth 10 %: 22 × 1.1 = 24.2, error 0.8, APE 0.8/25 = 0.032.
    const result = backtest(line, [{ method: 'growth', rate: 0.1 }, { method: 'linear' }]);
    expect(result.origins).toEqual([2022]);
    expect(result.methods[0]!.forecasts).toEqual([{ origin: 2022, year: 2023, actual: 25, forecast: expect.closeTo(24.2, 10) as number, error: expect.closeTo(0.8, 10) as number }]);
    expect(result.methods[0]!.mae).toBeCloseTo(0.8, 10);
    expect(result.methods[0]!.mape).toBeCloseTo(0.032, 10);
    expect(result.methods[1]!.mae).toBeCloseTo(0, 10);
    expect(result.best).toBe(1);
  });

  it('pools errors over several holdout years and cut-offs', () => {
    const result = backtest(line, [{ method: 'growth', rate: 0 }], { holdout: 2, origins: 2 });
    // Cut-offs 2021 (forecast 19 for 2022 and 2023) and 2020 (16 for 2021 and 2022): errors 3, 6, 3, 6.
    expect(result.origins).toEqual([2021, 2020]);
    expect(result.methods[0]!.forecasts.map((forecast) => forecast.error)).toEqual([3, 6, 3, 6]);
    expect(result.methods[0]!.mae).toBe(4.5);
    expect(result.methods[0]!.rmse).toBeCloseTo(Math.sqrt(22.5), 12);
  });

  it('reports methods that cannot run from a cut-off instead of failing', () => {
    const result = backtest(line.slice(0, 4), [{ method: 'holt' }, { method: 'linear' }], { holdout: 1 });
    expect(result.methods[0]!.failures).toEqual([{ origin: 2020, message: "Holt's method needs at least 4 years of data; got 3", problem: { code: 'too-few-years', needed: 4, got: 3, positive: false } }]);
    expect(result.methods[0]!.mae).toBeNull();
    expect(result.best).toBe(1);
  });

  it('needs enough years for the holdout', () => {
    expect(() => backtest(line.slice(0, 2), [{ method: 'linear' }], { holdout: 2, origins: 1 })).toThrow('Backtest needs at least 3 years of data; got 2');
  });
});
