import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tableFromIPC } from 'apache-arrow';
import type { QueryId, QueryResult } from '@shared/contract/workbenchContract';
import { WorkbenchError } from '@shared/contract/WorkbenchError';
import type { StreamReport } from '../engineProtocol';
import { DuckDBEngine } from './DuckDBEngine';

let engine: DuckDBEngine;
let counter = 0;
const nextId = () => `s_${++counter}` as QueryId;

beforeAll(async () => {
  engine = await DuckDBEngine.open({ workspacePath: ':memory:' });
});
afterAll(() => engine.close());

/** Runs `sql` streamed; every report is recorded with whether the run had already finished when it came. */
async function runStreamed(sql: string, windowRows: number, onReport?: (report: StreamReport, queryId: QueryId) => void) {
  const queryId = nextId();
  const reports: { report: StreamReport; afterCompletion: boolean }[] = [];
  let finished = false;
  const result = await engine
    .run({ queryId, sql, windowRows, stream: true }, undefined, (report) => {
      reports.push({ report, afterCompletion: finished });
      onReport?.(report, queryId);
    })
    .finally(() => {
      finished = true;
    });
  return { result, reports };
}

const keptTables = async () =>
  Number((await engine.exec(`SELECT count(*) AS n FROM duckdb_tables() WHERE database_name = 'iwb_results'`)).rows[0]!.n);

describe('streamed query results', () => {
  it('reports the first window before the query completes, then the final count in the reply', async () => {
    const { result, reports } = await runStreamed('SELECT i, i * 2 AS twice FROM range(3000000) t(i)', 1000);
    const first = reports[0]!;
    expect(first.afterCompletion).toBe(false);
    expect(first.report.window).not.toBeNull();
    expect(first.report.window!.rowCount).toBe(1000);
    expect(first.report.columns).toEqual([
      { name: 'i', type: 'BIGINT' },
      { name: 'twice', type: 'BIGINT' },
    ]);
    expect(first.report.rowsSoFar).toBeLessThan(3_000_000);
    const table = tableFromIPC(first.report.window!.arrow);
    expect(table.numRows).toBe(1000);
    expect(Number(table.getChild('twice')!.get(999))).toBe(1998);
    // The window crossed with the first report; the reply carries the complete count only.
    expect(result.rowCount).toBe(3_000_000);
    expect(result.window).toBeNull();
    expect(result.resultId).toBe(first.report.resultId);
  });

  it('shows a count that only grows and never passes the final total', async () => {
    const { result, reports } = await runStreamed('SELECT i FROM range(6000000) t(i)', 500);
    const counts = reports.map(({ report }) => report.rowsSoFar);
    expect(counts.length).toBeGreaterThan(0);
    for (let index = 1; index < counts.length; index++) expect(counts[index]!).toBeGreaterThanOrEqual(counts[index - 1]!);
    expect(Math.max(...counts)).toBeLessThanOrEqual(result.rowCount);
    expect(reports.every(({ afterCompletion }) => !afterCompletion)).toBe(true);
    expect(reports.slice(1).every(({ report }) => report.window === null)).toBe(true);
    const whole = await engine.fetch(result.resultId!, 0, 10);
    expect(whole.totalRows).toBe(6_000_000);
  });

  it('keeps exactly the rows the user saw for random(): one execution, not two', async () => {
    const { result, reports } = await runStreamed('SELECT i, random() AS r FROM range(200000) t(i)', 5000);
    const streamed = tableFromIPC(reports[0]!.report.window!.arrow);
    const kept = tableFromIPC((await engine.fetch(result.resultId!, 0, 5000)).arrow);
    expect(kept.numRows).toBe(5000);
    expect(streamed.getChild('r')!.toArray()).toEqual(kept.getChild('r')!.toArray());
    // And the whole kept table is one run: its ids are 0..n-1 once each.
    const check = await engine.exec(`SELECT count(*) AS n, count(DISTINCT i) AS d, min(i) AS lo, max(i) AS hi FROM iwb_results."${result.resultId}"`);
    expect(check.rows[0]).toEqual({ n: '200000', d: '200000', lo: '0', hi: '199999' });
  });

  it('returns the window with the reply when the result fits in it (no report needed)', async () => {
    const { result, reports } = await runStreamed('SELECT now() AS t, 7 AS seven', 100);
    expect(reports).toEqual([]);
    expect(result.rowCount).toBe(1);
    expect(tableFromIPC(result.window!.arrow).getChild('seven')!.get(0)).toBe(7);
  });

  it('delivers a whole result as one Arrow window from the same chunks it keeps', async () => {
    const result = await engine.run({ queryId: nextId(), sql: 'SELECT i, i::VARCHAR AS s FROM range(300000) t(i)', windowRows: 1_000_000 });
    const table = tableFromIPC(result.window!.arrow);
    expect(table.numRows).toBe(300_000);
    expect(table.getChild('s')!.get(299_999)).toBe('299999');
    expect(result.rowCount).toBe(300_000);
  });

  it('can be cancelled mid-stream: the partial table is dropped and the engine runs the next query', async () => {
    const before = await keptTables();
    let outcome: QueryResult | WorkbenchError;
    try {
      outcome = (
        await runStreamed('SELECT i, i % 7 AS r FROM range(200000000) t(i)', 100, (_report, queryId) => {
          engine.interrupt(queryId);
        })
      ).result;
    } catch (error) {
      outcome = error as WorkbenchError;
    }
    expect(outcome).toBeInstanceOf(WorkbenchError);
    expect((outcome as WorkbenchError).kind).toBe('cancelled');
    expect(await keptTables()).toBe(before);
    const next = await engine.run({ queryId: nextId(), sql: 'SELECT 41 + 1 AS answer', windowRows: 10 });
    expect(tableFromIPC(next.window!.arrow).getChild('answer')!.get(0)).toBe(42);
  });

  it('reports a runtime error of the stream as the SQL error it is, and keeps nothing', async () => {
    const before = await keptTables();
    const error = await engine
      .run({ queryId: nextId(), sql: "SELECT CASE WHEN i = 150000 THEN error('bad row') ELSE i END AS v FROM range(300000) t(i)", windowRows: 100, stream: true })
      .then(
        () => null,
        (caught: unknown) => caught as WorkbenchError,
      );
    expect(error?.kind).toBe('user');
    expect(error?.message).toContain('bad row');
    expect(await keptTables()).toBe(before);
  });
});
