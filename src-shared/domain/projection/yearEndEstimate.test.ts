import { describe, expect, it } from 'vitest';
import { estimateYearEnd } from './yearEndEstimate';

const annual = [
  { year: 2021, value: 500 },
  { year: 2022, value: 300 },
  { year: 2023, value: 300 },
];
const cumulative = [
  { year: 2021, month: 3, cumulativeValue: 100 },
  { year: 2022, month: 6, cumulativeValue: 120 },
  { year: 2023, month: 6, cumulativeValue: 150 },
  { year: 2023, month: 9, cumulativeValue: 250 },
];

describe('estimateYearEnd', () => {
  it('divides by the mean share of the year the same months made up before (hand computation)', () => {
    // June shares: 2022 120/300 = 0.4, 2023 150/300 = 0.5 (2021 has no June figure). Mean 0.45.
    // 2024 January–June 180 → 180 / 0.45 = 400; with the largest share 360, the smallest 450.
    const estimate = estimateYearEnd({ current: { year: 2024, month: 6, cumulativeValue: 180 }, cumulative, annual });
    expect(estimate.share).toBeCloseTo(0.45, 12);
    expect(estimate.estimate).toBeCloseTo(400, 10);
    expect(estimate.low).toBeCloseTo(360, 10);
    expect(estimate.high).toBeCloseTo(450, 10);
    expect(estimate.shares).toEqual([
      { year: 2022, share: 0.4 },
      { year: 2023, share: 0.5 },
    ]);
    expect(estimate.shareSd).toBeCloseTo(Math.sqrt(0.005), 12);
  });

  it('uses only the most recent earlier years when asked', () => {
    const estimate = estimateYearEnd({ current: { year: 2024, month: 6, cumulativeValue: 180 }, cumulative, annual, years: 1 });
    expect(estimate.estimate).toBeCloseTo(360, 10);
  });

  it('takes a December figure as the year-end value', () => {
    expect(estimateYearEnd({ current: { year: 2024, month: 12, cumulativeValue: 333 }, cumulative: [], annual: [] }).estimate).toBe(333);
  });

  it('says what is missing', () => {
    expect(() => estimateYearEnd({ current: { year: 2024, month: 4, cumulativeValue: 10 }, cumulative, annual })).toThrow(
      'The year-end estimate needs at least one earlier year with both a cumulative figure for January–month 4 and an annual total; found none',
    );
    expect(() => estimateYearEnd({ current: { year: 2024, month: 13, cumulativeValue: 10 }, cumulative, annual })).toThrow(
      "A cumulative figure's month must be 1–12; 2024 has 13",
    );
  });
});
