import { tableFromIPC, type Table } from 'apache-arrow';
import type { CancelOutcome, QueryId, QueryResult, ResultId } from '@shared/contract/workbenchContract';
import { toErrorEnvelope, type ErrorEnvelope } from '@shared/contract/WorkbenchError';
import type { SliceCreator } from './workbenchStore';

export type TabStatus = 'running' | 'done' | 'error' | 'cancelled';
export type ChartKind = 'line' | 'bar';

export interface ChartChoice {
  kind: ChartKind;
  x: string | null;
  y: string[];
}

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
  chart: ChartChoice;
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
  setChart(tabId: string, chart: Partial<ChartChoice>): void;
  onProgress(queryId: QueryId, percent: number | null): void;
}

/** Rows fetched with the query itself; the grid shows them at once. */
export const FIRST_WINDOW_ROWS = 1000;

let tabCounter = 0;
function newQueryId(): QueryId {
  const random = Math.random().toString(36).slice(2, 10);
  return `q_${Date.now().toString(36)}_${random}` as QueryId;
}

function emptyTab(number: number): ResultTab {
  return {
    id: `tab_${number}`,
    number,
    sql: '',
    sourceOffset: 0,
    queryId: newQueryId(),
    status: 'done',
    startedAt: 0,
    progress: null,
    result: null,
    table: null,
    error: null,
    cancelOutcome: null,
    cancelling: false,
    view: 'table',
    chart: { kind: 'line', x: null, y: [] },
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
        progress: null,
        result: null,
        table: null,
        error: null,
        cancelOutcome: null,
        cancelling: false,
      });
      try {
        const result = await api.query.run({ queryId, sql, windowRows: FIRST_WINDOW_ROWS });
        const { window, ...meta } = result;
        const table = window ? tableFromIPC(window.arrow) : null;
        updateTab(id, (tab) => {
          const fields = table?.schema.fields ?? [];
          const chart = tab.chart.x && fields.some((field) => field.name === tab.chart.x) ? tab.chart : defaultChart(table);
          return { status: 'done', result: meta, table, progress: null, chart, cancelling: false };
        });
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
    setChart: (tabId, chart) => updateTab(tabId, (tab) => ({ chart: { ...tab.chart, ...chart } })),

    onProgress: (queryId, percent) =>
      set((state) => ({
        tabs: state.tabs.map((tab) => (tab.queryId === queryId && tab.status === 'running' ? { ...tab, progress: percent } : tab)),
      })),
  };
};

/** First column as x, numeric columns after it as y. */
export function defaultChart(table: Table | null): ChartChoice {
  if (!table) return { kind: 'line', x: null, y: [] };
  const fields = table.schema.fields;
  const numeric = fields.filter((field) => /Int|Float|Decimal/.test(String(field.type)));
  const x = fields[0]?.name ?? null;
  const y = numeric.filter((field) => field.name !== x).slice(0, 3).map((field) => field.name);
  return { kind: 'line', x, y: y.length > 0 ? y : numeric.slice(0, 1).map((field) => field.name) };
}
