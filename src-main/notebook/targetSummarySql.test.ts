import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { targetSummarySql } from '@shared/domain/notebook/targetSummarySql';
import { DuckDBEngine } from '../engine/process/DuckDBEngine';
import { loadTargetCard } from './targetProjectionFacts';

let engine: DuckDBEngine;

beforeAll(async () => {
  engine = await DuckDBEngine.open({ workspacePath: ':memory:' });
  await engine.exec(`
    create table targets as select * replace (value::double as value) from (values
      ('hightech', 'hightech_enterprises', '慈溪市', '全市', 2024, '>', 1000.0, '家', 's1', null, 't'),
      ('ratio', 'rd_gdp_ratio', '慈溪市', '全市', 2024, '>=', 3.53, '%', 's1', '研发投入强度', 't'),
      ('units', 'rd_spend', '慈溪市', '全市', 2024, '>', 100.0, '亿元', null, null, 't'),
      ('nothing', 'no_data', '慈溪市', '全市', 2024, '>=', 1.0, '个', null, null, 't'),
      ('it''s', 'hightech_enterprises', '慈溪市', '市级', 2024, '>', 500.0, '家', null, null, 't'),
      ('clusters', 'clusters', '慈溪市', '全市', 2024, '>=', 10.0, '个', null, null, 't'),
      ('old', 'hightech_enterprises', '慈溪市', '全市', 2023, '>', 1000.0, '家', null, null, 't'),
      ('coverage', 'coverage', '慈溪市', '全市', 2024, '=', 100.0, '%', null, null, 't'),
      ('coverage_far', 'coverage_far', '慈溪市', '全市', 2024, '=', 100.0, '%', null, null, 't'),
      ('coverage_rounded', 'coverage_rounded', '慈溪市', '全市', 2024, '=', 100.0, '%', null, null, 't'),
      ('centres', 'centres', '慈溪市', '全市', 2024, '=', 4.0, '个', null, null, 't'),
      ('periods', 'periods', '慈溪市', '全市', 2024, '>', 100.0, '亿元', null, null, 't'),
      ('halves', 'halves', '慈溪市', '全市', 2024, '>', 100.0, '亿元', null, null, 't')
    ) t(target_id, indicator_code, region, scope, year, comparator, value, unit, source_id, note, origin);
    create table observations as select * replace (value::double as value) from (values
      ('hightech_enterprises', '慈溪市', '全市', 2022, 'Y', 880.0, '家'),
      ('hightech_enterprises', '慈溪市', '全市', 2023, 'Y', 1010.0, '家'),
      ('hightech_enterprises', '慈溪市', '市级', 2023, 'Y', 450.0, '家'),
      ('rd_gdp_ratio', '慈溪市', '全市', 2023, 'Y', 3.38, '%'),
      ('rd_spend', '慈溪市', '全市', 2023, 'Y', 900000.0, '万元'),
      ('clusters', '慈溪市', '全市', 2021, 'annual', 4.0, '个'),
      ('clusters', '慈溪市', '全市', 2022, 'annual', 6.0, '个'),
      ('clusters', '慈溪市', '全市', 2023, 'annual', 8.0, '个'),
      ('clusters', '慈溪市', '全市', 2023, '1-11月', 7.0, '个'),
      ('clusters', '慈溪市', '全市', 2020, 'annual', 300.0, '万个'),
      ('coverage', '慈溪市', '全市', 2024, 'annual', 99.96, '%'),
      ('coverage_far', '慈溪市', '全市', 2024, 'annual', 99.7, '%'),
      ('coverage_rounded', '慈溪市', '全市', 2024, 'annual', 99.95, '%'),
      ('centres', '慈溪市', '全市', 2024, 'annual', 5.0, '个'),
      ('periods', '慈溪市', '全市', 2024, '1-6月', 50.0, '亿元'),
      ('periods', '慈溪市', '全市', 2024, '1-11月', 95.0, '亿元'),
      ('halves', '慈溪市', '全市', 2023, 'annual', 120.0, '亿元'),
      ('halves', '慈溪市', '全市', 2023, '上半年', 55.0, '亿元')
    ) t(indicator_code, region, scope, year, period, value, unit)
    cross join (select 'final' as status, null as source_id, null as formula, null as origin, null as note);
    create table sources as select 's1' as source_id, '2024年工作思路' as title, '市科技局' as issuer, date '2024-02-01' as date, null as quote;
  `);
});
afterAll(() => engine.close());

const exec = (sql: string, params?: Record<string, string | number | boolean | null>) => engine.exec(sql, params);

