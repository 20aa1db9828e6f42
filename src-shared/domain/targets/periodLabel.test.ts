import { describe, expect, it } from 'vitest';
import { IN_YEAR_PERIODS } from '../history/historyGrid';
import { periodFromLabel, periodLabel } from './periodLabel';

describe('periodLabel', () => {
  it('keeps the stored label in Chinese, and names the full year', () => {
    expect(periodLabel('1-11月', 'zh')).toBe('1-11月');
    expect(periodLabel('上半年', 'zh')).toBe('上半年');
    expect(periodLabel('annual', 'zh')).toBe('全年');
  });

  it('reads cumulative months, halves, quarters and month ends in English', () => {
    expect(periodLabel('1-11月', 'en')).toBe('Jan–Nov');
    expect(periodLabel('1—3月', 'en')).toBe('Jan–Mar');
    expect(periodLabel(' 1 - 2 月 ', 'en')).toBe('Jan–Feb');
    expect(periodLabel('1-1月', 'en')).toBe('Jan');
    expect(periodLabel('上半年', 'en')).toBe('H1');
    expect(periodLabel('前三季度', 'en')).toBe('Q1–Q3');
    expect(periodLabel('一季度', 'en')).toBe('Q1');
    expect(periodLabel('11月末', 'en')).toBe('end of Nov');
    // As the board reads them (periodMonth): 6月 and 三季度 are cumulative to June and to September.
    expect(periodLabel('6月', 'en')).toBe('Jan–Jun');
    expect(periodLabel('三季度', 'en')).toBe('Q1–Q3');
    expect(periodLabel('annual', 'en')).toBe('full year');
  });

  it('shows a label it does not understand as stored', () => {
    expect(periodLabel('1-13月', 'en')).toBe('1-13月');
    // 11月底 is not a period the board reads, so it is not given an English reading either.
    expect(periodLabel('11月底', 'en')).toBe('11月底');
    expect(periodLabel('下半年', 'en')).toBe('下半年');
    expect(periodLabel('旺季', 'en')).toBe('旺季');
    expect(periodLabel('', 'en')).toBe('');
  });

  it('has an English label for every in-year column the history grid offers', () => {
    for (const period of IN_YEAR_PERIODS) expect(periodLabel(period, 'en')).toMatch(/^[A-Za-z0-9–\s]+$/);
  });
});

describe('periodFromLabel', () => {
  it('stores the whole year as typed in either language as annual, and keeps other periods as typed', () => {
    expect(['全年', 'full year', 'Full Year', ' annual ', 'Y'].map(periodFromLabel)).toEqual(['annual', 'annual', 'annual', 'annual', 'annual']);
    expect(periodFromLabel(' 1-11月 ')).toBe('1-11月');
  });
});
