import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { QueryId } from '@shared/contract/workbenchContract';
import { localizedMessage } from '@shared/contract/errorTexts';
import type { WorkbenchError } from '@shared/contract/WorkbenchError';
import { DuckDBEngine } from './DuckDBEngine';

let engine: DuckDBEngine;
let counter = 0;

/** What the window says for `sql`'s error, from DuckDB's real message (so a DuckDB upgrade that rewords one shows here). */
async function explained(sql: string): Promise<{ zh: string | null; en: string | null; detail: string | undefined }> {
  try {
    await engine.run({ queryId: `e_${++counter}` as QueryId, sql, windowRows: 10 });
  } catch (error) {
    const envelope = (error as WorkbenchError).toEnvelope();
    expect(envelope).toMatchObject({ kind: 'user', code: 'sql' });
    return { zh: localizedMessage(envelope, 'zh'), en: localizedMessage(envelope, 'en'), detail: envelope.detail };
  }
  throw new Error(`expected "${sql}" to fail`);
}

beforeAll(async () => {
  engine = await DuckDBEngine.open({ workspacePath: ':memory:' });
  await engine.run({ queryId: 'setup' as QueryId, sql: 'create table observations(year int, value double, indicator_code varchar)', windowRows: 1 });
});
afterAll(() => engine.close());

describe('DuckDB errors a planner meets, explained in both languages', () => {
  it('a misspelt column, table or function, with DuckDB’s suggestion (never one of its own catalog tables)', async () => {
    expect(await explained('select yearz from observations')).toMatchObject({ zh: '这里没有“yearz”列。相近的列：year、indicator_code。', en: 'There is no column "yearz" here. Closest columns: year, indicator_code.' });
    expect(await explained('select * from observationz')).toMatchObject({ zh: '没有名为“observationz”的表或视图。是否想写“observations”？', en: 'There is no table or view named "observationz". Did you mean "observations"?' });
    expect(await explained('select * from nosuchtable')).toMatchObject({ zh: '没有名为“nosuchtable”的表或视图。', en: 'There is no table or view named "nosuchtable".' });
    expect(await explained("select lenx('a')")).toMatchObject({ zh: '没有名为“lenx”的函数。是否想写“len”？' });
    // A table function is a function, not a table; a quoted name with a space is one name; a column through an alias.
    expect(await explained("select * from read_csvx('a.csv')")).toMatchObject({ zh: '没有名为“read_csvx”的函数。是否想写“read_csv”？' });
    expect(await explained('select * from "主要 指表"')).toMatchObject({ zh: '没有名为“主要 指表”的表或视图。' });
    expect(await explained('select o.yearz from observations o')).toMatchObject({ zh: '表“o”中没有“yearz”列。相近的列：year。', en: 'The table "o" has no column "yearz". Closest columns: year.' });
  });

  it('grouping, ambiguity and arguments', async () => {
    expect((await explained('select sum(value), year from observations')).zh).toBe('“year”列要么写进 GROUP BY，要么放进 SUM(…)、ANY_VALUE(…) 等聚合函数。');
    expect((await explained('select value from observations o join observations p using (year)')).zh).toBe('“value”列在多张表中都有，请写明是哪一张的：o.value 或 p.value。');
    expect((await explained('select substr(1, 2, 3, 4)')).zh).toBe('函数 substr 不接受这样的参数（类型或个数不对）；请检查参数，或用 CAST(… AS 类型) 转换。');
  });

  it('syntax slips, values that are not numbers or dates, a missing file; DuckDB’s own text stays the detail', async () => {
    const syntax = await explained('SELEC 1');
    expect(syntax).toMatchObject({ zh: '语法错误：在“SELEC”附近。', en: 'Syntax error near "SELEC".' });
    expect(syntax.detail).toContain('Parser Error: syntax error at or near "SELEC"');
    expect((await explained('select 1 +')).zh).toBe('语法错误：语句没有写完就结束了。');
    expect((await explained("select 'abc'::int")).zh).toBe('值“abc”不能转换为 INTEGER。');
    expect((await explained("select cast('2024-02-30' as date)")).zh).toBe('没有这个日期：“2024-02-30”（月或日超出范围）。');
    expect((await explained("select * from read_csv('/nonexistent/企业.csv')")).zh).toBe('找不到与“/nonexistent/企业.csv”匹配的文件。');
  });

  it('anything else keeps DuckDB’s words (no explanation)', async () => {
    expect(await explained('select 1 union select 1, 2')).toMatchObject({ zh: null, en: null });
  });
});
