import { describe, expect, it } from 'vitest';
import { tableFromArrays, tableToIPC } from 'apache-arrow';
import type { QueryResult, ResultId } from '@shared/contract/workbenchContract';
import type { CallOutcome } from '@shared/contract/WorkbenchError';
import { createWorkbenchClient } from '../api/createWorkbenchClient';
import { createWorkbenchStore } from './workbenchStore';

const resultId = 'r_1' as ResultId;
const arrow = tableToIPC(tableFromArrays({ n: Int32Array.from([0, 1, 2]) }), 'stream');

function early(queryId: string): QueryResult {
  return {
    queryId: queryId as QueryResult['queryId'],
    kind: 'rows',
    resultId,
    columns: [{ name: 'n', type: 'INTEGER' }],
    rowCount: 4096,
    rowsChanged: 0,
    statementCount: 0,
    elapsedMs: 5,
    window: { resultId, offset: 0, rowCount: 3, totalRows: 4096, arrow },
    pending: true,
  };
}

const complete = (queryId: string): CallOutcome<QueryResult> => ({
  ok: true,
  value: { ...early(queryId), rowCount: 1_000_000, statementCount: 1, elapsedMs: 900, window: null, pending: false },
});

/** A store over a transport that answers `query.run` with a streamed (pending) result; `beforeAnswer` runs first. */
function setup(beforeAnswer: (queryId: string) => void = () => undefined) {
  const calls: string[] = [];
  const api = createWorkbenchClient({
    kind: 'browser',
    async call(method, input): Promise<CallOutcome<unknown>> {
      calls.push(method);
      const { queryId } = input as { queryId: string };
      if (method === 'query.run') {
        beforeAnswer(queryId);
        return { ok: true, value: early(queryId) };
      }
      if (method === 'result.fetch') return { ok: true, value: { resultId, offset: 0, rowCount: 3, totalRows: 10, arrow } };
      if (method === 'schema.list') return { ok: true, value: { relations: [] } };
      return { ok: false, error: { kind: 'bug', message: `unexpected call ${method}` } };
    },
    subscribe: () => () => undefined,
  });
  const store = createWorkbenchStore(api);
  return { store, calls, tab: () => store.getState().tabs[0]! };
}

describe('results slice: streamed results', () => {
  it('shows the first rows while running, the count only growing, then the final count', async () => {
    const { store, tab } = setup();
    await store.getState().runQuery('select 1');
    expect(tab()).toMatchObject({ status: 'running', streaming: true, viewRows: 3 });
    expect(tab().result!.rowCount).toBe(4096);
    expect(tab().table!.numRows).toBe(3);
    store.getState().onRowsStreamed(tab().queryId, 200_000);
    store.getState().onRowsStreamed(tab().queryId, 100_000);
    expect(tab().result!.rowCount).toBe(200_000);
    store.getState().onQueryFinished(tab().queryId, complete(tab().queryId));
    expect(tab()).toMatchObject({ status: 'done', streaming: false, viewRows: 1_000_000 });
    expect(tab().result!.rowCount).toBe(1_000_000);
    expect(tab().table!.numRows).toBe(3);
  });

  it('applies a completion that overtakes the early answer', async () => {
    const { store, tab } = setup((queryId) => store.getState().onQueryFinished(queryId as QueryResult['queryId'], complete(queryId)));
    await store.getState().runQuery('select 1');
    expect(tab()).toMatchObject({ status: 'done', streaming: false });
    expect(tab().result!.rowCount).toBe(1_000_000);
  });

  it('holds sorting back until the result is complete, and clears a failed stream', async () => {
    const { store, calls, tab } = setup();
    await store.getState().runQuery('select 1');
    await store.getState().setResultView(tab().id, { sort: [{ column: 'n', direction: 'desc' }] });
    expect(calls).not.toContain('result.fetch');
    store.getState().onQueryFinished(tab().queryId, complete(tab().queryId));
    await store.getState().setResultView(tab().id, { sort: [{ column: 'n', direction: 'desc' }] });
    expect(calls).toContain('result.fetch');

    await store.getState().runQuery('select 2');
    store.getState().onQueryFinished(tab().queryId, { ok: false, error: { kind: 'cancelled', code: 'cancelled', message: 'Query cancelled' } });
    expect(tab()).toMatchObject({ status: 'cancelled', streaming: false, result: null, table: null, error: null });
  });
});
