import { describe, expect, it } from 'vitest';
import { tableFromArrays, tableToIPC } from 'apache-arrow';
import type { QueryResult, ResultId, ResultWindow } from '@shared/contract/workbenchContract';
import { CHART_MAX_ROWS } from '@shared/domain/chart/chartRows';
import { currentChartRows } from './resultsSlice';
import { deferred, fakeWorkbenchApi, type FakeHandler } from './testing/fakeWorkbenchApi';
import { createWorkbenchStore } from './workbenchStore';

let resultCounter = 0;

const window = (resultId: ResultId, values: number[], totalRows: number): ResultWindow => ({
  resultId,
  offset: 0,
  rowCount: values.length,
  totalRows,
  arrow: tableToIPC(tableFromArrays({ value: Float64Array.from(values) }), 'stream'),
});

/** A result of `rowCount` rows whose first window holds `first`. */
function result(input: Record<string, unknown>, first: number[], rowCount: number): QueryResult {
  const resultId = `r_${++resultCounter}` as ResultId;
  return { queryId: input.queryId as QueryResult['queryId'], kind: 'rows', resultId, columns: [{ name: 'value', type: 'DOUBLE' }], rowCount, rowsChanged: 0, statementCount: 1, elapsedMs: 1, window: window(resultId, first, rowCount) };
}

function setup(rowCount: number, handlers: Record<string, FakeHandler> = {}) {
  const fake = fakeWorkbenchApi({
    'query.run': (input) => result(input, [1, 2, 3], rowCount),
    'result.close': () => ({ closed: true }),
    'result.fetch': (input) => window(input.resultId as ResultId, Array.from({ length: input.limit as number }, (_unused, index) => index), rowCount),
    ...handlers,
  });
  const store = createWorkbenchStore(fake.api);
  const tab = () => store.getState().tabs.find((candidate) => candidate.id === store.getState().activeTabId)!;
  const fetches = () => fake.calls.filter((call) => call.method === 'result.fetch');
  return { store, tab, fetches };
}

describe('the rows a result tab charts', () => {
  it('are the whole view, fetched once, sorted and filtered as the grid shows it', async () => {
    const { store, tab, fetches } = setup(5000);
    await store.getState().runQuery('select value');
    await store.getState().setResultView(tab().id, { sort: [{ column: 'value', direction: 'desc' }] });
    await store.getState().loadChartRows(tab().id);
    await store.getState().loadChartRows(tab().id);
    const chartFetches = fetches().filter((call) => call.input.limit !== 1000);
    expect(chartFetches.map((call) => call.input)).toEqual([
      { resultId: tab().result!.resultId, offset: 0, limit: 5000, sort: [{ column: 'value', direction: 'desc' }], filters: [] },
    ]);
    expect(currentChartRows(tab())).toMatchObject({ status: 'done' });
    expect(currentChartRows(tab())!.table!.numRows).toBe(5000);
  });

  it(`stop at ${CHART_MAX_ROWS.toLocaleString('en-US')} rows`, async () => {
    const { store, tab, fetches } = setup(3_000_000);
    await store.getState().runQuery('select value');
    await store.getState().loadChartRows(tab().id);
    expect(fetches().at(-1)!.input).toMatchObject({ offset: 0, limit: CHART_MAX_ROWS });
    expect(currentChartRows(tab())!.table!.numRows).toBe(CHART_MAX_ROWS);
  });

  it('are the first window itself when it holds the whole view (no fetch)', async () => {
    const { store, tab, fetches } = setup(3);
    await store.getState().runQuery('select value');
    await store.getState().loadChartRows(tab().id);
    expect(fetches()).toEqual([]);
    expect(currentChartRows(tab())).toMatchObject({ status: 'done', table: tab().table });
  });

  it('are not taken from a view the planner has left meanwhile', async () => {
    const slow = deferred<ResultWindow>();
    const { store, tab } = setup(5000, {
      'result.fetch': (input) => (input.limit === 5000 && (input.sort as unknown[]).length === 0 ? slow.promise : window(input.resultId as ResultId, [9, 8, 7], 5000)),
    });
    await store.getState().runQuery('select value');
    const unsorted = store.getState().loadChartRows(tab().id);
    expect(currentChartRows(tab())).toMatchObject({ status: 'loading' });
    await store.getState().setResultView(tab().id, { sort: [{ column: 'value', direction: 'desc' }] });
    await store.getState().loadChartRows(tab().id);
    // The unsorted rows arrive after the sorted view's: the sorted ones stay.
    slow.resolve(window(tab().result!.resultId!, [1, 2, 3], 5000));
    await unsorted;
    expect([...currentChartRows(tab())!.table!.getChild('value')!.toArray()]).toEqual([9, 8, 7]);
  });

  it('are not those of a view change that failed', async () => {
    const { store, tab, fetches } = setup(5000, {
      'result.fetch': (input) => {
        if ((input.filters as unknown[]).length > 0) throw { kind: 'user', code: 'filter', message: 'bad filter' };
        return window(input.resultId as ResultId, [1, 2, 3], 5000);
      },
    });
    await store.getState().runQuery('select value');
    // The chart asks for rows while the view change is still pending (its filters set, its version not yet moved).
    const changing = store.getState().setResultView(tab().id, { filters: [{ column: 'value', op: 'equals', value: 'x' }] as never });
    await store.getState().loadChartRows(tab().id);
    await changing;
    expect(tab().viewError).toMatchObject({ message: 'bad filter' });
    // The failed view's error is not the chart's: it loads the rows of the view that stayed.
    expect(currentChartRows(tab())).toBeNull();
    await store.getState().loadChartRows(tab().id);
    expect(currentChartRows(tab())).toMatchObject({ status: 'done', filters: [] });
    expect(fetches().at(-1)!.input).toMatchObject({ limit: 5000, filters: [] });
  });

  it('say why when they cannot be read, and the chart keeps the first rows', async () => {
    const { store, tab } = setup(5000, {
      'result.fetch': () => {
        throw { kind: 'user', code: 'result-expired', message: '结果已过期' };
      },
    });
    await store.getState().runQuery('select value');
    await store.getState().loadChartRows(tab().id);
    expect(currentChartRows(tab())).toMatchObject({ status: 'error', table: null, error: { code: 'result-expired' } });
    expect(tab().table!.numRows).toBe(3);
  });

  it('wait for a streamed result to be complete', async () => {
    const { store, tab, fetches } = setup(5000, { 'query.run': (input) => ({ ...result(input, [1, 2, 3], 3000), pending: true }) });
    await store.getState().runQuery('select value');
    expect(tab().streaming).toBe(true);
    await store.getState().loadChartRows(tab().id);
    expect(fetches()).toEqual([]);
    expect(currentChartRows(tab())).toBeNull();
  });
});
