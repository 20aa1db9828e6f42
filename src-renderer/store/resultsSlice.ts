import { tableFromIPC, type Table } from 'apache-arrow';
import type {
  CancelOutcome,
  ColumnFilter,
  ColumnSummary,
  CsvEncoding,
  ExportFormat,
  ExportOutcome,
  QueryId,
  QueryResult,
  ResultId,
  SortKey,
} from '@shared/contract/workbenchContract';
import { toErrorEnvelope, type CallOutcome, type ErrorEnvelope } from '@shared/contract/WorkbenchError';
import { CHART_MAX_ROWS } from '@shared/domain/chart/chartRows';
import type { SliceCreator } from './workbenchStore';

export type TabStatus = 'running' | 'done' | 'error' | 'cancelled';
export interface ResultTab {
  id: string;
  number: number;
  sql: string;
  /** Where `sql` starts in the editor text, to mark error positions there. */
  sourceOffset: number;
  queryId: QueryId;
  status: TabStatus;
  startedAt: number;
  progress: number | null;
  result: Omit<QueryResult, 'window'> | null;
  /** The first rows, decoded from Arrow. */
  table: Table | null;
  error: ErrorEnvelope | null;
  cancelOutcome: CancelOutcome | null;
  cancelling: boolean;
  view: 'table' | 'chart';
  /** Sorting and filtering, pushed down to the engine. */
  sort: SortKey[];
  filters: ColumnFilter[];
  /** Rows in the current (filtered) view; equals the result's rows when unfiltered. */
  viewRows: number;
  /** Bumped whenever the view changes, so the grid starts a fresh window cache. */
  viewVersion: number;
  viewError: ErrorEnvelope | null;
  summary: { column: string; status: 'loading' | 'done' | 'error'; data: ColumnSummary | null; error: ErrorEnvelope | null } | null;
  /**
   * The first rows are shown while the engine still keeps the rest (status
   * stays `running`): `result.rowCount` is the count so far, and sorting,
   * filtering, summaries and export wait for the complete result.
   */
  streaming: boolean;
  /**
   * The rows the chart draws: the whole current view, up to
   * `CHART_MAX_ROWS`, fetched when the chart is shown (`loadChartRows`); for
   * the result and view version it was fetched for.
   */
  chartRows: ChartRows | null;
}

export interface ChartRows {
  resultId: ResultId;
  viewVersion: number;
  /** The sort and filters the rows were fetched with (a view change sets these before its version moves). */
  sort: SortKey[];
  filters: ColumnFilter[];
  status: 'loading' | 'done' | 'error';
  table: Table | null;
  error: ErrorEnvelope | null;
}

export interface ExportRequest {
  format: ExportFormat;
  encoding: CsvEncoding;
  path: string;
  overwrite: boolean;
}

export interface ExportJob {
  tabId: string;
  queryId: QueryId;
  request: ExportRequest;
  status: 'running' | 'done' | 'error' | 'cancelled';
  percent: number | null;
  outcome: ExportOutcome | null;
  error: ErrorEnvelope | null;
}

export interface ResultsSlice {
  tabs: ResultTab[];
  activeTabId: string | null;
  runQuery(sql: string, sourceOffset?: number): Promise<void>;
  cancelQuery(tabId: string): Promise<void>;
  setActiveTab(tabId: string): void;
  closeTab(tabId: string): void;
  newTab(): void;
  setTabView(tabId: string, view: ResultTab['view']): void;
  /** Changes sort and/or filters; the engine materializes the view and the grid refetches. */
  setResultView(tabId: string, view: { sort?: SortKey[]; filters?: ColumnFilter[] }): Promise<void>;
  summarizeColumn(tabId: string, column: string): Promise<void>;
  /** Fetches the rows the tab's chart draws (the whole view up to `CHART_MAX_ROWS`) once the result is complete. */
  loadChartRows(tabId: string): Promise<void>;
  closeSummary(tabId: string): void;
  exportJob: ExportJob | null;
  exportResult(tabId: string, request: ExportRequest): Promise<void>;
  cancelExport(): Promise<void>;
  dismissExport(): void;
  /** Runs `sql` in a new result tab rather than the active one. */
  runInNewTab(sql: string, sourceOffset?: number): Promise<void>;
  onProgress(queryId: QueryId, percent: number | null): void;
  /** A streamed query's growing row count (`onDidStreamRows`). */
  onRowsStreamed(queryId: QueryId, rowsSoFar: number): void;
  /** A streamed query is complete, or failed (`onDidFinishQuery`). */
  onQueryFinished(queryId: QueryId, outcome: CallOutcome<QueryResult>): void;
}

