import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cliRunner } from '../../../tests/support/cliRunner';

// These tests build their own observations/indicators/targets: open workspaces without the bundled datasets.

const folder = mkdtempSync(join(tmpdir(), 'iwb-forecast-'));
const workspace = join(folder, 'workspace');
afterAll(() => rmSync(folder, { recursive: true, force: true }));

const cli = cliRunner(workspace, { ...process.env, IWB_BUNDLED_DATASETS: 'off' });

function file(name: string, text: string): string {
  const path = join(folder, name);
  writeFileSync(path, text);
  return path;
}

const rd = file('rd.csv', '\uFEFFyear,value\r\n2020,100\r\n2021,110\r\n2022,121\r\n2023,133.1\r\n');

describe('iwb forecast --series', () => {
  it('prints the documented JSON: path, target, gap, requiredGrowth, requiredPace, probability, parameters', async () => {
    const { code, stdout, stderr } = await cli('forecast', '--series', rd, '--method', 'cagr', '--to', '2025', '--target', '160', '--simulate', '2000', '--format', 'json');
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const output = JSON.parse(stdout) as Record<string, unknown>;
    expect(Object.keys(output)).toEqual(['path', 'target', 'gap', 'requiredGrowth', 'requiredPace', 'probability', 'parameters']);
    // CAGR 2020–2023 is exactly 10 %: 146.41 in 2024, 161.051 in 2025. Required: (160/133.1)^(1/2) − 1.
    const path = output.path as { year: number; value: number; p10: number; p50: number; p90: number }[];
    expect(path.map((point) => point.year)).toEqual([2024, 2025]);
    expect(path[0]!.value).toBeCloseTo(146.41, 9);
    expect(path[1]!.value).toBeCloseTo(161.051, 9);
    // The series grew exactly 10 % each year: no historical volatility, so the fan collapses onto the path.
    expect(path[1]!.p10).toBeCloseTo(161.051, 9);
    expect(output.target).toBe(160);
    expect(output.gap).toBeCloseTo(26.9, 10);
    expect(output.requiredGrowth).toBeCloseTo(Math.sqrt(160 / 133.1) - 1, 12);
    expect(output.probability).toBe(1);
    expect(output.parameters).toMatchObject({ method: 'cagr', rate: expect.closeTo(0.1, 12) as number, years: 3, targetYear: 2025, simulationPaths: 2000, simulationSeed: 1 });
  });

  it('includes fitted Holt parameters and reproduces a simulation from its seed', async () => {
    const noisy = file('noisy.csv', '2016,50\n2017,58\n2018,61\n2019,70\n2020,74\n2021,85\n2022,88\n2023,97\n');
    const run = async () => JSON.parse((await cli('forecast', '--series', noisy, '--method', 'holt', '--init', 'fitted', '--target', '100', '--simulate', '5000', '--seed', '7', '--format', 'json')).stdout) as {
      probability: number;
      parameters: Record<string, unknown>;
      path: { p50: number }[];
    };
    const first = await run();
    expect(first.parameters).toMatchObject({ method: 'holt', init: 'fitted', estimated: 'alpha,beta,initialLevel,initialTrend', simulationSeed: 7 });
    for (const name of ['alpha', 'beta', 'initialLevel', 'initialTrend', 'level', 'trend', 'sse']) expect(typeof first.parameters[name]).toBe('number');
    expect(first.probability).toBeGreaterThan(0);
    expect(first.probability).toBeLessThan(1);
    expect((await run()).probability).toBe(first.probability);
  });

  it('omits target fields without a target and takes the damping given', async () => {
    const { stdout } = await cli('forecast', '--series', rd, '--method', 'damped', '--phi', '0.9', '--alpha', '0.5', '--beta', '0.5', '--init', 'simple', '--format', 'json');
    const output = JSON.parse(stdout) as Record<string, unknown>;
    expect(Object.keys(output)).toEqual(['path', 'parameters']);
    expect(output.parameters).toMatchObject({ method: 'damped', phi: 0.9, alpha: 0.5, beta: 0.5, init: 'simple', estimated: null });
  });

  it('prints an aligned table', async () => {
    const { code, stdout } = await cli('forecast', '--series', rd, '--method', 'growth', '--rate', '0.05', '--to', '2025', '--target', '140');
    expect(code).toBe(0);
    const lines = stdout.split('\n');
    expect(lines[0]).toBe('rd.csv');
    expect(lines[1]).toBe('Method / 方法: growth  (rate=0.05, baseYear=2023, baseValue=133.1)');
    expect(lines.slice(3, 8)).toEqual([
      'year   value',
      '────  ──────  ────────────────────',
      '2023  133.10  actual / 实际',
      '2024  139.76  projected / 预测',
      '2025  146.74  target year / 目标年',
    ]);
    expect(stdout).toContain('Target / 目标 2025: >= 140; gap / 差距 6.9 (4.9 % of target); required growth / 需年均增长 2.6 %');
  });

  it.each([
    [['--method', 'holt'], 'Give either --indicator CODE_OR_NAME or --series FILE.csv'],
    [['--series', 'x.csv', '--indicator', 'a', '--method', 'holt'], 'Give either --indicator CODE_OR_NAME or --series FILE.csv'],
    [['--series', 'x.csv'], '--method is required: cagr, growth, linear, holt, damped, logistic'],
    [['--series', 'x.csv', '--method', 'arima'], '--method must be one of cagr, growth, linear, holt, damped, logistic (got "arima")'],
    [['--series', 'x.csv', '--method', 'holt', '--rate', '0.1'], '--rate applies to --method growth, not holt'],
    [['--series', 'x.csv', '--method', 'holt', '--phi', '0.9'], '--phi applies to --method damped, not holt'],
    [['--series', 'x.csv', '--method', 'holt', '--alpha', '1.5'], '--alpha must be from 0 to 1 (got "1.5")'],
    [['--series', 'x.csv', '--method', 'holt', '--init', 'best'], '--init must be simple, simple-nist, simple-fpp, simple3, fitted (got "best")'],
    [['--series', 'x.csv', '--method', 'linear', '--simulate', '0'], '--simulate must be from 1 to 10000000 (got "0")'],
    [['--series', 'x.csv', '--method', 'linear', '--to', 'next'], '--to must be a number (got "next")'],
    [['--series', 'x.csv', '--method', 'linear', '--seed', '3'], '--seed applies with --simulate only'],
    [['--series', 'x.csv', '--method', 'linear', '--format', 'xml'], '--format must be table or json (got "xml")'],
    [['--series', 'x.csv', '--method', 'linear', '--scope', '全市'], '--scope and --region apply to --indicator only'],
  ])('rejects %j with exit 2', async (args, message) => {
    const { code, stderr } = await cli('forecast', ...args);
    expect(code).toBe(2);
    expect(stderr).toContain(message);
  });

  it('exits 1 with the file and line of a bad row', async () => {
    const bad = file('bad.csv', 'year,value\n2021,1\n2022,1,5\n');
    expect(await cli('forecast', '--series', bad, '--method', 'linear')).toMatchObject({ code: 1, stderr: 'Error: bad.csv line 3: expected 2 fields (year,value), found 3\n' });
    expect(await cli('forecast', '--series', join(folder, 'missing.csv'), '--method', 'linear')).toMatchObject({
      code: 1,
      stderr: `Error: Cannot read the series file ${join(folder, 'missing.csv')}: no such file\n`,
    });
  });

  it('exits 1, not 70, when a logistic path to simulate touches its ceiling', async () => {
    const saturated = file('saturated.csv', 'year,value\n2019,10\n2020,50\n2021,90\n2022,99\n2023,99.99\n');
    expect(await cli('forecast', '--series', saturated, '--method', 'logistic', '--to', '2060', '--simulate', '200')).toEqual({
      code: 1,
      stdout: '',
      stderr: 'Error: saturated.csv: Simulation "forecast": logistic values must lie strictly between 0 and 100\n',
    });
  });

  it('exits 1 when the method cannot use the series', async () => {
    const short = file('short.csv', '2023,5\n');
    expect(await cli('forecast', '--series', short, '--method', 'cagr')).toMatchObject({
      code: 1,
      stderr: 'Error: short.csv: CAGR needs at least 2 years of positive values; got 1\n',
    });
    expect((await cli('forecast', '--series', rd, '--method', 'linear', '--to', '2023')).stderr).toBe(
      'Error: rd.csv: The projection year must be after the last actual year 2023; got 2023\n',
    );
  });
});

