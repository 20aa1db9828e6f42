import { describe, expect, it } from 'vitest';
import { MAX_UPLOAD_CHUNK_BYTES, type ImportColumnSpec, type ImportOutcome, type ImportPreview, type ImportSourceId } from '@shared/contract/workbenchContract';
import { deferred, fakeWorkbenchApi, type FakeHandler } from './testing/fakeWorkbenchApi';
import { createWorkbenchStore } from './workbenchStore';

const COLUMNS: ImportColumnSpec[] = [
  { name: '指标', sourceIndex: 0, sourceName: '指标', type: 'VARCHAR', include: true, cleaned: false } as ImportColumnSpec,
  { name: '2023年', sourceIndex: 1, sourceName: '2023年', type: 'DOUBLE', include: true, cleaned: true } as ImportColumnSpec,
];

/** The parts of a preview the slice reads; the rest is the main side's business. */
function preview(overrides: Partial<ImportPreview> = {}): ImportPreview {
  return {
    settings: { format: 'xlsx', encoding: null, delimiter: null, sheet: '主要指标', relation: null },
    relations: [],
    columns: COLUMNS,
    unpivot: null,
    indicatorLabels: [],
    warnings: [],
    suggestedTable: '主要指标',
    ...overrides,
  } as ImportPreview;
}

function setup(handlers: Record<string, FakeHandler> = {}, kind: 'browser' | 'electron' = 'browser') {
  let sources = 0;
  const fake = fakeWorkbenchApi({
    'import.upload': (input) => ({ sourceId: (input.sourceId ?? `src_${++sources}`) as ImportSourceId, receivedBytes: 0 }),
    'import.preview': () => preview(),
    'import.discard': () => ({ discarded: true }),
    'import.history': () => ({ entries: [] }),
    'schema.list': () => ({ relations: [] }),
    ...handlers,
  }, kind);
  return { store: createWorkbenchStore(fake.api), ...fake };
}

/** The board and Data sources as far as loading them goes (empty), to see whether an import reloads them. */
const LOADED_VIEWS: Record<string, FakeHandler> = {
  'targets.board': () => ({ targets: [], indicators: [], missingViews: [], spreadPriors: [] }),
  'scenarios.list': () => ({ scenarios: [], problems: [] }),
  'datasets.info': () => ({ loadError: null }),
  'datasets.listIndicators': () => ({ indicators: [] }),
};

const file = (size: number, name = '2023年主要指标.xlsx') => Object.assign(new Blob([new Uint8Array(size)]), { name });

