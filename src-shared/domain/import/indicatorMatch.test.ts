import { describe, expect, it } from 'vitest';
import { longLabels } from './indicatorMatch';
import type { UnpivotPlan } from './unpivotPlan';

const plan = (defaultUnit: string | null): UnpivotPlan => ({
  yearColumns: [2021, 2022, 2023].map((year, index) => ({ column: index + 1, year, measure: null, unit: null })),
  indicatorColumn: 0,
  unitColumn: null,
  keepColumns: [],
  defaultUnit,
});
const text = (value: unknown) => (value === null || value === undefined ? '' : String(value));

describe('the names and units an unpivot gives', () => {
  it('takes the unit a cell states, made whole, where nothing around it states one', () => {
    expect(longLabels([['高新技术产业投资', '12亿', '3,500万元', '—']], plan(null), text)).toEqual([{ name: '高新技术产业投资', unit: '亿元', unitMissingYears: [] }]);
  });

  it('names the years whose value states no unit beside cells that do', () => {
    const rows = [['高新技术产业投资', '12亿', 15.5, '　'], ['新认定高新技术企业', 1200, 1300, '/']];
    expect(longLabels(rows, plan(null), text)).toEqual([
      { name: '高新技术产业投资', unit: '亿元', unitMissingYears: [2022] },
      // No unit anywhere: the mapping's "the file states no unit", not a list of years.
      { name: '新认定高新技术企业', unit: null, unitMissingYears: [] },
    ]);
  });

  it('gives bare values the table unit line, and a cell its own unit over it', () => {
    expect(longLabels([['研发经费', 12, '3,500万元', 14]], plan('亿'), text)).toEqual([{ name: '研发经费', unit: '亿元', unitMissingYears: [] }]);
    expect(longLabels([['研发经费', '3,500\u2009万元', 12, 14]], plan('亿'), text)).toEqual([{ name: '研发经费', unit: '万元', unitMissingYears: [] }]);
  });

  it('names a year once when the name is on several rows', () => {
    const rows = [['研发经费', '12亿', 1, '—'], ['研发经费', '13亿', 2, '—']];
    expect(longLabels(rows, plan(null), text)).toEqual([{ name: '研发经费', unit: '亿元', unitMissingYears: [2022] }]);
  });
});