/** Rows fetched with the query itself; the grid shows them at once. */
export const FIRST_WINDOW_ROWS = 1000;

/** The tab's chart rows if they belong to its current result and view. */
export function currentChartRows(tab: ResultTab): ChartRows | null {
  const rows = tab.chartRows;
  return rows && rows.resultId === tab.result?.resultId && rows.viewVersion === tab.viewVersion && rows.sort === tab.sort && rows.filters === tab.filters
    ? rows
    : null;
}

let tabCounter = 0;
function newQueryId(): QueryId {
  const random = Math.random().toString(36).slice(2, 10);
  return `q_${Date.now().toString(36)}_${random}` as QueryId;
}

/** A tab before its first result, and again when a new query starts in it (the view and its version stay). */
const NO_RESULT = {
  progress: null,
  result: null,
  table: null,
  error: null,
  cancelOutcome: null,
  cancelling: false,
  sort: [],
  filters: [],
  viewRows: 0,
  viewError: null,
  summary: null,
  streaming: false,
  chartRows: null,
} as const satisfies Partial<ResultTab>;

function emptyTab(number: number): ResultTab {
  return {
    id: `tab_${number}`,
    number,
    sql: '',
    sourceOffset: 0,
    queryId: newQueryId(),
    status: 'done',
    startedAt: 0,
    ...NO_RESULT,
    view: 'table',
    viewVersion: 0,
  };
}

