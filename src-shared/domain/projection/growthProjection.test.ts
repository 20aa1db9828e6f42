import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ProjectionInputError } from './annualSeries';
import {
  compoundAnnualGrowthRate,
  fitExponentialTrend,
  projectCagr,
  projectExponentialTrend,
  projectFixedGrowth,
} from './growthProjection';

describe('compoundAnnualGrowthRate', () => {
  it('matches Excel RRI documentation: RRI(96, 10000, 11000) = 0.0009933', () => {
    // Microsoft Support, "RRI function", example: equivalent interest rate for $10,000 growing to $11,000 over 96 periods.
    const { rate, years } = compoundAnnualGrowthRate([
      { year: 1900, value: 10000 },
      { year: 1996, value: 11000 },
    ]);
    expect(years).toBe(96);
    expect(rate).toBeCloseTo(0.0009933, 7);
  });

  it('uses the value `years` years before the last one', () => {
    const series = [
      { year: 2019, value: 50 },
      { year: 2020, value: 80 },
      { year: 2021, value: 100 },
      { year: 2023, value: 121 },
    ];
    // Hand computation: (121 / 100)^(1/2) − 1 = 0.1.
    expect(compoundAnnualGrowthRate(series, { years: 2 })).toEqual({ rate: expect.closeTo(0.1, 12) as number, fromYear: 2021, toYear: 2023, years: 2 });
    expect(() => compoundAnnualGrowthRate(series, { years: 1 })).toThrow('CAGR over 1 years needs a value for 2022; the series covers 2019–2023 with gaps');
  });

  it('says clearly what is missing', () => {
    expect(() => compoundAnnualGrowthRate([{ year: 2023, value: 5 }])).toThrow(new ProjectionInputError('CAGR needs at least 2 years of positive values; got 1', { code: 'too-few-years', needed: 2, got: 1, positive: true }));
    expect(() =>
      compoundAnnualGrowthRate([
        { year: 2021, value: 0 },
        { year: 2022, value: 5 },
        { year: 2023, value: 6 },
      ]),
    ).toThrow('CAGR needs positive values; 2021 has 0');
    expect(() => compoundAnnualGrowthRate([{ year: 2021, value: 1 }, { year: 2021, value: 2 }])).toThrow('CAGR: the year 2021 appears twice');
  });

  it('property: a CAGR path hits its end point', () => {
    // End values within a factor of 1000 of the start: a rate such as −99.9999993 % loses digits to cancellation.
    fc.assert(
      fc.property(
        fc.integer({ min: 1990, max: 2020 }),
        fc.integer({ min: 1, max: 30 }),
        fc.double({ min: 0.01, max: 1e9, noNaN: true }),
        fc.double({ min: -3, max: 3, noNaN: true }),
        (startYear, span, first, log10Factor) => {
          const last = first * 10 ** log10Factor;
          const endYear = startYear + span;
          const { rate } = compoundAnnualGrowthRate([
            { year: startYear, value: first },
            { year: endYear, value: last },
          ]);
          const path = projectFixedGrowth([{ year: startYear, value: first }], { rate, toYear: endYear });
          expect(path).toHaveLength(span);
          expect(path[span - 1]!.value / last).toBeCloseTo(1, 9);
        },
      ),
    );
  });

  it('projects from the last actual value at that rate', () => {
    const { growth, path } = projectCagr(
      [
        { year: 2021, value: 100 },
        { year: 2022, value: 110 },
        { year: 2023, value: 121 },
      ],
      { toYear: 2025 },
    );
    expect(growth.rate).toBeCloseTo(0.1, 12);
    expect(path.map((point) => point.year)).toEqual([2024, 2025]);
    expect(path[1]!.value).toBeCloseTo(146.41, 10);
  });
});

describe('projectFixedGrowth', () => {
  it('compounds the rate from the last year (hand computation: 100 × 1.05² = 110.25)', () => {
    expect(projectFixedGrowth([{ year: 2023, value: 100 }], { rate: 0.05, toYear: 2025 })).toEqual([
      { year: 2024, value: 105 },
      { year: 2025, value: 110.25 },
    ]);
  });

  it('rejects rates at or below −100 % and years not after the data', () => {
    expect(() => projectFixedGrowth([{ year: 2023, value: 100 }], { rate: -1, toYear: 2024 })).toThrow('A growth rate must be a number above -100 %; got -1');
    expect(() => projectFixedGrowth([{ year: 2023, value: 100 }], { rate: 0.1, toYear: 2023 })).toThrow(
      'The projection year must be after the last actual year 2023; got 2023',
    );
    expect(() => projectFixedGrowth([{ year: 2023, value: 100 }], { rate: 0.1, toYear: 20245 })).toThrow('more than 50 years after 2023');
  });
});

describe('fitExponentialTrend', () => {
  // Microsoft Support, "GROWTH function" and "LOGEST function" examples (also ECMA-376 Part 4, GROWTH):
  // months 11–16, units 33,100 47,300 69,000 102,000 150,000 220,000.
  const units = [33100, 47300, 69000, 102000, 150000, 220000].map((value, index) => ({ year: 11 + index, value }));

  it('matches Excel GROWTH fitted and predicted values', () => {
    const trend = fitExponentialTrend(units);
    const fitted = [32618.20377, 47729.42261, 69841.30086, 102197.0734, 149542.4867, 218821.8762];
    fitted.forEach((expected, index) => expect(trend.valueAt(11 + index)).toBeCloseTo(expected, 2));
    expect(trend.valueAt(17)).toBeCloseTo(320196.7184, 2);
    expect(trend.valueAt(18)).toBeCloseTo(468536.0539, 2);
  });

  it('matches Excel LOGEST: m = 1.463275628, b = 495.3047702', () => {
    const trend = fitExponentialTrend(units);
    expect(trend.factor).toBeCloseTo(1.463275628, 8);
    expect(trend.base).toBeCloseTo(495.3047702, 5);
  });

  it('projects along the curve to the requested year', () => {
    const { path } = projectExponentialTrend(units, { toYear: 18 });
    expect(path.map((point) => point.year)).toEqual([17, 18]);
    expect(path[0]!.value).toBeCloseTo(320196.7184, 2);
  });
});
