import { afterEach, describe, expect, it, vi } from 'vitest';
import { tableFromArrays, tableToIPC } from 'apache-arrow';
import type { NotebookHandle, OpenedNotebook } from '@shared/contract/services/notebookContract';
import type { QueryResult, ResultId } from '@shared/contract/workbenchContract';
import type { NotebookCell, NotebookDocument, SqlCell } from '@shared/domain/notebook/NotebookDocument';
import { parseNotebook } from '@shared/domain/notebook/notebookText';
import { SLICE_TEST_NOTEBOOK } from '@shared/domain/notebook/testing/sliceTestNotebook';
import { CHART_MAX_ROWS } from '@shared/domain/chart/chartRows';
import { AUTOSAVE_DELAY_MS, CELL_WINDOW_ROWS } from './notebookSlice';
import { fakeWorkbenchApi, type FakeHandler } from './testing/fakeWorkbenchApi';
import { createWorkbenchStore } from './workbenchStore';

const TEXT = SLICE_TEST_NOTEBOOK;

type Handler = FakeHandler;

/** A store over a fake main side that records every call. */
function setup(options: { trusted: boolean; runCell?: Handler; text?: string }) {
  const { document } = parseNotebook(options.text ?? TEXT);
  const opened: OpenedNotebook = {
    handle: 'nb_test' as NotebookHandle,
    path: '/w/notebooks/a.iwb.md',
    name: 'a.iwb.md',
    origin: 'file',
    readOnly: false,
    document,
    cellLines: [5, 10, 14, 18],
    problems: [],
    migratedFrom: null,
    migrations: [],
    trusted: options.trusted,
    trustReason: options.trusted ? 'signature' : null,
    allowedFolders: options.trusted ? null : ['/w/notebooks/'],
    recovery: null,
    dirty: false,
  };
  const runCell: Handler =
    options.runCell ??
    ((input) => {
      const cell = input.cell as SqlCell;
      const arrow = tableToIPC(tableFromArrays({ name: [cell.name ?? ''] }), 'stream');
      const result: QueryResult = {
        queryId: input.queryId as QueryResult['queryId'],
        kind: 'rows',
        resultId: `r_${calls.length}` as ResultId,
        columns: [{ name: 'name', type: 'VARCHAR' }],
        rowCount: 1,
        rowsChanged: 0,
        statementCount: 1,
        elapsedMs: 1,
        window: { resultId: `r_${calls.length}` as ResultId, offset: 0, rowCount: 1, totalRows: 1, arrow },
      };
      return result;
    });
  const handlers: Record<string, Handler> = {
    'notebook.open': () => opened,
    'notebook.runCell': runCell,
    'notebook.resetSession': () => ({ reset: true }),
    'notebook.autosave': (input) => ({ recoveryId: 'f1', path: opened.path, title: (input.document as NotebookDocument).title, savedAt: 1 }),
    'notebook.list': () => ({ notebooksFolder: '/w/notebooks', workspace: [], samples: [], recent: [], recoveries: [] }),
    'notebook.close': () => ({ closed: true }),
  };
  const { api, calls } = fakeWorkbenchApi(handlers);
  const store = createWorkbenchStore(api);
  const ran = () => calls.filter((call) => call.method === 'notebook.runCell').map((call) => (call.input.cell as NotebookCell & { name: string | null }).name);
  return { store, calls, ran, document };
}

/**
 * Runs the `other` cell (it reads nothing) and waits for it. Runs are queued
 * one after another, so once it is done every run asked for before it has
 * finished too: a test that expects nothing to have run sees this probe, and
 * would see anything queued before it.
 */
async function probe(store: ReturnType<typeof setup>['store'], document: NotebookDocument): Promise<void> {
  await store.getState().runNotebookCell(document.cells[3]!.id);
}

afterEach(() => vi.useRealTimers());

