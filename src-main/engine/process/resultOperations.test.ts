import { mkdtempSync, readFileSync, rmSync, writeFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tableFromIPC, type Decimal } from 'apache-arrow';
import { decimalText } from '@shared/domain/arrowCells';
import iconv from 'iconv-lite';
import readXlsxFile from 'read-excel-file/node';
import type { QueryId, ResultId, ResultWindow } from '@shared/contract/workbenchContract';
import { readWorkbook } from '../../import/workbookReader';
import { DuckDBEngine } from './DuckDBEngine';

let engine: DuckDBEngine;
let resultId: ResultId;
const folder = mkdtempSync(join(tmpdir(), 'iwb-export-'));
let counter = 0;
const nextId = () => `op_${++counter}` as QueryId;

const columnValues = async (window: { arrow: ResultWindow['arrow'] }, column: string) =>
  Array.from(tableFromIPC(window.arrow).getChild(column)!.toArray() as ArrayLike<unknown>, (value) =>
    typeof value === 'bigint' ? Number(value) : value,
  );

beforeAll(async () => {
  engine = await DuckDBEngine.open({ workspacePath: ':memory:' });
  const result = await engine.run({
    queryId: nextId(),
    windowRows: 0,
    sql: `select * from (values
      (1, '慈溪市', '高新技术产业增加值', 817.5::decimal(10,1), date '2023-12-31'),
      (2, '慈溪市', '高新技术产业投资', 165.3, date '2023-12-31'),
      (3, '市级', '高新技术产业增加值', 392.8, date '2023-12-31'),
      (4, '慈溪市', '技术交易额, "含引号"', 74.4, null),
      (5, null, '政策资金（万元）', 24480.1, date '2023-06-30')
    ) t(id, region, name, value, day)`,
  });
  resultId = result.resultId!;
});
afterAll(() => {
  engine.close();
  rmSync(folder, { recursive: true, force: true });
});

describe('sort and filter pushed down to DuckDB', () => {
  it('sorts by a column, nulls last, and pages through the sorted view', async () => {
    const window = await engine.fetch(resultId, 0, 10, { sort: [{ column: 'value', direction: 'desc' }], filters: [] });
    expect(await columnValues(window, 'id')).toEqual([5, 1, 3, 2, 4]);
    // Chinese text sorts in pinyin order (ci before shi), ties keep the result's order, NULL last.
    const byRegion = await engine.fetch(resultId, 0, 10, { sort: [{ column: 'region', direction: 'asc' }], filters: [] });
    expect(await columnValues(byRegion, 'id')).toEqual([1, 2, 4, 3, 5]);
    const second = await engine.fetch(resultId, 3, 10, { sort: [{ column: 'region', direction: 'asc' }], filters: [] });
    expect(second.totalRows).toBe(5);
    expect(second.offset).toBe(3);
    expect(await columnValues(second, 'id')).toEqual([3, 5]);
  });

  it('filters text by contains (case-insensitive, Chinese) and numbers in their own type', async () => {
    const contains = await engine.fetch(resultId, 0, 10, { sort: [], filters: [{ column: 'name', operator: 'contains', value: '增加值' }] });
    expect(contains.totalRows).toBe(2);
    expect(await columnValues(contains, 'id')).toEqual([1, 3]);
    const between = await engine.fetch(resultId, 0, 10, { sort: [], filters: [{ column: 'value', operator: 'between', value: '100', value2: '400' }] });
    expect(await columnValues(between, 'id')).toEqual([2, 3]);
    const nulls = await engine.fetch(resultId, 0, 10, { sort: [], filters: [{ column: 'day', operator: 'isNull' }] });
    expect(await columnValues(nulls, 'id')).toEqual([4]);
    const notEquals = await engine.fetch(resultId, 0, 10, { sort: [], filters: [{ column: 'region', operator: 'notEquals', value: '慈溪市' }] });
    expect(await columnValues(notEquals, 'id')).toEqual([3, 5]);
  });

  it('treats filter values as data, never as SQL', async () => {
    const window = await engine.fetch(resultId, 0, 10, { sort: [], filters: [{ column: 'name', operator: 'equals', value: "x' OR 1=1 --" }] });
    expect(window.totalRows).toBe(0);
  });

  it('explains a filter value that does not fit the column type, and an unknown column', async () => {
    await expect(engine.fetch(resultId, 0, 10, { sort: [], filters: [{ column: 'value', operator: 'gt', value: '很多' }] })).rejects.toMatchObject({
      kind: 'user',
      code: 'invalid-view',
      message: expect.stringContaining('The filter cannot be applied: Conversion Error'),
    });
    await expect(engine.fetch(resultId, 0, 10, { sort: [{ column: 'nope', direction: 'asc' }], filters: [] })).rejects.toMatchObject({
      code: 'invalid-view',
      message: 'Unknown column "nope" in sort',
    });
  });
});

