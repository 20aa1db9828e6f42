import { describe, expect, it } from 'vitest';
import type { CallOutcome } from '@shared/contract/WorkbenchError';
import { historyCellKey, type HistoryRow } from '@shared/domain/history/historyGrid';
import { createWorkbenchClient } from '../api/createWorkbenchClient';
import { createWorkbenchStore } from './workbenchStore';

const rd: HistoryRow = { code: 'industrial_rd_expenditure', nameZh: '规模以上工业企业研发费用', nameEn: 'R&D', unit: '亿元', kind: 'level', region: '慈溪市', scope: '全市' };
const key = (year: number) => historyCellKey(rd, { year, period: 'annual' });

/** The main side as far as the grid uses it: one indicator's observations, and the batch save. */
function setup() {
  const calls: { method: string; input: Record<string, unknown> }[] = [];
  let observations = [
    { obsId: 'b1', indicatorCode: rd.code, region: '慈溪市', scope: '全市', year: 2023, period: 'annual', value: 98.65, unit: '亿元', status: 'actual', origin: 'bundled', note: null, quote: '全市规上工业企业研发费用98.65亿元' },
  ];
  const api = createWorkbenchClient({
    kind: 'browser',
    async call(method, input): Promise<CallOutcome<unknown>> {
      calls.push({ method, input: input as Record<string, unknown> });
      if (method === 'datasets.indicator') return { ok: true, value: { indicator: {}, observations, targets: [], sources: [] } };
      if (method === 'datasets.saveObservations') {
        const { changes } = input as { changes: { year: number; value: number; unit: string }[] };
        observations = [
          ...observations,
          ...changes.map((change, index) => ({ ...observations[0]!, obsId: `u_${index}`, year: change.year, value: change.unit === '万元' ? change.value / 10_000 : change.value, origin: 'user', quote: '' })),
        ];
        return { ok: true, value: { inserted: changes.length, updated: 0, deleted: 0 } };
      }
      if (method === 'targets.board') return { ok: true, value: { targets: [], indicators: [], missingViews: [] } };
      if (method === 'scenarios.list') return { ok: true, value: { scenarios: [], problems: [] } };
      return { ok: false, error: { kind: 'bug', message: `unexpected call ${method}` } };
    },
    subscribe: () => () => undefined,
  });
  return { store: createWorkbenchStore(api), calls };
}

describe('history grid slice', () => {
  it('reads the stored cells, bundled apart from the user’s', async () => {
    const { store } = setup();
    await store.getState().openHistoryGrid([rd]);
    expect(store.getState().historyStored[key(2023)]).toEqual({ bundled: { obsId: 'b1', value: 98.65, unit: '亿元', status: 'actual', source: '全市规上工业企业研发费用98.65亿元' } });
  });

  it('undoes a paste in one step and typing in one cell in one step', async () => {
    const { store } = setup();
    await store.getState().openHistoryGrid([rd]);
    const { pasteHistoryBlock, editHistoryCell, undoHistory } = store.getState();
    pasteHistoryBlock('2021年\t2022年\r\n712,300万元\t850,100万元\r\n', { row: 0, column: 0 });
    expect(Object.keys(store.getState().historyDraft)).toEqual([key(2021), key(2022)]);
    editHistoryCell(key(2020), '6');
    editHistoryCell(key(2020), '65');
    editHistoryCell(key(2020), '65.5');
    undoHistory();
    expect(Object.keys(store.getState().historyDraft)).toEqual([key(2021), key(2022)]);
    undoHistory();
    expect(store.getState().historyDraft).toEqual({});
    expect(store.getState().historyUndo).toEqual([]);
  });

  it('saves every readable edit in one call with the unit as entered, and refuses while a cell cannot be read', async () => {
    const { store, calls } = setup();
    await store.getState().loadBoard();
    await store.getState().openHistoryGrid([rd]);
    store.getState().editHistoryCell(key(2022), 'abc');
    expect(await store.getState().saveHistory()).toBe(false);
    expect(calls.filter((call) => call.method === 'datasets.saveObservations')).toEqual([]);
    store.getState().editHistoryCell(key(2022), '850,100万元');
    expect(await store.getState().saveHistory()).toBe(true);
    const saves = calls.filter((call) => call.method === 'datasets.saveObservations');
    expect(saves.map((call) => call.input)).toEqual([
      { changes: [{ indicatorCode: rd.code, region: '慈溪市', scope: '全市', year: 2022, period: 'annual', value: 850100, unit: '万元' }], note: '表格录入' },
    ]);
    const state = store.getState();
    expect(state.historyDraft).toEqual({});
    expect(state.historySaved).toEqual({ inserted: 1, updated: 0, deleted: 0 });
    expect(state.historyStored[key(2022)]?.user?.value).toBe(85.01);
    // The board reloads from the same rows.
    expect(calls.filter((call) => call.method === 'targets.board')).toHaveLength(2);
  });
});