describe('iwb forecast --indicator', () => {
  it('explains that the datasets are not loaded yet', async () => {
    const { code, stderr } = await cli('forecast', '--indicator', 'industrial_rd_expenditure', '--method', 'linear');
    expect(code).toBe(1);
    expect(stderr).toContain('The workspace has no observations view');
    expect(stderr).toContain('use --series FILE.csv instead');
  });

  it('reads the annual series and the target from the workspace views', async () => {
    const setup = [
      "create or replace table indicators as select * from (values ('industrial_rd_expenditure', '规上工业企业研发费用', 'Industrial R&D expenditure', '亿元'), ('hte_valid_count', '有效高新技术企业', 'Valid high-tech enterprises', '家')) t(code, name_zh, name_en, unit)",
      `create or replace table observations as select * from (values
         ('industrial_rd_expenditure', '慈溪市', '全市', 2021, 'annual', 80.0::decimal(10,2), '亿元', 'final'),
         ('industrial_rd_expenditure', '慈溪市', '全市', 2022, 'annual', 86.0::decimal(10,2), '亿元', 'final'),
         ('industrial_rd_expenditure', '慈溪市', '全市', 2023, 'annual', 92.0::decimal(10,2), '亿元', 'final'),
         ('industrial_rd_expenditure', '慈溪市', '全市', 2024, 'H1', 50.0::decimal(10,2), '亿元', 'preliminary'),
         ('hte_valid_count', '慈溪市', '全市', 2023, 'annual', 880, '家', 'final'),
         ('hte_valid_count', '慈溪市', '市级', 2023, 'annual', 700, '家', 'final'),
         ('hte_valid_count', '宗汉街道', '全市', 2023, 'annual', 80, '家', 'final')
       ) t(indicator_code, region, scope, year, period, value, unit, status)`,
      "create or replace table targets as select * from (values ('industrial_rd_expenditure', 2024, '＞', 100.0, '亿元')) t(indicator_code, year, comparator, value, unit)",
    ];
    // One invocation for the whole set-up: each opens the workspace (an engine start).
    expect((await cli('query', setup.map((sql) => `${sql};`).join('\n'))).code).toBe(0);

    const { code, stdout, stderr } = await cli('forecast', '--indicator', '规上工业企业研发费用', '--method', 'linear', '--format', 'json');
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const output = JSON.parse(stdout) as { path: { year: number; value: number }[]; target: number; gap: number; parameters: Record<string, unknown> };
    // Linear trend through 80, 86, 92: 98 in 2024. Target "> 100" for 2024 from the targets view.
    expect(output.path).toEqual([{ year: 2024, value: expect.closeTo(98, 10) as number }]);
    expect(output.target).toBe(100);
    // As on the board: 2024's H1 figure (50) is the latest; the rest of the year has to add the other 50.
    expect(output.gap).toBe(50);
    expect((output as unknown as { requiredPace: unknown }).requiredPace).toEqual({ kind: 'remaining', amount: 50, monthsLeft: 6 });
    expect(output.parameters).toMatchObject({ indicator: 'industrial_rd_expenditure', unit: '亿元', scope: '全市', targetComparator: '>', targetYear: 2024 });

    const table = await cli('forecast', '--indicator', 'industrial_rd_expenditure', '--method', 'linear');
    expect(table.stdout.split('\n')[0]).toBe('规上工业企业研发费用 (industrial_rd_expenditure), 亿元');
    expect(table.stdout).toContain('year  value (亿元)');
    expect(table.stdout).toContain('Target / 目标 2024: > 100 亿元');
  });

  it('asks for a region, a scope or a code when the choice is ambiguous', async () => {
    expect((await cli('forecast', '--indicator', 'hte_valid_count', '--method', 'growth', '--rate', '0.1')).stderr).toBe(
      'Error: 有效高新技术企业 (hte_valid_count) has several annual values for 2023 (regions 宗汉街道, 慈溪市); choose one with --region\n',
    );
    const regional = await cli('forecast', '--indicator', 'hte_valid_count', '--region', '慈溪市', '--scope', '市级', '--method', 'growth', '--rate', '0.1', '--format', 'json');
    expect(regional.code).toBe(0);
    expect((JSON.parse(regional.stdout) as { path: { value: number }[] }).path[0]!.value).toBeCloseTo(770, 10);
    expect((await cli('forecast', '--indicator', 'hte_valid_count', '--scope', '县级', '--method', 'linear')).stderr).toBe(
      'Error: 有效高新技术企业 (hte_valid_count) has no annual values for scope 县级; annual values exist for scope 全市, 市级 (use --scope)\n',
    );
    expect((await cli('forecast', '--indicator', '研发', '--method', 'linear')).stderr).toBe(
      'Error: No indicator has the code or name "研发"; similar: industrial_rd_expenditure (规上工业企业研发费用)\n',
    );
  });

  it('treats a count made within the year and a percentage as the board does: 差 320 家 and 还差 0.15 个百分点, not "gap −281" or a growth rate', async () => {
    const setup = [
      "create or replace table indicators as select * from (values ('new_provincial_tech_smes', '新增浙江省科技型中小企业', 'New provincial tech SMEs', '家', 'level'), ('rd_gdp_ratio', '全社会R&D经费占GDP比重', 'R&D / GDP', '%', 'share')) t(code, name_zh, name_en, unit, kind)",
      `create or replace table observations as select * from (values
         ('new_provincial_tech_smes', '慈溪市', '全市', 2023, 'annual', 601.0, '家', 'actual'),
         ('rd_gdp_ratio', '慈溪市', '全市', 2022, 'annual', 3.26, '%', 'actual'),
         ('rd_gdp_ratio', '慈溪市', '全市', 2023, 'annual', 3.38, '%', 'actual')
       ) t(indicator_code, region, scope, year, period, value, unit, status)`,
      "create or replace table targets as select * from (values ('new_provincial_tech_smes', 2024, '>=', 320.0, '家'), ('rd_gdp_ratio', 2024, '>=', 3.53, '%')) t(indicator_code, year, comparator, value, unit)",
    ];
    // One invocation for the whole set-up: each opens the workspace (an engine start).
    expect((await cli('query', setup.map((sql) => `${sql};`).join('\n'))).code).toBe(0);
    const smes = await cli('forecast', '--indicator', 'new_provincial_tech_smes', '--method', 'growth', '--rate', '0', '--format', 'json');
    expect(smes.stderr).toBe('');
    const smesOutput = JSON.parse(smes.stdout) as { gap: number; requiredGrowth?: number; requiredPace: unknown };
    // Nothing of 2024 is counted yet: the whole 320 is still to add.
    expect(smesOutput.gap).toBe(320);
    expect(smesOutput.requiredGrowth).toBeUndefined();
    expect(smesOutput.requiredPace).toEqual({ kind: 'remaining', amount: 320, monthsLeft: 12 });
    const smesTable = await cli('forecast', '--indicator', 'new_provincial_tech_smes', '--method', 'growth', '--rate', '0');
    expect(smesTable.stdout).toContain('gap / 差距 320 家');
    expect(smesTable.stdout).toContain('需全年新增 320 家');
    expect(smesTable.stdout).not.toContain('−281');
    expect(smesTable.stdout).not.toContain('-281');

    const ratio = await cli('forecast', '--indicator', 'rd_gdp_ratio', '--method', 'linear');
    expect(ratio.stdout).toContain('gap / 差距 0.15 points / 个百分点');
    expect(ratio.stdout).toContain('还差 0.15 points / 个百分点');
    expect(ratio.stdout).not.toContain('需年均增长');
  });
});

describe('iwb forecast --simulate with a short series', () => {
  it('prints — for P10/P50/P90 and the probability with one or two annual values, as the board does without a prior', async () => {
    const two = file('two.csv', 'year,value\n2022,90\n2023,99\n');
    const table = await cli('forecast', '--series', two, '--method', 'cagr', '--target', '105', '--simulate', '1000');
    expect(table.code).toBe(0);
    expect(table.stdout).toMatch(/2024 +108\.90 +— +— +—/);
    expect(table.stdout).toContain('probability / 达成概率 —');
    expect(table.stdout).not.toContain('0.0 %');
    const json = JSON.parse((await cli('forecast', '--series', two, '--method', 'cagr', '--target', '105', '--simulate', '1000', '--format', 'json')).stdout) as {
      path: Record<string, number>[];
      probability?: number;
    };
    expect(json.path[0]).not.toHaveProperty('p10');
    expect(json.probability).toBeUndefined();
  });
});
