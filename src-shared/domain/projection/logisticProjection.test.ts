import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fitLogistic, inverseLogit, logit, projectLogistic } from './logisticProjection';

describe('logistic growth', () => {
  it('recovers a known curve (hand computation)', () => {
    // K = 100, a + r·t with r = 1 and midpoint 2020: y(2020) = 50, y(2021) = 100/(1 + e^−1) = 73.105857863,
    // y(2022) = 100/(1 + e^−2) = 88.079707798, y(2023) = 100/(1 + e^−3) = 95.257412682.
    const { fit, path } = projectLogistic(
      [
        { year: 2020, value: 50 },
        { year: 2021, value: 73.105857863 },
      ],
      { toYear: 2023 },
    );
    expect(fit.rate).toBeCloseTo(1, 8);
    expect(fit.midpointYear).toBeCloseTo(2020, 6);
    expect(path.map((point) => point.value)).toEqual([expect.closeTo(88.079707798, 6), expect.closeTo(95.257412682, 6)]);
  });

  it('fits by least squares on the logit with a chosen ceiling', () => {
    // Ceiling 40: logits ln(10/30), ln(20/20) = 0, ln(30/10); a straight line with slope ln 3 per year.
    const fit = fitLogistic(
      [
        { year: 1, value: 10 },
        { year: 2, value: 20 },
        { year: 3, value: 30 },
      ],
      { capacity: 40 },
    );
    expect(fit.rate).toBeCloseTo(Math.log(3), 12);
    expect(fit.valueAt(4)).toBeCloseTo(40 / (1 + Math.exp(-2 * Math.log(3))), 10);
  });

  it('property: never exceeds its ceiling', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: 0.5, max: 99.5, noNaN: true }), { minLength: 2, maxLength: 10 }),
        fc.integer({ min: 1, max: 50 }),
        (values, horizon) => {
          const series = values.map((value, index) => ({ year: 2000 + index, value }));
          const { path } = projectLogistic(series, { toYear: 2000 + values.length - 1 + horizon });
          for (const point of path) {
            expect(point.value).toBeLessThanOrEqual(100);
            expect(point.value).toBeGreaterThanOrEqual(0);
          }
        },
      ),
    );
  });

  it('explains values on or beyond the ceiling', () => {
    expect(() =>
      fitLogistic([
        { year: 2022, value: 90 },
        { year: 2023, value: 100 },
      ]),
    ).toThrow('Logistic growth needs values strictly between 0 and the ceiling 100; 2023 has 100 (already at the ceiling)');
    expect(() => fitLogistic([{ year: 2022, value: 10 }], { capacity: 0 })).toThrow('The logistic ceiling must be a positive number; got 0');
  });

  it('logit and inverseLogit are inverses', () => {
    expect(inverseLogit(logit(37.5, 100), 100)).toBeCloseTo(37.5, 12);
  });
});