describe('import slice', () => {
  it('in the desktop app, previews the data file chosen in the native dialog without uploading it; a cancelled dialog changes nothing', async () => {
    let answer: unknown = { available: true, source: { sourceId: 'src_path', fileName: '2023 慈溪.xlsx', sizeBytes: 10, format: 'xlsx', via: 'path' } };
    const { store, calls } = setup({ 'desktop.chooseDataFile': () => answer }, 'electron');
    expect(store.getState().importNativeDialog).toBe(true);
    await store.getState().chooseImportFile();
    expect(calls.map((call) => call.method)).toEqual(['desktop.chooseDataFile', 'import.preview']);
    expect(store.getState()).toMatchObject({ importPhase: 'ready', importSourceId: 'src_path' });
    answer = { available: true, source: null };
    await store.getState().chooseImportFile();
    expect(calls.map((call) => call.method)).toEqual(['desktop.chooseDataFile', 'import.preview', 'desktop.chooseDataFile']);
    expect(store.getState()).toMatchObject({ importPhase: 'ready', importSourceId: 'src_path' });
    expect(setup().store.getState().importNativeDialog).toBe(false);
  });

  it('shows the error of a data file that vanished between the dialog and the import', async () => {
    const { store } = setup({ 'desktop.chooseDataFile': () => { throw Object.assign(new Error('gone'), { kind: 'user', code: 'import-not-found' }); } }, 'electron');
    await store.getState().chooseImportFile();
    expect(store.getState().importPhase).toBe('idle');
    expect(store.getState().importError).not.toBeNull();
  });

  it('uploads a file in chunks from offset 0, then previews it with the suggested table', async () => {
    const { store, calls } = setup();
    await store.getState().importFile(file(MAX_UPLOAD_CHUNK_BYTES + 10));
    const uploads = calls.filter((call) => call.method === 'import.upload').map((call) => [call.input.offset, (call.input.chunk as Uint8Array).byteLength, call.input.sourceId]);
    expect(uploads).toEqual([
      [0, MAX_UPLOAD_CHUNK_BYTES, undefined],
      [MAX_UPLOAD_CHUNK_BYTES, 10, 'src_1'],
    ]);
    expect(calls.find((call) => call.method === 'import.preview')?.input).toEqual({ sourceId: 'src_1', settings: {} });
    expect(store.getState()).toMatchObject({ importPhase: 'ready', importUploadPercent: 100, importSourceId: 'src_1', importTable: '主要指标', importColumns: COLUMNS });
  });

  it('discards the file held for the previous import when another is chosen', async () => {
    const { store, calls } = setup();
    await store.getState().importFile(file(5));
    await store.getState().importFile(file(5, 'b.csv'));
    expect(calls.filter((call) => call.method === 'import.discard').map((call) => call.input)).toEqual([{ sourceId: 'src_1' }]);
    expect(store.getState().importSourceId).toBe('src_2');
  });

  it('pre-selects the indicator each name matches and keeps a choice already made', async () => {
    const { store } = setup({
      'import.preview': () => preview({ indicatorLabels: [{ name: '高新技术企业', unit: '家', unitMissingYears: [] }, { name: '其他', unit: null, unitMissingYears: [] }] }),
      'import.matchIndicators': () => ({
        matches: [
          { name: '高新技术企业', code: 'hightech_enterprises' },
          { name: '其他', code: null },
        ],
        indicators: [{ code: 'hightech_enterprises', nameZh: '有效高新技术企业', unit: '家' }],
      }),
    });
    await store.getState().importFile(file(5));
    expect(store.getState().importIndicatorCodes).toEqual({ 高新技术企业: 'hightech_enterprises' });
    store.getState().setImportIndicatorCode('其他', '');
    await store.getState().setImportSettings({ encoding: 'gb18030' });
    expect(store.getState().importIndicatorCodes).toEqual({ 高新技术企业: 'hightech_enterprises', 其他: '' });
  });

  it('a new sheet gets its own table name and layout', async () => {
    const { store, calls } = setup({ 'import.preview': (input) => preview({ suggestedTable: String((input.settings as { sheet?: string }).sheet ?? '主要指标') }) });
    await store.getState().importFile(file(5));
    store.getState().setImportTable('我的表');
    await store.getState().setImportSettings({ layout: { headerTop: 2, headerRows: 1 } } as never);
    expect(store.getState().importTable).toBe('我的表');
    await store.getState().setImportSettings({ sheet: '附表' });
    expect(calls.at(-1)?.input).toEqual({ sourceId: 'src_1', settings: { sheet: '附表' } });
    expect(store.getState().importTable).toBe('附表');
  });

  it('runs the import with the edited columns, follows only its own progress, and reloads history and schema', async () => {
    const outcome = deferred<ImportOutcome>();
    const { store, calls, emit } = setup({
      'import.run': () => outcome.promise,
      ...LOADED_VIEWS,
    });
    // The board and Data sources are loaded, so a reload after the import would show in the calls.
    await store.getState().loadBoard();
    await store.getState().loadDatasets();
    const reloads = () => calls.filter((call) => call.method === 'targets.board' || call.method.startsWith('datasets.')).length;
    const before = reloads();
    await store.getState().importFile(file(5));
    store.getState().setImportColumn(1, { name: '数值' });
    store.getState().setImportMode('replace');
    const running = store.getState().runImport();
    const run = calls.find((call) => call.method === 'import.run')!.input;
    expect(run).toMatchObject({ sourceId: 'src_1', table: '主要指标', mode: 'replace', unpivot: null });
    expect((run.columns as ImportColumnSpec[]).map((column) => column.name)).toEqual(['指标', '数值']);
    emit('onDidReportImportProgress', { importId: 'someone_else', phase: 'load', percent: 10, elapsedMs: 1 });
    expect(store.getState().importProgress).toBeNull();
    emit('onDidReportImportProgress', { importId: run.importId, phase: 'load', percent: 40, elapsedMs: 1 });
    expect(store.getState().importProgress).toMatchObject({ percent: 40 });
    outcome.resolve({ importId: run.importId, table: '主要指标', rowCount: 3, provenance: { mode: 'replace' } } as ImportOutcome);
    await running;
    expect(store.getState()).toMatchObject({ importPhase: 'done', importOutcome: { rowCount: 3 }, importRunId: null });
    await expect.poll(() => calls.map((call) => call.method)).toEqual(expect.arrayContaining(['import.history', 'schema.list']));
    // A table of its own changes nothing the board or Data sources show.
    expect(reloads()).toBe(before);
  });

  it('after rows went into the observations, the board and Data sources read them again', async () => {
    const { store, calls } = setup({
      'import.run': (input) => ({ importId: input.importId, table: 'observations', rowCount: 12, provenance: { mode: 'observations' }, warnings: [], createdIndicators: [] }),
      ...LOADED_VIEWS,
    });
    await store.getState().loadBoard();
    await store.getState().loadDatasets();
    await store.getState().importFile(file(5));
    await store.getState().runImport();
    await expect.poll(() => calls.filter((call) => call.method === 'targets.board').length).toBe(2);
    await expect.poll(() => calls.filter((call) => call.method === 'datasets.listIndicators').length).toBe(2);
  });

  it('a cancelled import returns to the preview without an error', async () => {
    const outcome = deferred<ImportOutcome>();
    const { store, calls } = setup({ 'import.run': () => outcome.promise, 'import.cancel': () => ({ cancelled: true }) });
    await store.getState().importFile(file(5));
    const running = store.getState().runImport();
    const importId = store.getState().importRunId;
    await store.getState().cancelImport();
    expect(calls.at(-1)).toEqual({ method: 'import.cancel', input: { importId } });
    outcome.reject({ kind: 'cancelled', message: 'Import cancelled' });
    await running;
    expect(store.getState()).toMatchObject({ importPhase: 'ready', importCancelled: true, importError: null, importRunId: null });
  });
});
