import { describe, expect, it } from 'vitest';
import { fitLinearTrend, projectLinearTrend } from './linearProjection';

describe('fitLinearTrend', () => {
  it('matches Excel FORECAST.LINEAR documentation: FORECAST.LINEAR(30, {6,7,9,15,21}, {20,28,31,38,40}) = 10.607253', () => {
    // Microsoft Support, "FORECAST and FORECAST.LINEAR functions", example.
    const known = [
      [20, 6],
      [28, 7],
      [31, 9],
      [38, 15],
      [40, 21],
    ].map(([year, value]) => ({ year: year!, value: value! }));
    expect(fitLinearTrend(known).valueAt(30)).toBeCloseTo(10.607253, 6);
  });

  // Microsoft Support, "TREND function", example: costs for months 1–12, predicted for months 13–17.
  const costs = [133890, 135000, 135790, 137300, 138130, 139100, 139900, 141120, 141890, 143230, 144000, 145290].map((value, index) => ({
    year: index + 1,
    value,
  }));

  it('matches Excel TREND documentation for the fitted values', () => {
    const trend = fitLinearTrend(costs);
    expect(trend.valueAt(1)).toBeCloseTo(133953.3333, 2);
    expect(trend.valueAt(2)).toBeCloseTo(134971.5152, 2);
    expect(trend.valueAt(12)).toBeCloseTo(145153.3333, 2);
  });

  it('matches Excel TREND documentation for months 13–17 (published rounded to whole units)', () => {
    const { path } = projectLinearTrend(costs, { toYear: 17 });
    expect(path.map((point) => Math.round(point.value))).toEqual([146172, 147190, 148208, 149226, 150244]);
  });

  it('needs two years', () => {
    expect(() => fitLinearTrend([{ year: 2023, value: 1 }])).toThrow('Linear trend needs at least 2 years of data; got 1');
  });
});
