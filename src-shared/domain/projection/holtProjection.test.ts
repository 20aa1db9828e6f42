import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fitHolt, holtForecast, projectHolt } from './holtProjection';

const years = (values: readonly number[], first = 2001) => values.map((value, index) => ({ year: first + index, value }));

describe("Holt's linear trend method", () => {
  it('matches the trend-adjusted exponential smoothing worked example (Heizer & Render, Operations Management, Example 7)', () => {
    // Portland manufacturer, pollution-control equipment; α = 0.2, β = 0.4, F₁ = 11, T₁ = 2 (the state before month 1).
    // Published table (months 1–6): F 11.00 12.80 15.18 17.82 19.91 22.51; T 2.00 1.92 2.10 2.32 2.23 2.38;
    // FIT 13.00 14.72 17.28 20.14 22.14 24.89. In FPP notation F_t = ℓ_{t−1}, T_t = b_{t−1}, FIT_t = ŷ_{t|t−1}.
    const demand = years([12, 17, 20, 19, 24, 21, 31, 28, 36], 1);
    const fit = fitHolt(demand, { alpha: 0.2, beta: 0.4, init: { level: 11, trend: 2 } });
    const fitPublished = [13.0, 14.72, 17.28, 20.14, 22.14, 24.89];
    const levelPublished = [12.8, 15.18, 17.82, 19.91, 22.51];
    const trendPublished = [1.92, 2.1, 2.32, 2.23, 2.38];
    fitPublished.forEach((expected, index) => expect(fit.oneStepForecasts[index]!.forecast).toBeCloseTo(expected, 2));
    levelPublished.forEach((expected, index) => expect(fit.oneStepForecasts[index]!.level).toBeCloseTo(expected, 2));
    trendPublished.forEach((expected, index) => expect(fit.oneStepForecasts[index]!.trend).toBeCloseTo(expected, 2));
    expect(fit.estimated).toEqual([]);
    expect(fit.init).toBe('given');
    expect(fit.initialYear).toBe(0);
  });

  it('finds the NIST/SEMATECH e-Handbook example optimum α = 0.3623, γ = 1.0 (§6.4.3.3–6.4.3.4)', () => {
    // Data 6.4, 5.6, 7.8, 8.8, 11, 11.6, 16.7, 15.3, 21.6, 22.4; the handbook reports α = .3623 and γ = 1.0 as the
    // values with the lowest MSE, with S₁ = y₁ and b₁ = the mean of the first three differences.
    const fit = fitHolt(years([6.4, 5.6, 7.8, 8.8, 11, 11.6, 16.7, 15.3, 21.6, 22.4]), { init: 'simple3' });
    expect(fit.alpha).toBeCloseTo(0.3623, 2);
    expect(fit.beta).toBeCloseTo(1.0, 2);
    expect(fit.estimated).toEqual(['alpha', 'beta']);
    expect(fit.initialTrend).toBeCloseTo((8.8 - 6.4) / 3, 12);
  });

  it('simple initialization: ℓ₁ = y₁, b₁ = y₂ − y₁ (hand computation)', () => {
    // y = 10, 12, 15; α = β = 0.5. Year 2: ŷ = 10 + 2 = 12, ℓ = 12, b = 0.5·2 + 0.5·2 = 2.
    // Year 3: ŷ = 14, ℓ = 0.5·15 + 0.5·14 = 14.5, b = 0.5·2.5 + 0.5·2 = 2.25. Next: 14.5 + 2.25 = 16.75.
    const fit = fitHolt(years([10, 12, 15]), { alpha: 0.5, beta: 0.5, init: 'simple' });
    expect(fit.oneStepForecasts.map((entry) => entry.forecast)).toEqual([12, 14]);
    expect(fit.sse).toBe(1);
    expect(holtForecast(fit, 1)).toBe(16.75);
    expect(holtForecast(fit, 3)).toBe(21.25);
  });

  describe('the two "simple" starts', () => {
    // ausair (FPP 1st ed., §7.2): air passengers in Australia, millions, 1990–2004; α = 0.8, β = 0.2.
    const ausair = years(
      [17.5534, 21.8601, 23.8866, 26.9293, 26.8885, 28.8314, 30.0751, 30.9535, 30.1857, 31.5797, 32.5776, 33.4774, 39.0216, 41.3864, 41.5966],
      1990,
    );

    it('simple-fpp: ℓ₀ = y₁, b₀ = y₂ − y₁ the year before the first (FPP Table 7.3, R holt(initial = "simple")): 43.76 for 2005', () => {
      const fit = fitHolt(ausair, { alpha: 0.8, beta: 0.2, init: 'simple-fpp' });
      expect(fit.init).toBe('simple-fpp');
      expect(fit.initialYear).toBe(1989);
      expect(fit.oneStepForecasts[0]).toMatchObject({ year: 1990, forecast: expect.closeTo(21.8601, 9) as number });
      expect(fit.oneStepForecasts).toHaveLength(15);
      expect(Math.round(holtForecast(fit, 1) * 100) / 100).toBe(43.76);
    });

    it('simple / simple-nist: ℓ₁ = y₁, b₁ = y₂ − y₁ at the first year (NIST e-Handbook §6.4.3.3): one year later, 43.80 for 2005', () => {
      const nist = fitHolt(ausair, { alpha: 0.8, beta: 0.2, init: 'simple-nist' });
      const simple = fitHolt(ausair, { alpha: 0.8, beta: 0.2, init: 'simple' });
      expect(nist).toEqual(simple);
      expect(nist.initialYear).toBe(1990);
      expect(nist.oneStepForecasts[0]!.year).toBe(1991);
      expect(nist.oneStepForecasts).toHaveLength(14);
      expect(Math.round(holtForecast(nist, 1) * 100) / 100).toBe(43.8);
    });
  });

  it('fitted initialization recovers an exact line', () => {
    const { fit, path } = projectHolt(years([5, 8, 11, 14, 17, 20]), { toYear: 2008 });
    expect(fit.sse).toBeLessThan(1e-10);
    expect(path[0]!.value).toBeCloseTo(23, 6);
    expect(path[1]!.value).toBeCloseTo(26, 6);
    expect(fit.estimated).toEqual(['alpha', 'beta', 'initialLevel', 'initialTrend']);
  });

  it('property: fitting never does worse than the starting values it searched from', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: 1, max: 1000, noNaN: true }), { minLength: 5, maxLength: 12 }), (values) => {
        const series = years(values);
        const fitted = fitHolt(series, { init: 'simple' });
        for (const alpha of [0.2, 0.5, 0.9]) {
          for (const beta of [0.05, 0.3, 0.8]) {
            expect(fitted.sse).toBeLessThanOrEqual(fitHolt(series, { alpha, beta, init: 'simple' }).sse * (1 + 1e-9) + 1e-9);
          }
        }
      }),
      { numRuns: 40 },
    );
  });

  it('rejects gaps, bad parameters and too little data with clear messages', () => {
    expect(() => fitHolt([{ year: 2020, value: 1 }, { year: 2022, value: 2 }, { year: 2023, value: 3 }, { year: 2024, value: 4 }])).toThrow(
      "Holt's method needs consecutive years; 2021 is missing",
    );
    expect(() => fitHolt(years([1, 2, 3, 4]), { alpha: 1.5 })).toThrow('alpha (a smoothing parameter) must be between 0 and 1; got 1.5');
    expect(() => fitHolt(years([1, 2, 3]))).toThrow("Holt's method needs at least 4 years of data; got 3");
    expect(() => fitHolt(years([1, 2, 3]), { init: 'simple3', alpha: 0.5, beta: 0.5 })).toThrow("Holt's method needs at least 4 years of data; got 3");
    expect(() => fitHolt(years([1, 2, 3, 4]), { phi: 1.2 })).toThrow('phi (the damping parameter) must be in (0, 1]; got 1.2');
  });
});