describe('notebook slice', () => {
  it('runs a trusted notebook on open, every runnable cell in order, from a fresh session', async () => {
    const { store, calls, ran } = setup({ trusted: true });
    // Opening a trusted notebook waits for its first run.
    await store.getState().openNotebook('a.iwb.md');
    expect(calls.map((call) => call.method)).toEqual(['notebook.open', 'notebook.resetSession', 'notebook.runCell', 'notebook.runCell', 'notebook.runCell']);
    expect(ran()).toEqual(['base', 'latest', 'other']);
    expect(calls[2]!.input.parameters).toEqual([{ name: 'year', value: 2023, control: 'number' }]);
    expect(Object.values(store.getState().notebook!.runs).map((run) => run.status)).toEqual(['done', 'done', 'done']);
  });

  it('brings the rows a chart draws only for the cells a chart draws', async () => {
    const charted = TEXT + '\n```chart\nkind: line\nsource: latest\nx: name\ny: name\n```\n';
    const { store, calls } = setup({ trusted: true, text: charted });
    await store.getState().openNotebook('a.iwb.md');
    const windows = calls.filter((call) => call.method === 'notebook.runCell').map((call) => [(call.input.cell as SqlCell).name, call.input.windowRows]);
    expect(windows).toEqual([
      ['base', CELL_WINDOW_ROWS],
      ['latest', CHART_MAX_ROWS],
      ['other', CELL_WINDOW_ROWS],
    ]);
  });

  it('adds a chart that draws the nearest named cell above it, with a first chart for its columns', async () => {
    const runCell: Handler = (input) => {
      const arrow = tableToIPC(tableFromArrays({ 单位: ['甲', '乙'], 研发投入: Float64Array.from([3, 4]) }), 'stream');
      const resultId = `r_${String((input.cell as SqlCell).name)}` as ResultId;
      return { queryId: input.queryId, kind: 'rows', resultId, columns: [{ name: '单位', type: 'VARCHAR' }, { name: '研发投入', type: 'DOUBLE' }], rowCount: 2, rowsChanged: 0, statementCount: 1, elapsedMs: 1, window: { resultId, offset: 0, rowCount: 2, totalRows: 2, arrow } };
    };
    const { store } = setup({ trusted: true, runCell });
    await store.getState().openNotebook('a.iwb.md');
    const cells = () => store.getState().notebook!.document.cells;
    const latest = cells().find((cell) => cell.kind === 'sql' && cell.name === 'latest')!;
    store.getState().addCell('chart', latest.id);
    const added = cells()[cells().findIndex((cell) => cell.id === latest.id) + 1]!;
    expect(added).toMatchObject({ kind: 'chart', chart: { source: 'latest', kind: 'bar', x: '单位', y: ['研发投入'] } });
    // At the top there is nothing above to draw: the chart waits for a 查询1, year against value.
    store.getState().addCell('chart', null);
    expect(cells()[0]).toMatchObject({ kind: 'chart', chart: { source: '查询1', x: 'year', y: ['value'] } });
    // A result with nothing to draw as values still gets a chart that can be saved and read back.
    const other = cells().find((cell) => cell.kind === 'sql' && cell.name === 'other')!;
    store.getState().notebook!.runs[other.id]!.table = tableFromArrays({ 单位: ['甲'] });
    store.getState().addCell('chart', other.id);
    expect(cells()[cells().findIndex((cell) => cell.id === other.id) + 1]).toMatchObject({ kind: 'chart', chart: { source: 'other', x: 'year', y: ['value'] } });
    // Once its SQL changed, its last run names columns it may no longer have: year against value until it runs again.
    store.getState().updateCell(latest.id, (cell) => (cell.kind === 'sql' ? { ...cell, sql: 'select 1 as year, 2 as value' } : cell));
    store.getState().addCell('chart', latest.id);
    expect(cells()[cells().findIndex((cell) => cell.id === latest.id) + 1]).toMatchObject({ kind: 'chart', chart: { source: 'latest', x: 'year', y: ['value'] } });
  });

  it('names a new cell in the UI language, never reusing a name taken in any case', async () => {
    const { store } = setup({ trusted: true, text: '---\niwb-notebook: 1\n---\n\n```sql Query1\nselect 1\n```\n' });
    await store.getState().openNotebook('a.iwb.md');
    const names = () => store.getState().notebook!.document.cells.map((cell) => ('name' in cell ? cell.name : null));
    store.getState().addCell('sql', null);
    expect(names()[0]).toBe('查询1');
    store.getState().setLocale('en');
    const last = () => store.getState().notebook!.document.cells.at(-1)!.id;
    store.getState().addCell('sql', last());
    store.getState().addCell('parameter', last());
    store.getState().addCell('target', last());
    store.getState().addCell('chart', last());
    expect(names()).toEqual(['查询1', 'Query1', 'query2', 'param1', 'target1', null]);
    // The chart draws the nearest named cell above it.
    expect(store.getState().notebook!.document.cells.at(-1)).toMatchObject({ kind: 'chart', chart: { source: 'target1' } });
  });

  it('re-runs only the cells that read a changed parameter', async () => {
    const { store, ran, document } = setup({ trusted: true });
    await store.getState().openNotebook('a.iwb.md');
    store.getState().setParameterValue(document.cells[0]!.id, 2024);
    await probe(store, document);
    expect(ran()).toEqual(['base', 'latest', 'other', 'latest', 'other']);
  });

  it('runs nothing of an untrusted notebook until the user runs it', async () => {
    const { store, ran, document } = setup({ trusted: false });
    await store.getState().openNotebook('a.iwb.md');
    store.getState().setParameterValue(document.cells[0]!.id, 2024);
    await probe(store, document);
    // Only the probe ran: neither opening nor the parameter change ran a cell.
    expect(ran()).toEqual(['other']);
    await store.getState().runAllCells();
    store.getState().setParameterValue(document.cells[0]!.id, 2025);
    await probe(store, document);
    expect(ran()).toEqual(['other', 'base', 'latest', 'other', 'latest', 'other']);
  });

  it('running one cell first runs the earlier cells it needs that never ran', async () => {
    const { store, ran, document } = setup({ trusted: false });
    await store.getState().openNotebook('a.iwb.md');
    await store.getState().runNotebookCell(document.cells[2]!.id);
    expect(ran()).toEqual(['base', 'latest']);
  });

  it('stops a run at the first failing cell', async () => {
    const { store, ran } = setup({
      trusted: true,
      runCell: (input) => {
        throw { kind: 'user', code: 'sql', message: `failed ${(input.cell as SqlCell).name}` };
      },
    });
    await store.getState().openNotebook('a.iwb.md');
    expect(ran()).toEqual(['base']);
    const runs = Object.values(store.getState().notebook!.runs);
    expect(runs.map((run) => [run.status, run.error?.message])).toEqual([['error', 'failed base']]);
  });

  it('runs everything again when the engine lost the session', async () => {
    let first = true;
    const { store, ran } = setup({
      trusted: true,
      runCell: (input) => {
        if (first) {
          first = false;
          throw { kind: 'user', code: 'notebook-session-reset', message: 'gone' };
        }
        return { queryId: input.queryId, kind: 'nothing', resultId: null, columns: [], rowCount: 0, rowsChanged: 0, statementCount: 1, elapsedMs: 0, window: null };
      },
    });
    await store.getState().openNotebook('a.iwb.md');
    expect(ran()).toEqual(['base', 'base', 'latest', 'other']);
    expect(store.getState().notice).toBe('gone');
  });

  it('keeps edits in a recovery copy shortly after the last change, and only edits', async () => {
    vi.useFakeTimers();
    const { store, calls, document } = setup({ trusted: false });
    await store.getState().openNotebook('a.iwb.md');
    await vi.advanceTimersByTimeAsync(AUTOSAVE_DELAY_MS * 3);
    expect(calls.filter((call) => call.method === 'notebook.autosave')).toEqual([]);
    store.getState().updateCell(document.cells[1]!.id, (cell) => (cell.kind === 'sql' ? { ...cell, sql: 'select 2' } : cell));
    store.getState().updateCell(document.cells[1]!.id, (cell) => (cell.kind === 'sql' ? { ...cell, sql: 'select 3' } : cell));
    await vi.advanceTimersByTimeAsync(AUTOSAVE_DELAY_MS / 2);
    expect(calls.filter((call) => call.method === 'notebook.autosave')).toHaveLength(0);
    await vi.advanceTimersByTimeAsync(AUTOSAVE_DELAY_MS);
    const saves = calls.filter((call) => call.method === 'notebook.autosave');
    expect(saves).toHaveLength(1);
    expect(((saves[0]!.input.document as NotebookDocument).cells[1] as SqlCell).sql).toBe('select 3');
  });
});
