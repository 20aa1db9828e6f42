import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tableFromIPC, type Decimal } from 'apache-arrow';
import type { QueryId, ResultId } from '@shared/contract/workbenchContract';
import { WorkbenchError } from '@shared/contract/WorkbenchError';
import { cellPlainText, decimalText } from '@shared/domain/arrowCells';
import { DuckDBEngine } from './DuckDBEngine';

let engine: DuckDBEngine;
let counter = 0;
const run = (sql: string, windowRows = 100) => engine.run({ queryId: `t_${++counter}` as QueryId, sql, windowRows });

async function runError(sql: string): Promise<WorkbenchError> {
  try {
    await run(sql);
  } catch (error) {
    expect(error).toBeInstanceOf(WorkbenchError);
    return error as WorkbenchError;
  }
  throw new Error(`expected "${sql}" to fail`);
}

beforeAll(async () => {
  engine = await DuckDBEngine.open({ workspacePath: ':memory:' });
});
afterAll(() => engine.close());

describe('DuckDBEngine.run', () => {
  it('returns rows as Arrow with names, DuckDB types, row count and elapsed time', async () => {
    const result = await run('select 42 as answer');
    expect(result.kind).toBe('rows');
    expect(result.columns).toEqual([{ name: 'answer', type: 'INTEGER' }]);
    expect(result.rowCount).toBe(1);
    expect(Number.isFinite(result.elapsedMs)).toBe(true);
    const table = tableFromIPC(result.window!.arrow);
    expect(table.getChild('answer')?.get(0)).toBe(42);
  });

  it('round-trips NULLs, DECIMAL, DATE, BIGINT and Chinese VARCHAR through Arrow', async () => {
    const result = await run(`
      select * from (values
        (1, 12345.678::decimal(18,3), -0.5::decimal(4,1), date '2024-03-01', 9007199254740993::bigint, '高新技术产业增加值（亿元）', 123456789012345678901234567890.12::decimal(38,2)),
        (2, null, null, null, null, null, null),
        (3, -0.001::decimal(18,3), 999.9::decimal(4,1), date '1999-12-31', -1::bigint, '𠀀四字节字符', -0.01::decimal(38,2))
      ) t(id, amount, small, day, big, name, huge) order by id`);
    const table = tableFromIPC(result.window!.arrow);
    expect(table.numRows).toBe(3);
    const text = (column: string, row: number) => {
      const field = table.schema.fields.find((candidate) => candidate.name === column)!;
      return cellPlainText(table.getChild(column)!.get(row), field, 'NULL');
    };
    expect([text('amount', 0), text('small', 0), text('day', 0), text('big', 0), text('name', 0), text('huge', 0)]).toEqual([
      '12345.678',
      '-0.5',
      '2024-03-01',
      '9007199254740993',
      '高新技术产业增加值（亿元）',
      '123456789012345678901234567890.12',
    ]);
    expect([text('amount', 1), text('small', 1), text('day', 1), text('big', 1), text('name', 1), text('huge', 1)]).toEqual(
      Array(6).fill('NULL'),
    );
    expect([text('amount', 2), text('small', 2), text('day', 2), text('big', 2), text('name', 2), text('huge', 2)]).toEqual([
      '-0.001',
      '999.9',
      '1999-12-31',
      '-1',
      '𠀀四字节字符',
      '-0.01',
    ]);
    expect(result.columns.map((column) => column.type)).toEqual([
      'INTEGER',
      'DECIMAL(18,3)',
      'DECIMAL(4,1)',
      'DATE',
      'BIGINT',
      'VARCHAR',
      'DECIMAL(38,2)',
    ]);
    // DECIMAL(p <= 18) travel as 64-bit decimals (half the bytes), wider ones as 128-bit.
    expect(['amount', 'small', 'huge'].map((column) => (table.schema.fields.find((field) => field.name === column)!.type as Decimal).bitWidth)).toEqual([64, 64, 128]);
    expect(table.getChild('amount')!.nullCount).toBe(1);
    expect(decimalText(table.getChild('amount')!.get(0), 3)).toBe('12345.678');
  });

  it('keeps long strings (stored by pointer in DuckDB) and validity across many chunks', async () => {
    const result = await run(
      `select i, case when i % 3 = 0 then null else repeat('长', (i % 20)::int) || i end as s from range(5000) t(i) order by i`,
      5000,
    );
    const table = tableFromIPC(result.window!.arrow);
    expect(table.numRows).toBe(5000);
    const strings = table.getChild('s')!;
    for (const i of [0, 1, 2, 13, 2047, 2048, 2049, 4095, 4999]) {
      expect(strings.get(i)).toBe(i % 3 === 0 ? null : '长'.repeat(i % 20) + i);
    }
    expect(strings.nullCount).toBe(Math.ceil(5000 / 3));
  });

  it('reports a SQL error with DuckDB message and the position in the submitted text', async () => {
    const error = await runError('select 1;\nselect nosuch from range(3)');
    expect(error.kind).toBe('user');
    expect(error.code).toBe('sql');
    expect(error.message).toBe('Binder Error: Referenced column "nosuch" not found in FROM clause!');
    expect(error.position).toEqual({ offset: 17, line: 2, column: 8 });
    // DuckDB's quote of the line numbers it within its statement; the detail says the script's line, as the position does.
    const later = await runError('select 1;\n\nselect\n  nosuch\nfrom range(3)');
    expect(later.position).toMatchObject({ line: 4, column: 3 });
    expect(later.detail).toContain('\nLINE 4:   nosuch\n          ^');
    expect(later.detail).not.toMatch(/LINE [12]:/);
  });

  it('maps errors raised while the result is being built to the user statement', async () => {
    const error = await runError("select 1 as a;\nselect cast('x' || a as int) from (select 1 as a)");
    expect(error.message).toBe("Conversion Error: Could not convert string 'x1' to INT32");
    expect(error.position?.line).toBe(2);
  });

  it('runs statements that return no rows and counts changed rows', async () => {
    const created = await run('create temp table changes_t as select * from range(10)');
    expect(created.kind).not.toBe('rows');
    const deleted = await run('delete from changes_t where range < 4');
    expect(deleted.kind).toBe('changes');
    expect(deleted.rowsChanged).toBe(4);
    const counted = await run('select count(*) as n from changes_t');
    expect(Number(tableFromIPC(counted.window!.arrow).getChild('n')!.get(0))).toBe(6);
  });

  it('keeps SHOW, DESCRIBE and PRAGMA results, which CREATE TABLE AS cannot wrap', async () => {
    await run('create temp table shown as select 1 as x');
    for (const sql of ['show tables', 'describe shown', 'pragma version', 'summarize shown']) {
      const result = await run(sql);
      expect(result.kind, sql).toBe('rows');
      expect(result.rowCount, sql).toBeGreaterThan(0);
    }
  });

  it('keeps a run that is not streamed with one execution: the window shows what was kept', async () => {
    const result = await run('select i, random() as r from range(5000) t(i)', 5000);
    const shown = tableFromIPC(result.window!.arrow).getChild('r')!.toArray() as Float64Array;
    const kept = tableFromIPC((await engine.fetch(result.resultId!, 0, 5000)).arrow).getChild('r')!.toArray() as Float64Array;
    expect(Array.from(kept)).toEqual(Array.from(shown));
  });

  it('reports a syntax error at its own position, not inside the CREATE TABLE AS it is kept with', async () => {
    const error = await runError('select 1;\nselect 1 frm range(3) where');
    expect(error.message).toMatch(/^Parser Error: syntax error/);
    expect(error.position?.line).toBe(2);
  });

  it('keeps the order of ORDER BY and serves any window of the result', async () => {
    const result = await run('select i from range(100000) t(i) order by i desc', 10);
    expect(result.rowCount).toBe(100000);
    const window = await engine.fetch(result.resultId!, 99_990, 50);
    expect(window.rowCount).toBe(10);
    expect(window.totalRows).toBe(100000);
    const values = Array.from(tableFromIPC(window.arrow).getChild('i')!.toArray() as BigInt64Array, Number);
    expect(values).toEqual([9, 8, 7, 6, 5, 4, 3, 2, 1, 0]);
  });

  it('serves windows spanning many row groups in order (rowid ranges stay ordered under parallel scans)', async () => {
    const result = await run('select i from range(1000000) t(i) order by i desc', 0);
    const window = await engine.fetch(result.resultId!, 400_000, 300_000);
    const values = tableFromIPC(window.arrow).getChild('i')!.toArray() as BigInt64Array;
    expect(values.length).toBe(300_000);
    let ordered = true;
    for (let index = 0; index < values.length; index++) if (Number(values[index]) !== 599_999 - index) ordered = false;
    expect(ordered).toBe(true);
  });

  it('refuses an empty query and a closed result with clear errors', async () => {
    const empty = await runError('  -- nothing here\n ; ');
    expect(empty.code).toBe('empty-query');
    const result = await run('select 1');
    expect(await engine.closeResult(result.resultId!)).toBe(true);
    await expect(engine.fetch(result.resultId!, 0, 10)).rejects.toMatchObject({ code: 'result-expired' });
    await expect(engine.fetch('r_nope_1' as ResultId, 0, 10)).rejects.toMatchObject({ code: 'result-expired' });
  });

  it('interrupts the running query by id, and only that id', async () => {
    const queryId = `t_${++counter}` as QueryId;
    // The first progress report says DuckDB is running it: interrupting before would find nothing to stop.
    let reportStarted!: () => void;
    const started = new Promise<void>((resolve) => (reportStarted = resolve));
    const running = engine.run({ queryId, sql: 'select count(*) from range(1e12::bigint)', windowRows: 100 }, () => reportStarted());
    await started;
    expect(engine.interrupt('someone_else' as QueryId)).toBe(false);
    expect(engine.interrupt(queryId)).toBe(true);
    await expect(running).rejects.toMatchObject({ kind: 'cancelled' });
    // The session connection is usable again afterwards.
    expect((await run('select 1 as ok')).rowCount).toBe(1);
  });

  it('reports progress while a long scan runs', async () => {
    await engine.exec('create or replace table progress_t as select i, md5(i::varchar) as h from range(400000) t(i)');
    const reports: (number | null)[] = [];
    await engine.run(
      { queryId: 'progress_q' as QueryId, sql: "select count(*) from progress_t where regexp_replace(repeat(h, 4), '[a-f]', 'x', 'g') like '%x1x%'", windowRows: 1 },
      (report) => reports.push(report.percent),
    );
    const numeric = reports.filter((percent): percent is number => percent !== null);
    expect(numeric.length).toBeGreaterThan(0);
    expect(numeric.every((percent) => percent >= 0 && percent <= 100)).toBe(true);
    await engine.exec('drop table progress_t');
  });

  it('lists tables and views with columns and exact row counts, hiding result tables', async () => {
    await engine.exec('create table 指标 (代码 varchar, 数值 double); insert into 指标 values (?, ?)'.replace('?, ?', "'a', 1.5"));
    await engine.exec('create view 指标视图 as select * from 指标');
    const relations = await engine.listSchema();
    const table = relations.find((relation) => relation.name === '指标');
    expect(table).toMatchObject({ schema: 'main', kind: 'table', rowCount: 1 });
    expect(table?.columns).toEqual([
      { name: '代码', type: 'VARCHAR', nullable: true },
      { name: '数值', type: 'DOUBLE', nullable: true },
    ]);
    expect(relations.find((relation) => relation.name === '指标视图')).toMatchObject({ kind: 'view', rowCount: null });
    expect(relations.some((relation) => relation.name.startsWith('r_'))).toBe(false);
  });
});