export const createResultsSlice: SliceCreator<ResultsSlice> = (api) => (set, get) => {
  const updateTab = (tabId: string, patch: Partial<ResultTab> | ((tab: ResultTab) => Partial<ResultTab>)) =>
    set((state) => ({
      tabs: state.tabs.map((tab) => (tab.id === tabId ? { ...tab, ...(typeof patch === 'function' ? patch(tab) : patch) } : tab)),
    }));

  const releaseResult = (resultId: ResultId | null | undefined) => {
    if (resultId) void api.result.close({ resultId }).catch(() => undefined);
  };
  // The end of a streamed query can overtake its early answer (events and replies travel apart).
  const finishedEarly = new Map<QueryId, CallOutcome<QueryResult>>();
  const finishStreamed = (tabId: string, outcome: CallOutcome<QueryResult>) => {
    if (outcome.ok) {
      const { window: _window, ...meta } = outcome.value;
      updateTab(tabId, (tab) => ({
        status: 'done',
        streaming: false,
        result: meta,
        progress: null,
        cancelling: false,
        viewRows: meta.rowCount,
        viewVersion: tab.viewVersion + 1,
      }));
      return;
    }
    const cancelled = outcome.error.kind === 'cancelled';
    updateTab(tabId, { status: cancelled ? 'cancelled' : 'error', streaming: false, error: cancelled ? null : outcome.error, result: null, table: null, progress: null, cancelling: false });
  };

  return {
    tabs: [],
    activeTabId: null,

    runQuery: async (sql, sourceOffset = 0) => {
      let tabId = get().activeTabId;
      const active = get().tabs.find((tab) => tab.id === tabId);
      if (!active || active.status === 'running') {
        tabCounter += 1;
        const tab = emptyTab(tabCounter);
        set((state) => ({ tabs: [...state.tabs, tab], activeTabId: tab.id }));
        tabId = tab.id;
      } else {
        releaseResult(active.result?.resultId);
      }
      const queryId = newQueryId();
      const id = tabId!;
      updateTab(id, {
        sql,
        sourceOffset,
        queryId,
        status: 'running',
        startedAt: Date.now(),
        ...NO_RESULT,
      });
      try {
        const result = await api.query.run({ queryId, sql, windowRows: FIRST_WINDOW_ROWS, stream: true });
        // User Timing marks let the benchmark measure arrival-to-paint without hooks in the UI.
        globalThis.performance?.mark?.('iwb:result-arrived');
        const { window, ...meta } = result;
        const table = window ? tableFromIPC(window.arrow) : null;
        if (result.pending) {
          // The grid holds the first window only until the result is complete.
          updateTab(id, (tab) => ({ streaming: true, result: meta, table, viewRows: table?.numRows ?? 0, viewVersion: tab.viewVersion + 1 }));
          const early = finishedEarly.get(queryId);
          finishedEarly.delete(queryId);
          if (early) finishStreamed(id, early);
          return;
        }
        updateTab(id, (tab) => ({ status: 'done', result: meta, table, progress: null, cancelling: false, viewRows: meta.rowCount, viewVersion: tab.viewVersion + 1 }));
        if (result.kind !== 'rows') void get().loadSchema();
      } catch (error) {
        const envelope = toErrorEnvelope(error);
        updateTab(id, {
          status: envelope.kind === 'cancelled' ? 'cancelled' : 'error',
          error: envelope.kind === 'cancelled' ? null : envelope,
          progress: null,
          cancelling: false,
        });
      }
    },

    cancelQuery: async (tabId) => {
      const tab = get().tabs.find((candidate) => candidate.id === tabId);
      if (!tab || tab.status !== 'running') return;
      updateTab(tabId, { cancelling: true });
      try {
        const { outcome } = await api.query.cancel({ queryId: tab.queryId });
        updateTab(tabId, { cancelOutcome: outcome });
      } catch (error) {
        updateTab(tabId, { error: toErrorEnvelope(error), cancelling: false });
      }
    },

    setActiveTab: (tabId) => set({ activeTabId: tabId }),

    closeTab: (tabId) => {
      const tab = get().tabs.find((candidate) => candidate.id === tabId);
      if (!tab) return;
      if (tab.status === 'running') void get().cancelQuery(tabId);
      releaseResult(tab.result?.resultId);
      set((state) => {
        const index = state.tabs.findIndex((candidate) => candidate.id === tabId);
        const tabs = state.tabs.filter((candidate) => candidate.id !== tabId);
        const activeTabId =
          state.activeTabId === tabId ? (tabs[Math.min(index, tabs.length - 1)]?.id ?? null) : state.activeTabId;
        return { tabs, activeTabId };
      });
    },

    newTab: () => {
      tabCounter += 1;
      const tab = emptyTab(tabCounter);
      set((state) => ({ tabs: [...state.tabs, tab], activeTabId: tab.id }));
    },

    setTabView: (tabId, view) => updateTab(tabId, { view }),

    setResultView: async (tabId, view) => {
      const tab = get().tabs.find((candidate) => candidate.id === tabId);
      const resultId = tab?.result?.resultId;
      if (!tab || !resultId || tab.streaming) return;
      const sort = view.sort ?? tab.sort;
      const filters = view.filters ?? tab.filters;
      updateTab(tabId, { sort, filters, viewError: null });
      try {
        const window = await api.result.fetch({ resultId, offset: 0, limit: FIRST_WINDOW_ROWS, sort, filters });
        const current = get().tabs.find((candidate) => candidate.id === tabId);
        // A newer run or view change may have replaced this one meanwhile.
        if (current?.result?.resultId !== resultId || current.sort !== sort || current.filters !== filters) return;
        updateTab(tabId, (latest) => ({ table: tableFromIPC(window.arrow), viewRows: window.totalRows, viewVersion: latest.viewVersion + 1, summary: null }));
      } catch (error) {
        updateTab(tabId, { viewError: toErrorEnvelope(error), sort: tab.sort, filters: tab.filters });
      }
    },

    summarizeColumn: async (tabId, column) => {
      const tab = get().tabs.find((candidate) => candidate.id === tabId);
      const resultId = tab?.result?.resultId;
      if (!tab || !resultId || tab.streaming) return;
      updateTab(tabId, { summary: { column, status: 'loading', data: null, error: null } });
      try {
        const data = await api.result.summarize({ resultId, column, sort: tab.sort, filters: tab.filters });
        updateTab(tabId, (latest) => (latest.summary?.column === column ? { summary: { column, status: 'done', data, error: null } } : {}));
      } catch (error) {
        updateTab(tabId, { summary: { column, status: 'error', data: null, error: toErrorEnvelope(error) } });
      }
    },
    closeSummary: (tabId) => updateTab(tabId, { summary: null }),

    loadChartRows: async (tabId) => {
      const tab = get().tabs.find((candidate) => candidate.id === tabId);
      const resultId = tab?.result?.resultId;
      // A streamed result is charted from its first rows until it is complete.
      if (!tab || !resultId || tab.streaming || !tab.table || currentChartRows(tab)) return;
      const view = { resultId, viewVersion: tab.viewVersion, sort: tab.sort, filters: tab.filters };
      const wanted = Math.min(tab.viewRows, CHART_MAX_ROWS);
      if (wanted <= tab.table.numRows) {
        updateTab(tabId, { chartRows: { ...view, status: 'done', table: tab.table, error: null } });
        return;
      }
      const loading: ChartRows = { ...view, status: 'loading', table: null, error: null };
      updateTab(tabId, { chartRows: loading });
      // A newer run or view change may have started another load meanwhile: only this load's own entry is settled.
      const settle = (rows: Pick<ChartRows, 'status' | 'table' | 'error'>) =>
        updateTab(tabId, (latest) => (latest.chartRows === loading ? { chartRows: { ...view, ...rows } } : {}));
      try {
        const window = await api.result.fetch({ resultId, offset: 0, limit: wanted, sort: view.sort, filters: view.filters });
        settle({ status: 'done', table: tableFromIPC(window.arrow), error: null });
      } catch (error) {
        settle({ status: 'error', table: null, error: toErrorEnvelope(error) });
      }
    },

    exportJob: null,
    exportResult: async (tabId, request) => {
      const tab = get().tabs.find((candidate) => candidate.id === tabId);
      const resultId = tab?.result?.resultId;
      if (!tab || !resultId || tab.streaming) return;
      const queryId = newQueryId();
      set({ exportJob: { tabId, queryId, request, status: 'running', percent: 0, outcome: null, error: null } });
      try {
        const outcome = await api.result.export({ queryId, resultId, sort: tab.sort, filters: tab.filters, ...request });
        set((state) => (state.exportJob?.queryId === queryId ? { exportJob: { ...state.exportJob, status: 'done', percent: 100, outcome } } : {}));
      } catch (error) {
        const envelope = toErrorEnvelope(error);
        set((state) =>
          state.exportJob?.queryId === queryId
            ? { exportJob: { ...state.exportJob, status: envelope.kind === 'cancelled' ? 'cancelled' : 'error', error: envelope.kind === 'cancelled' ? null : envelope } }
            : {},
        );
      }
    },
    cancelExport: async () => {
      const job = get().exportJob;
      if (job?.status === 'running') await api.query.cancel({ queryId: job.queryId });
    },
    dismissExport: () => set({ exportJob: null }),

    runInNewTab: async (sql, sourceOffset = 0) => {
      get().newTab();
      await get().runQuery(sql, sourceOffset);
    },

    onProgress: (queryId, percent) =>
      set((state) => ({
        tabs: state.tabs.map((tab) => (tab.queryId === queryId && tab.status === 'running' ? { ...tab, progress: percent } : tab)),
        exportJob: state.exportJob?.queryId === queryId && state.exportJob.status === 'running' ? { ...state.exportJob, percent } : state.exportJob,
      })),

    onRowsStreamed: (queryId, rowsSoFar) =>
      set((state) => ({
        tabs: state.tabs.map((tab) =>
          tab.queryId === queryId && tab.streaming && tab.result && rowsSoFar > tab.result.rowCount ? { ...tab, result: { ...tab.result, rowCount: rowsSoFar } } : tab,
        ),
      })),

    onQueryFinished: (queryId, outcome) => {
      const tab = get().tabs.find((candidate) => candidate.queryId === queryId);
      if (!tab || tab.status !== 'running') return;
      if (tab.streaming) finishStreamed(tab.id, outcome);
      else finishedEarly.set(queryId, outcome);
    },
  };
};
