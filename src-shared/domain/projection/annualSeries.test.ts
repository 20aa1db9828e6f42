import { describe, expect, it } from 'vitest';
import { checkedSeries, projectionYears } from './annualSeries';

describe('checkedSeries', () => {
  it('sorts by year', () => {
    expect(checkedSeries([{ year: 2023, value: 2 }, { year: 2021, value: 1 }], { method: 'M', minLength: 1 }).map((point) => point.year)).toEqual([2021, 2023]);
  });

  it('names the bad year', () => {
    expect(() => checkedSeries([{ year: 2021.5, value: 1 }], { method: 'M', minLength: 1 })).toThrow('M: year 2021.5 is not a whole number');
    expect(() => checkedSeries([{ year: 2021, value: Number.NaN }], { method: 'M', minLength: 1 })).toThrow('M: the value for 2021 is not a number (NaN)');
    expect(() => checkedSeries([{ year: 2019, value: 1 }, { year: 2023, value: 1 }], { method: 'M', minLength: 1, consecutive: true })).toThrow(
      'M needs consecutive years; 2020–2022 is missing',
    );
  });
});

describe('projectionYears', () => {
  it('lists the years after the last one', () => {
    expect(projectionYears(2023, 2025)).toEqual([2024, 2025]);
    expect(() => projectionYears(2023, 2024.5)).toThrow('The projection year must be a whole year; got 2024.5');
  });
});