describe('column summary', () => {
  it('profiles a numeric column with a histogram', async () => {
    const summary = await engine.summarize(resultId, 'value');
    expect(summary).toMatchObject({ column: 'value', type: 'DECIMAL(10,1)', rows: 5, nulls: 0, distinct: 5, min: '74.4', max: '24480.1' });
    expect(summary.mean).toBeCloseTo((817.5 + 165.3 + 392.8 + 74.4 + 24480.1) / 5, 6);
    expect(summary.histogram).toHaveLength(20);
    expect(summary.histogram!.reduce((total, bin) => total + bin.count, 0)).toBe(5);
    expect(summary.histogram![0]!.count).toBe(4);
    expect(summary.histogram![19]!.count).toBe(1);
  });

  it('profiles a text column with its most frequent values, NULL included', async () => {
    const summary = await engine.summarize(resultId, 'region');
    expect(summary).toMatchObject({ rows: 5, nulls: 1, distinct: 2, histogram: null });
    expect(summary.topValues).toEqual([
      { value: '慈溪市', count: 3 },
      { value: '市级', count: 1 },
      { value: null, count: 1 },
    ]);
  });
});

describe('export', () => {
  const target = (name: string, format: 'csv' | 'xlsx' | 'parquet' | 'arrow', encoding: 'utf-8-bom' | 'utf-8' | 'gb18030' = 'utf-8-bom') => ({
    path: join(folder, name),
    format,
    encoding,
    overwrite: false,
  });

  it('writes CSV as UTF-8 with BOM by default, with exact values and quoting', async () => {
    const outcome = await engine.exportResult({ queryId: nextId(), resultId, view: { sort: [], filters: [] }, target: target('out.csv', 'csv') });
    expect(outcome.rows).toBe(5);
    const bytes = readFileSync(outcome.path);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(bytes.subarray(3).toString('utf8').split('\n')).toEqual([
      'id,region,name,value,day',
      '1,慈溪市,高新技术产业增加值,817.5,2023-12-31',
      '2,慈溪市,高新技术产业投资,165.3,2023-12-31',
      '3,市级,高新技术产业增加值,392.8,2023-12-31',
      '4,慈溪市,"技术交易额, ""含引号""",74.4,',
      '5,,政策资金（万元）,24480.1,2023-06-30',
      '',
    ]);
    expect(outcome.bytes).toBe(bytes.byteLength);
  });

  it('writes CSV in GB18030 that decodes back to the same text, and respects sort and filter', async () => {
    const outcome = await engine.exportResult({
      queryId: nextId(),
      resultId,
      view: { sort: [{ column: 'id', direction: 'desc' }], filters: [{ column: 'region', operator: 'equals', value: '慈溪市' }] },
      target: target('out-gb.csv', 'csv', 'gb18030'),
    });
    const bytes = readFileSync(outcome.path);
    expect(bytes.includes(Buffer.from('慈溪市', 'utf8'))).toBe(false);
    const text = new TextDecoder('gb18030').decode(bytes);
    expect(text.split('\n').slice(0, 4)).toEqual([
      'id,region,name,value,day',
      '4,慈溪市,"技术交易额, ""含引号""",74.4,',
      '2,慈溪市,高新技术产业投资,165.3,2023-12-31',
      '1,慈溪市,高新技术产业增加值,817.5,2023-12-31',
    ]);
    expect(iconv.decode(bytes, 'gb18030')).toBe(text);
  });

  it('writes XLSX with typed cells and Chinese text intact', async () => {
    const outcome = await engine.exportResult({ queryId: nextId(), resultId, view: { sort: [], filters: [] }, target: target('out.xlsx', 'xlsx') });
    const sheets = await readXlsxFile(outcome.path);
    const rows = sheets[0]!.data;
    expect(rows[0]).toEqual(['id', 'region', 'name', 'value', 'day']);
    expect(rows[1]!.slice(0, 4)).toEqual([1, '慈溪市', '高新技术产业增加值', 817.5]);
    expect((rows[1]![4] as unknown as Date).toISOString().slice(0, 10)).toBe('2023-12-31');
    expect(rows[4]).toEqual([4, '慈溪市', '技术交易额, "含引号"', 74.4, null]);
    expect(rows[5]!.slice(0, 4)).toEqual([5, null, '政策资金（万元）', 24480.1]);
  });

  it('writes XLSX across several windows with negative decimals and nulls exact', async () => {
    // 60,000 rows: two of the XLSX writer's 50,000-row windows.
    const rows = await engine.run({
      queryId: nextId(),
      windowRows: 0,
      sql: 'select i, case when i % 7 = 0 then null else ((i - 30000) / 8)::DECIMAL(9,3) end as amount, ((i - 30000) * 1.25)::DECIMAL(18,2) as big from range(60000) t(i)',
    });
    const outcome = await engine.exportResult({ queryId: nextId(), resultId: rows.resultId!, view: { sort: [], filters: [] }, target: target('multi.xlsx', 'xlsx') });
    // The app's own streamed reader: read-excel-file overflows its stack on a sheet this long.
    const data = (await readWorkbook(outcome.path, 'multi.xlsx')).sheets[0]!.grid;
    expect(data).toHaveLength(60_001);
    for (const i of [0, 1, 49_999, 50_000, 50_001, 59_999]) {
      expect(data[i + 1]).toEqual([i, i % 7 === 0 ? null : (i - 30000) / 8, (i - 30000) * 1.25]);
    }
    await engine.closeResult(rows.resultId!);
  });

  it('writes Parquet that DuckDB reads back identically', async () => {
    const outcome = await engine.exportResult({ queryId: nextId(), resultId, view: { sort: [], filters: [] }, target: target('out.parquet', 'parquet') });
    const check = await engine.exec(`select count(*) as n, sum(value)::varchar as total, string_agg(name, '|' order by id) as names from read_parquet('${outcome.path}')`);
    expect(check.rows).toEqual([{ n: '5', total: '25930.1', names: '高新技术产业增加值|高新技术产业投资|高新技术产业增加值|技术交易额, "含引号"|政策资金（万元）' }]);
  });

  it('writes one Arrow IPC stream, sorted and filtered as shown, with DECIMAL as Decimal128 and nulls kept', async () => {
    const outcome = await engine.exportResult({
      queryId: nextId(),
      resultId,
      view: { sort: [{ column: 'value', direction: 'asc' }], filters: [{ column: 'region', operator: 'equals', value: '慈溪市' }] },
      target: target('out.arrow', 'arrow'),
    });
    expect(outcome.rows).toBe(3);
    const table = tableFromIPC(readFileSync(outcome.path));
    expect(table.schema.fields.map((field) => field.name)).toEqual(['id', 'region', 'name', 'value', 'day']);
    const value = table.schema.fields[3]!;
    expect((value.type as Decimal).bitWidth).toBe(128);
    expect([0, 1, 2].map((row) => decimalText(table.getChild('value')!.get(row) as Uint32Array, (value.type as Decimal).scale))).toEqual(['74.4', '165.3', '817.5']);
    expect([0, 1, 2].map((row) => table.getChild('name')!.get(row) as string)).toEqual(['技术交易额, "含引号"', '高新技术产业投资', '高新技术产业增加值']);
    expect(table.getChild('day')!.get(0)).toBeNull();
    expect(outcome.bytes).toBe(readFileSync(outcome.path).byteLength);
  });

  // /proc exists, but no file can be created in it: the export fails after the destination checks pass, as on a full or read-only disk.
  it.runIf(process.platform === 'linux').each(['csv', 'xlsx', 'parquet', 'arrow'] as const)(
    'reports a %s file that cannot be written as an error, and the engine keeps working',
    async (format) => {
      // Big enough that reading the rows is still under way when the file fails to open.
      const rows = await engine.run({ queryId: nextId(), windowRows: 0, sql: "select i, 'row ' || i as label from range(500000) t(i)" });
      await expect(
        engine.exportResult({ queryId: nextId(), resultId: rows.resultId!, view: { sort: [], filters: [] }, target: { ...target('x', format), path: `/proc/iwb-cannot-write.${format}` } }),
      ).rejects.toThrow();
      await engine.closeResult(rows.resultId!);
      expect((await engine.run({ queryId: nextId(), windowRows: 1, sql: 'select 42 as answer' })).rowCount).toBe(1);
    },
  );

  it('refuses to overwrite unless asked, and relative paths, without leaving partial files', async () => {
    writeFileSync(join(folder, 'exists.csv'), 'keep me');
    await expect(engine.exportResult({ queryId: nextId(), resultId, view: { sort: [], filters: [] }, target: target('exists.csv', 'csv') })).rejects.toMatchObject({
      code: 'file-exists',
    });
    expect(readFileSync(join(folder, 'exists.csv'), 'utf8')).toBe('keep me');
    await expect(
      engine.exportResult({ queryId: nextId(), resultId, view: { sort: [], filters: [] }, target: { ...target('x.csv', 'csv'), path: 'relative.csv' } }),
    ).rejects.toMatchObject({ code: 'invalid-path' });
    await engine.exportResult({ queryId: nextId(), resultId, view: { sort: [], filters: [] }, target: { ...target('exists.csv', 'csv'), overwrite: true } });
    expect(readFileSync(join(folder, 'exists.csv'), 'utf8')).toContain('慈溪市');
    expect(readdirSync(folder).filter((name) => name.includes('.partial'))).toEqual([]);
  });

  it.each([
    ['CSV in GB18030', 'big.csv', 'csv'],
    ['an Arrow stream', 'big.arrow', 'arrow'],
  ] as const)('can be cancelled while writing %s, leaving no file behind', async (_label, name, format) => {
    const big = await engine.run({ queryId: nextId(), windowRows: 0, sql: "select i, 'row ' || i as label from range(20000000) t(i)" });
    const queryId = nextId();
    let started!: () => void;
    const firstProgress = new Promise<void>((resolve) => (started = resolve));
    const exporting = engine.exportResult({ queryId, resultId: big.resultId!, view: { sort: [], filters: [] }, target: target(name, format, 'gb18030') }, () => started());
    // The first progress report says the export is writing: Cancel then has something to stop.
    await firstProgress;
    expect(engine.interrupt(queryId)).toBe(true);
    await expect(exporting).rejects.toMatchObject({ kind: 'cancelled' });
    expect(readdirSync(folder).filter((name) => name.startsWith('big') || name.includes('.partial'))).toEqual([]);
    await engine.closeResult(big.resultId!);
  });
});

describe('functions for autocomplete', () => {
  it('lists DuckDB functions with signatures and descriptions', async () => {
    const functions = await engine.listFunctions();
    expect(functions.length).toBeGreaterThan(300);
    const round = functions.find((entry) => entry.name === 'round');
    expect(round?.kind).toBe('scalar');
    expect(round?.signatures.some((signature) => signature.startsWith('round('))).toBe(true);
    expect(functions.find((entry) => entry.name === 'read_csv')?.kind).toBe('table');
    expect(functions.some((entry) => entry.name.startsWith('__'))).toBe(false);
  });
});