async function cardRows(targetId: string, method: 'latest' | 'linear' | 'holt' = 'latest') {
  const card = await loadTargetCard(exec, targetId, method);
  return (await engine.exec(targetSummarySql(targetId, method, card?.facts ?? null, card?.projection ?? null))).rows;
}

async function summary(targetId: string) {
  const rows = await cardRows(targetId);
  return rows.map((row) => ({ actual_year: row.actual_year, actual_value: row.actual_value, gap: row.gap, met: row.met, target_source: row.target_source }));
}

describe('targetSummarySql', () => {
  it('takes the latest actual value of the same indicator, region and scope, with the gap and whether it is met', async () => {
    expect(await summary('hightech')).toEqual([{ actual_year: 2023, actual_value: 1010, gap: -10, met: true, target_source: '2024年工作思路' }]);
    expect(await summary("it's")).toEqual([{ actual_year: 2023, actual_value: 450, gap: 50, met: false, target_source: null }]);
    expect((await summary('ratio'))[0]).toMatchObject({ actual_value: 3.38, met: false });
    expect((await summary('ratio'))[0]!.gap).toBeCloseTo(0.15, 10);
  });

  it('leaves the gap and the verdict empty when the units differ or there is no actual value', async () => {
    // 900000 万元 is not a figure in the target's unit (亿元): nothing is converted, so the card has no actual.
    expect(await summary('units')).toEqual([{ actual_year: null, actual_value: null, gap: null, met: null, target_source: null }]);
    expect(await summary('nothing')).toEqual([{ actual_year: null, actual_value: null, gap: null, met: null, target_source: null }]);
  });

  it('gives no row for a target id that does not exist', async () => {
    expect(await summary('t2099_nothing')).toEqual([]);
  });

  it("counts 全覆盖 (= 100 %) as met only within rounding: 99.95 % and 99.96 % are, 99.7 % is not", async () => {
    const row = async (id: string) => (await cardRows(id))[0]!;
    expect(await row('coverage')).toMatchObject({ met: true, target_year_reached: true });
    expect(await row('coverage_rounded')).toMatchObject({ met: true });
    expect(await row('coverage_far')).toMatchObject({ met: false, target_year_reached: true });
  });

  it("reads a count written '= 4' (四大公共服务中心) as at least 4: 5 centres meet it", async () => {
    expect((await cardRows('centres'))[0]).toMatchObject({ comparator: '>=', met: true, gap: -1 });
  });

  it('takes the latest figure in real period order, not as text: 1-11月 after 1-6月, annual after 上半年', async () => {
    expect((await cardRows('periods'))[0]).toMatchObject({ actual_year: 2024, actual_period: '1-11月', actual_value: 95 });
    expect((await cardRows('halves'))[0]).toMatchObject({ actual_year: 2023, actual_period: 'annual', actual_value: 120 });
  });

  it('says whether the verdict is final: only a full-year figure for the target year settles it', async () => {
    const reached = async (id: string) => (await cardRows(id))[0]!.target_year_reached;
    expect(await reached('hightech')).toBe(false);
    // 'Y' is an annual figure: 2023's full year settles the 2023 target.
    expect(await reached('old')).toBe(true);
    expect(await reached('clusters')).toBe(false);
  });

  it('adds a projection to the target year from the annual values in the target unit', async () => {
    const card = await loadTargetCard(exec, 'clusters', 'linear');
    const facts = card!.projection;
    // 4, 6, 8 in 2021–2023 (the 1-11月 figure and the 万个 row are not annual values in the target unit): 10 in 2024.
    expect(facts).toMatchObject({ method: 'linear', year: 2024, status: 'on-track', note: null });
    expect(facts!.value).toBeCloseTo(10, 9);
    expect(facts!.requiredGrowth).toBeCloseTo(0.25, 12);
    const rows = await cardRows('clusters', 'linear');
    expect(rows[0]).toMatchObject({ method: 'linear', projected_year: 2024, projected_status: 'on-track', projection_note: null, actual_value: 8 });
    expect(rows[0]!.projected_value).toBeCloseTo(10, 9);
    expect(await loadTargetCard(exec, 't2099_nothing', 'linear')).toBeNull();
    const tooShort = (await loadTargetCard(exec, 'ratio', 'holt'))!.projection;
    expect(tooShort).toMatchObject({ value: null });
    const shortRow = (await cardRows('ratio', 'holt'))[0]!;
    expect(shortRow.projected_value).toBeNull();
    expect(String(shortRow.projection_note)).toContain(tooShort!.note!);
  });
});