describe('damped trend method', () => {
  it('follows the damped recursion (hand computation)', () => {
    // ℓ₀ = 10, b₀ = 2, α = 0.5, β = 0.3, φ = 0.9; y = 12, 15, 16.
    // t1: ŷ = 10 + 0.9·2 = 11.8; ℓ = 0.5·12 + 0.5·11.8 = 11.9; b = 0.3·1.9 + 0.7·0.9·2 = 1.83
    // t2: ŷ = 11.9 + 0.9·1.83 = 13.547; ℓ = 14.2735; b = 0.3·2.3735 + 0.7·0.9·1.83 = 1.86495
    // t3: ŷ = 14.2735 + 0.9·1.86495 = 15.951955; ℓ = 15.9759775; b = 0.3·1.7024775 + 0.7·0.9·1.86495 = 1.68566175
    // h = 1: ℓ + 0.9·b = 17.493073075; h = 2: ℓ + (0.9 + 0.81)·b = 18.8584590925
    const { fit, path } = projectHolt(years([12, 15, 16]), { alpha: 0.5, beta: 0.3, phi: 0.9, init: { level: 10, trend: 2 }, toYear: 2005 });
    expect(fit.oneStepForecasts.map((entry) => entry.forecast)).toEqual([
      expect.closeTo(11.8, 10),
      expect.closeTo(13.547, 10),
      expect.closeTo(15.951955, 10),
    ]);
    expect(fit.level).toBeCloseTo(15.9759775, 10);
    expect(fit.trend).toBeCloseTo(1.68566175, 10);
    expect(path[0]!.value).toBeCloseTo(17.493073075, 9);
    expect(path[1]!.value).toBeCloseTo(18.8584590925, 9);
  });

  it('fits φ within 0.8–0.98 and levels off compared with Holt', () => {
    const series = years([100, 130, 155, 175, 190, 200, 207]);
    const damped = projectHolt(series, { damped: true, toYear: 2017 });
    const holt = projectHolt(series, { toYear: 2017 });
    expect(damped.fit.phi).toBeGreaterThanOrEqual(0.8);
    expect(damped.fit.phi).toBeLessThanOrEqual(0.98);
    expect(damped.fit.estimated).toContain('phi');
    const dampedSteps = damped.path[9]!.value - damped.path[8]!.value;
    const firstStep = damped.path[1]!.value - damped.path[0]!.value;
    expect(Math.abs(dampedSteps)).toBeLessThan(Math.abs(firstStep));
    expect(damped.fit.sse).toBeLessThanOrEqual(holt.fit.sse + 1e-9);
  });
});
