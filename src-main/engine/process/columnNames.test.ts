import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tableFromIPC } from 'apache-arrow';
import type { QueryId } from '@shared/contract/workbenchContract';
import { quoteIdentifier, uniqueColumnNames } from '@shared/domain/sqlIdentifier';
import { DuckDBEngine } from './DuckDBEngine';
import { useScratchConnection } from './scratchConnection';

/**
 * One rule for the names of a kept result's columns: DuckDB's CREATE TABLE
 * AS rule. Streamed results (the SQL console's grid) used node-api's
 * `deduplicatedColumnNames` before, which named `a, a` as `a, a:1` and could
 * not keep `SELECT 1 AS a, 2 AS A` at all (DuckDB refuses two columns that
 * differ only in case).
 */
const LISTS = [
  ['a', 'a', 'a_1', 'A', 'a:1', 'b', 'B'],
  ['id', 'ID', 'Id', 'id_1', 'ID_1'],
  ['x', 'x', 'x', 'x_2', 'x'],
  ['年份', '年份', '年份_1', 'Ä', 'ä'],
  ['v_1', 'v', 'v', 'V'],
];

describe("uniqueColumnNames is DuckDB's CREATE TABLE AS rule", () => {
  const connection = useScratchConnection();

  it.each(LISTS.map((names) => [names.join(', '), names]))('names %s as DuckDB does', async (_label, names) => {
    const select = names.map((name, index) => `${index} AS ${quoteIdentifier(name)}`).join(', ');
    await connection().run(`CREATE OR REPLACE TABLE t AS SELECT ${select}`);
    const kept = (await connection().run('SELECT * FROM t')).columnNames();
    expect(uniqueColumnNames(names)).toEqual(kept);
  });
});

describe('a kept result names its columns alike, streamed or not', () => {
  let engine: DuckDBEngine;
  let counter = 0;
  beforeAll(async () => {
    engine = await DuckDBEngine.open({ workspacePath: ':memory:' });
  });
  afterAll(() => engine.close());

  // More rows than the window, so the streamed run really streams (its first window comes before the end).
  const sql = `SELECT i AS a, i + 1 AS A, i + 2 AS "a:1", i + 3 AS a FROM range(5000) t(i)`;

  it('keeps columns that differ only in case, and names them as CREATE TABLE AS does', async () => {
    const names: string[][] = [];
    for (const stream of [true, false]) {
      const result = await engine.run({ queryId: `n_${++counter}` as QueryId, sql, windowRows: 100, stream }, undefined, () => undefined);
      names.push(result.columns.map((column) => column.name));
      const window = await engine.fetch(result.resultId!, 4990, 10);
      const table = tableFromIPC(window.arrow);
      expect(table.schema.fields.map((field) => field.name)).toEqual(names.at(-1));
      expect(Number(table.getChild('A_1')!.get(9))).toBe(5000);
    }
    expect(names[0]).toEqual(['a', 'A_1', 'a:1', 'a_2']);
    expect(names[1]).toEqual(names[0]);
  });
});
