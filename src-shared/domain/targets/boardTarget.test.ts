import { describe, expect, it } from 'vitest';
import { completeBoardTarget, paceKindFor, periodMonth, type BoardTargetFacts } from './boardTarget';
import { observation, targetFacts } from '../../../tests/fixtures/targetFacts';
import { backtestOrigins, defaultSeriesMethod, seriesMethodsFor, targetModelFor } from './targetModel';

const base: BoardTargetFacts = targetFacts({
  indicatorCode: 'hightech_enterprises',
  nameZh: '有效高新技术企业',
  nameEn: 'Valid high-tech enterprises',
  unit: '家',
  comparator: '>',
  value: 1000,
});
const obs = observation;

describe('periodMonth', () => {
  it('reads the month a cumulative period ends with', () => {
    expect(periodMonth('annual')).toBe(12);
    expect(periodMonth('1-11月')).toBe(11);
    expect(periodMonth('1—6月')).toBe(6);
    expect(periodMonth('上半年')).toBe(6);
    expect(periodMonth('前三季度')).toBe(9);
    expect(periodMonth('一季度')).toBe(3);
    expect(periodMonth('13月')).toBeNull();
    expect(periodMonth('other')).toBeNull();
  });
});

describe('paceKindFor', () => {
  it('tells ratios, flows and stocks apart', () => {
    expect(paceKindFor({ code: 'rd_gdp_ratio', nameZh: 'R&D', unit: '%', kind: 'share' })).toBe('ratio');
    expect(paceKindFor({ code: 'new_provincial_tech_smes', nameZh: '新增', unit: '家', kind: 'level' })).toBe('flow');
    expect(paceKindFor({ code: 'x', nameZh: '新认定高新技术企业', unit: '家', kind: null })).toBe('flow');
    expect(paceKindFor({ code: 'hightech_enterprises', nameZh: '有效高新技术企业', unit: '家', kind: 'level' })).toBe('stock');
  });
});

describe('completeBoardTarget', () => {
  it('says there is no actual for a stock without data, and offers no pace', () => {
    const target = completeBoardTarget(base);
    expect(target).toMatchObject({ latest: null, gap: null, pace: { kind: 'no-actual' }, paceKind: 'stock' });
    expect(targetModelFor(target)).toEqual({ input: null, notes: [{ kind: 'no-actual' }] });
  });

  it('asks a flow without any figure of the target year for the whole target (需全年新增)', () => {
    const target = completeBoardTarget({
      ...base,
      indicatorCode: 'new_provincial_tech_smes',
      nameZh: '新增浙江省科技型中小企业',
      comparator: '>=',
      value: 320,
      observations: [obs(2023, 'annual', 601)],
    });
    expect(target.latest).toMatchObject({ year: 2023, value: 601 });
    expect(target.gap).toEqual({ absolute: 320, relative: 1 });
    expect(target.pace).toEqual({ kind: 'remaining', amount: 320, monthsLeft: 12 });
    // Carried forward from last year's total.
    const { input } = targetModelFor(target);
    expect(input?.model.kind).toBe('yearEnd');
  });

  it('prefers a later in-year figure to the last annual value, and estimates the year end at an even pace without earlier shares', () => {
    const target = completeBoardTarget({
      ...base,
      indicatorCode: 'new_ningbo_rd_institutions',
      nameZh: '新增宁波市级及以上研发机构',
      comparator: '>=',
      value: 20,
      observations: [obs(2023, 'annual', 24), obs(2024, '1-9月', 12, { status: 'preliminary' })],
    });
    expect(target.latest).toEqual({ year: 2024, period: '1-9月', month: 9, value: 12, status: 'preliminary', origin: 'bundled', sourceId: null, countedFrom: null });
    expect(target.pace).toEqual({ kind: 'remaining', amount: 8, monthsLeft: 3 });
    const choice = targetModelFor(target);
    expect(choice.notes).toEqual([{ kind: 'even-pace', month: 9 }]);
    expect(choice.input?.model).toMatchObject({ kind: 'yearEnd', cumulative: [{ year: 2023, month: 9, cumulativeValue: 18 }] });
  });

  it('falls back from Holt to CAGR with two years and to a flat line with one', () => {
    expect(defaultSeriesMethod([{ year: 2022, value: 90 }, { year: 2023, value: 99 }])).toEqual({
      spec: { method: 'cagr' },
      notes: [{ kind: 'fallback', preferred: 'holt', used: 'cagr', years: 2, needed: 4 }],
    });
    expect(defaultSeriesMethod([{ year: 2023, value: 99 }])).toEqual({ spec: { method: 'growth', rate: 0 }, notes: [{ kind: 'single-year', year: 2023 }] });
    expect(defaultSeriesMethod([2019, 2020, 2022, 2023].map((year) => ({ year, value: year - 2000 }))).spec).toEqual({ method: 'cagr' });
    expect(defaultSeriesMethod([2020, 2021, 2022, 2023].map((year) => ({ year, value: year - 2000 }))).spec).toEqual({ method: 'holt' });
  });
});

describe('method menu and backtest cut-offs', () => {
  it('offers logistic only for percentages strictly inside 0–100', () => {
    const counts = [{ year: 2022, value: 410 }, { year: 2023, value: 455 }];
    const shares = [{ year: 2022, value: 85 }, { year: 2023, value: 91 }];
    expect(seriesMethodsFor('家', counts).map((spec) => spec.method)).not.toContain('logistic');
    expect(seriesMethodsFor('%', shares).map((spec) => spec.method)).toContain('logistic');
    expect(seriesMethodsFor('%', [...shares, { year: 2024, value: 100 }]).map((spec) => spec.method)).not.toContain('logistic');
  });

  it('keeps four years before the earliest cut-off where it can', () => {
    expect([3, 4, 5, 6, 7, 8].map(backtestOrigins)).toEqual([1, 2, 1, 2, 3, 3]);
  });
});
