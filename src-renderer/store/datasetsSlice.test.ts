import { describe, expect, it } from 'vitest';
import { historyCellKey, type HistoryRow } from '@shared/domain/history/historyGrid';
import { deferred, fakeWorkbenchApi } from './testing/fakeWorkbenchApi';
import { createWorkbenchStore } from './workbenchStore';

const rd: HistoryRow = { code: 'industrial_rd_expenditure', nameZh: '规模以上工业企业研发费用', nameEn: 'R&D', unit: '亿元', kind: 'level', region: '慈溪市', scope: '全市' };

/** The main side as far as the data sources view, the board and the grid read the observations. */
function setup(overrides: Record<string, (input: Record<string, unknown>) => unknown> = {}) {
  const observations: Record<string, unknown>[] = [];
  const fake = fakeWorkbenchApi({
    'datasets.info': () => ({ loadError: null }),
    'datasets.listIndicators': () => ({ indicators: [{ code: rd.code, observationCount: observations.length }] }),
    'datasets.indicator': () => ({ indicator: { code: rd.code }, observations: [...observations], targets: [], sources: [] }),
    'datasets.addObservation': (input) => {
      const row = { obsId: `u_${observations.length}`, indicatorCode: rd.code, region: '慈溪市', scope: '全市', status: 'actual', origin: 'user', note: null, ...input };
      observations.push(row);
      return row;
    },
    'datasets.deleteObservation': (input) => {
      observations.splice(observations.findIndex((row) => row.obsId === input.obsId), 1);
      return { deleted: true };
    },
    'targets.board': () => ({ targets: [], indicators: [], missingViews: [], spreadPriors: [] }),
    'scenarios.list': () => ({ scenarios: [], problems: [] }),
    ...overrides,
  });
  return { store: createWorkbenchStore(fake.api), ...fake };
}

describe('datasets slice', () => {
  it('after a row is added or deleted, the board, the open indicator and the history grid show it; a draft in the grid is kept', async () => {
    const { store, calls } = setup();
    await store.getState().loadBoard();
    await store.getState().loadDatasets();
    await store.getState().selectIndicator(rd.code);
    await store.getState().openHistoryGrid([rd]);
    const draftKey = historyCellKey(rd, { year: 2021, period: 'annual' });
    store.getState().editHistoryCell(draftKey, '80');
    const boards = () => calls.filter((call) => call.method === 'targets.board').length;
    expect(boards()).toBe(1);

    expect(await store.getState().addUserObservation({ indicatorCode: rd.code, year: 2024, period: '1-11月', value: 95.5, unit: '亿元' })).toBe(true);
    expect(boards()).toBe(2);
    expect(store.getState().indicatorDetail?.observations).toHaveLength(1);
    expect(store.getState().datasetIndicators[0]).toMatchObject({ observationCount: 1 });
    expect(store.getState().historyStored[historyCellKey(rd, { year: 2024, period: '1-11月' })]?.user?.value).toBe(95.5);
    expect(Object.keys(store.getState().historyDraft)).toEqual([draftKey]);

    await store.getState().deleteUserObservation('u_0');
    expect(boards()).toBe(3);
    expect(store.getState().indicatorDetail?.observations).toHaveLength(0);
    expect(store.getState().historyStored[historyCellKey(rd, { year: 2024, period: '1-11月' })]).toBeUndefined();
  });

  it('does not load a board that was never opened', async () => {
    const { store, calls } = setup();
    await store.getState().loadDatasets();
    await store.getState().selectIndicator(rd.code);
    await store.getState().addUserObservation({ indicatorCode: rd.code, year: 2024, value: 1, unit: '亿元' });
    expect(calls.map((call) => call.method)).not.toContain('targets.board');
    expect(store.getState().indicatorDetail?.observations).toHaveLength(1);
  });

  it('a row that was stored stays added when reading the views again fails: the failure is the view’s', async () => {
    let failing = false;
    const { store } = setup({
      'datasets.listIndicators': () => {
        if (failing) throw { kind: 'user', message: 'engine restarting' };
        return { indicators: [] };
      },
    });
    await store.getState().loadDatasets();
    await store.getState().selectIndicator(rd.code);
    failing = true;
    expect(await store.getState().addUserObservation({ indicatorCode: rd.code, year: 2024, value: 1, unit: '亿元' })).toBe(true);
    expect(store.getState().datasetsFormError).toBeNull();
    expect(store.getState().datasetsError).toMatchObject({ message: 'engine restarting' });
  });

  it('keeps the newest board when two reloads answer out of order', async () => {
    const replies = [deferred<unknown>(), deferred<unknown>()];
    let call = 0;
    const { store } = setup({ 'targets.board': () => replies[call++]!.promise });
    const board = (year: number) => ({ targets: [], indicators: [{ code: `i${year}`, nameZh: '', nameEn: '', unit: '' }], missingViews: [], spreadPriors: [] });
    const first = store.getState().loadBoard();
    const second = store.getState().loadBoard();
    replies[1]!.resolve(board(2));
    await second;
    replies[0]!.resolve(board(1));
    await first;
    expect(store.getState().board?.indicators[0]?.code).toBe('i2');
    expect(store.getState().boardLoading).toBe(false);
  });
});
