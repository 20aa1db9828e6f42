import { describe, expect, it } from 'vitest';
import { tableFromArrays, tableToIPC } from 'apache-arrow';
import type { QueryResult, ResultId, ResultWindow } from '@shared/contract/workbenchContract';
import { FIRST_WINDOW_ROWS } from './resultsSlice';
import { deferred, fakeWorkbenchApi, type FakeHandler } from './testing/fakeWorkbenchApi';
import { createWorkbenchStore } from './workbenchStore';

let resultCounter = 0;

function window(resultId: ResultId, values: number[], totalRows = values.length): ResultWindow {
  return { resultId, offset: 0, rowCount: values.length, totalRows, arrow: tableToIPC(tableFromArrays({ value: Float64Array.from(values) }), 'stream') };
}

function rows(input: Record<string, unknown>, values: number[]): QueryResult {
  const resultId = `r_${++resultCounter}` as ResultId;
  return {
    queryId: input.queryId as QueryResult['queryId'],
    kind: 'rows',
    resultId,
    columns: [{ name: 'value', type: 'DOUBLE' }],
    rowCount: values.length,
    rowsChanged: 0,
    statementCount: 1,
    elapsedMs: 1,
    window: window(resultId, values),
  };
}

function setup(handlers: Record<string, FakeHandler> = {}) {
  const fake = fakeWorkbenchApi({
    'query.run': (input) => rows(input, [1, 2, 3]),
    'result.close': () => ({ closed: true }),
    'schema.list': () => ({ relations: [] }),
    ...handlers,
  });
  const store = createWorkbenchStore(fake.api);
  const methods = () => fake.calls.map((call) => call.method);
  return { store, ...fake, methods };
}

const activeTab = (store: ReturnType<typeof setup>['store']) => store.getState().tabs.find((tab) => tab.id === store.getState().activeTabId)!;

describe('results slice', () => {
  it('runs a query in a new tab with its first window decoded from Arrow', async () => {
    const { store, calls } = setup();
    await store.getState().runQuery('select value', 4);
    const tab = activeTab(store);
    expect(calls[0]).toMatchObject({ method: 'query.run', input: { sql: 'select value', windowRows: FIRST_WINDOW_ROWS } });
    expect(tab).toMatchObject({ status: 'done', sql: 'select value', sourceOffset: 4, viewRows: 3, error: null });
    expect(tab.result?.rowCount).toBe(3);
    expect([...tab.table!.getChild('value')!.toArray()]).toEqual([1, 2, 3]);
  });

  it('reuses the active tab for the next query and releases the result it replaces', async () => {
    const { store, calls } = setup();
    await store.getState().runQuery('select 1');
    const first = activeTab(store).result!.resultId;
    await store.getState().runQuery('select 2');
    expect(store.getState().tabs).toHaveLength(1);
    expect(calls.filter((call) => call.method === 'result.close').map((call) => call.input.resultId)).toEqual([first]);
  });

  it('shows a failed query with its error, and a cancelled one without', async () => {
    const { store } = setup({
      'query.run': (input) => {
        throw input.sql === 'bad' ? { kind: 'user', code: 'sql', message: 'Parser Error' } : { kind: 'cancelled', message: 'Query cancelled' };
      },
    });
    await store.getState().runQuery('bad');
    expect(activeTab(store)).toMatchObject({ status: 'error', error: { kind: 'user', message: 'Parser Error' } });
    await store.getState().runQuery('slow');
    expect(activeTab(store)).toMatchObject({ status: 'cancelled', error: null });
  });

  it('cancels the running query by its id, follows its progress, and runs the next one in a new tab', async () => {
    const pending = deferred<QueryResult>();
    const { store, calls } = setup({ 'query.run': () => pending.promise, 'query.cancel': () => ({ outcome: 'interrupted' }) });
    const running = store.getState().runQuery('select count(*) from range(1e12::bigint)');
    const tab = activeTab(store);
    expect(tab.status).toBe('running');
    store.getState().onProgress(tab.queryId, 42);
    expect(activeTab(store).progress).toBe(42);
    await store.getState().cancelQuery(tab.id);
    expect(calls.find((call) => call.method === 'query.cancel')?.input).toEqual({ queryId: tab.queryId });
    expect(activeTab(store)).toMatchObject({ cancelling: true, cancelOutcome: 'interrupted' });
    void store.getState().runQuery('select 1');
    expect(store.getState().tabs.map((candidate) => candidate.status)).toEqual(['running', 'running']);
    pending.reject({ kind: 'cancelled', message: 'Query cancelled' });
    await running;
    expect(store.getState().tabs[0]).toMatchObject({ status: 'cancelled', cancelling: false });
  });

  it('sorts in the engine and keeps the old view when that fails', async () => {
    const { store, calls } = setup({
      'result.fetch': (input) => {
        if ((input.filters as unknown[]).length > 0) throw { kind: 'user', message: 'bad filter' };
        return window(input.resultId as ResultId, [3, 2, 1], 3);
      },
    });
    await store.getState().runQuery('select value');
    const { id, viewVersion } = activeTab(store);
    await store.getState().setResultView(id, { sort: [{ column: 'value', direction: 'desc' }] });
    expect(calls.at(-1)?.input).toMatchObject({ offset: 0, limit: FIRST_WINDOW_ROWS, sort: [{ column: 'value', direction: 'desc' }] });
    expect([...activeTab(store).table!.getChild('value')!.toArray()]).toEqual([3, 2, 1]);
    expect(activeTab(store).viewVersion).toBe(viewVersion + 1);
    await store.getState().setResultView(id, { filters: [{ column: 'value', op: 'equals', value: 'x' }] as never });
    expect(activeTab(store)).toMatchObject({ sort: [{ column: 'value', direction: 'desc' }], filters: [], viewError: { message: 'bad filter' } });
  });

  it('closing the active tab activates its neighbour and releases its result', async () => {
    const { store, calls } = setup();
    await store.getState().runQuery('select 1');
    store.getState().newTab();
    await store.getState().runQuery('select 2');
    const [first, second] = store.getState().tabs;
    store.getState().closeTab(second!.id);
    expect(store.getState().activeTabId).toBe(first!.id);
    expect(calls.filter((call) => call.method === 'result.close').map((call) => call.input.resultId)).toEqual([second!.result!.resultId]);
  });

  it('exports the tab with its view and reports the outcome', async () => {
    const { store, calls } = setup({ 'result.export': () => ({ path: '/tmp/a.csv', rows: 3, bytes: 10 }) });
    await store.getState().runQuery('select value');
    const tab = activeTab(store);
    await store.getState().exportResult(tab.id, { format: 'csv', encoding: 'utf-8-bom', path: '/tmp/a.csv', overwrite: false });
    expect(calls.at(-1)).toMatchObject({ method: 'result.export', input: { resultId: tab.result!.resultId, sort: [], filters: [], format: 'csv', path: '/tmp/a.csv' } });
    expect(store.getState().exportJob).toMatchObject({ status: 'done', percent: 100, outcome: { path: '/tmp/a.csv' } });
  });
});
