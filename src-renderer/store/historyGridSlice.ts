import type { Scope } from '@shared/contract/workbenchContract';
import { toErrorEnvelope, type ErrorEnvelope } from '@shared/contract/WorkbenchError';
import type { Bilingual } from '@shared/domain/bilingual';
import {
  changesFromDraft,
  historyCellKey,
  historyColumns,
  planPaste,
  storedCells,
  type CellAddress,
  type DraftCell,
  type HistoryColumn,
  type HistoryRow,
  type StoredCells,
} from '@shared/domain/history/historyGrid';
import type { SliceCreator } from './workbenchStore';

type Draft = Record<string, DraftCell>;

export interface HistoryGridSlice {
  historyRows: HistoryRow[];
  /** The last year with an annual column; the in-year column (if any) follows it. */
  historyLastYear: number;
  /** The in-year column's period (`1-11月`), or null for annual columns only. */
  historyInYearPeriod: string | null;
  historyStored: StoredCells;
  historyLoading: boolean;
  /** Cells edited since the last save, by `historyCellKey`. */
  historyDraft: Draft;
  /** Earlier drafts, newest last: Ctrl+Z and 撤销 step back through them. */
  historyUndo: Draft[];
  /** Why parts of the last paste were not placed. */
  historyPasteIssues: Bilingual[];
  historyError: ErrorEnvelope | null;
  /** Counts of the last save, for the confirmation line. */
  historySaved: { inserted: number; updated: number; deleted: number } | null;
  historySaving: boolean;
  /** Opens the grid on these rows and reads what the workspace holds for them. */
  openHistoryGrid(rows: HistoryRow[]): Promise<void>;
  setHistoryInYearPeriod(period: string | null): void;
  editHistoryCell(key: string, text: string): void;
  pasteHistoryBlock(text: string, anchor: CellAddress): void;
  undoHistory(): void;
  discardHistoryDraft(): void;
  /** Saves every edited cell in one call; resolves true when saved. */
  saveHistory(): Promise<boolean>;
  /** Reads the stored cells again (the rows changed elsewhere); the draft is kept. */
  reloadHistoryStored(): Promise<void>;
}

/** The columns the grid shows for the slice's year range and in-year choice. */
export function historyGridColumns(state: Pick<HistoryGridSlice, 'historyLastYear' | 'historyInYearPeriod'>): HistoryColumn[] {
  const inYear = state.historyInYearPeriod === null ? null : { year: state.historyLastYear + 1, period: state.historyInYearPeriod };
  return historyColumns(state.historyLastYear, inYear);
}

const UNDO_DEPTH = 100;
const GRID_NOTE = '表格录入';

/** The history grid: indicators × years typed or pasted, kept as a draft with undo until saved in one batch. */
export const createHistoryGridSlice: SliceCreator<HistoryGridSlice> = (api) => (set, get) => {
  // Typing in one cell makes one undo step, not one per key.
  let typingKey: string | null = null;
  const pushDraft = (draft: Draft, coalesceKey: string | null) => {
    const { historyDraft, historyUndo } = get();
    const undo = coalesceKey !== null && coalesceKey === typingKey ? historyUndo : [...historyUndo, historyDraft].slice(-UNDO_DEPTH);
    typingKey = coalesceKey;
    set({ historyDraft: draft, historyUndo: undo, historySaved: null });
  };
  const readStored = async (rows: HistoryRow[]): Promise<StoredCells> => {
    const codes = [...new Set(rows.map((row) => row.code))];
    const details = await Promise.all(codes.map((code) => api.datasets.indicator({ code })));
    return storedCells(
      details.flatMap((detail) => detail.observations),
      (point) => ('quote' in point && typeof point.quote === 'string' ? point.quote : point.note),
    );
  };
  return {
    reloadHistoryStored: async () => {
      const rows = get().historyRows;
      if (rows.length === 0) return;
      try {
        const stored = await readStored(rows);
        if (get().historyRows === rows) set({ historyStored: stored });
      } catch (error) {
        set({ historyError: toErrorEnvelope(error) });
      }
    },
    historyRows: [],
    historyLastYear: new Date().getFullYear() - 1,
    historyInYearPeriod: '1-11月',
    historyStored: {},
    historyLoading: false,
    historyDraft: {},
    historyUndo: [],
    historyPasteIssues: [],
    historyError: null,
    historySaved: null,
    historySaving: false,
    openHistoryGrid: async (rows) => {
      typingKey = null;
      set({ historyRows: rows, historyLoading: true, historyError: null, historyPasteIssues: [], historySaved: null });
      try {
        const stored = await readStored(rows);
        set({ historyStored: stored, historyLoading: false });
      } catch (error) {
        set({ historyError: toErrorEnvelope(error), historyLoading: false });
      }
    },
    setHistoryInYearPeriod: (period) => set({ historyInYearPeriod: period }),
    editHistoryCell: (key, text) => {
      pushDraft({ ...get().historyDraft, [key]: { text, unit: null } }, key);
      set({ historyPasteIssues: [] });
    },
    pasteHistoryBlock: (text, anchor) => {
      const state = get();
      const rows = state.historyRows;
      const columns = historyGridColumns(state);
      const plan = planPaste(text, rows, columns, anchor);
      const draft = { ...state.historyDraft };
      for (const edit of plan.edits) draft[historyCellKey(rows[edit.row]!, columns[edit.column]!)] = edit.cell;
      if (plan.edits.length > 0) pushDraft(draft, null);
      set({ historyPasteIssues: plan.issues });
    },
    undoHistory: () => {
      const undo = get().historyUndo;
      if (undo.length === 0) return;
      typingKey = null;
      set({ historyDraft: undo.at(-1)!, historyUndo: undo.slice(0, -1), historyPasteIssues: [] });
    },
    discardHistoryDraft: () => {
      if (Object.keys(get().historyDraft).length > 0) pushDraft({}, null);
      set({ historyPasteIssues: [] });
    },
    saveHistory: async () => {
      const state = get();
      const { changes, problems } = changesFromDraft(state.historyRows, historyGridColumns(state), state.historyDraft, state.historyStored);
      // The grid lists the cells that cannot be read; nothing is sent while any is left.
      if (problems.length > 0) return false;
      if (changes.length === 0) {
        set({ historyDraft: {}, historyUndo: [] });
        return true;
      }
      set({ historySaving: true, historyError: null });
      try {
        // Scopes come from the board's targets as text; the contract checks them against SCOPES.
        const saved = await api.datasets.saveObservations({ changes: changes.map((change) => ({ ...change, scope: change.scope as Scope })), note: GRID_NOTE });
        const stored = await readStored(get().historyRows);
        typingKey = null;
        set({ historyStored: stored, historyDraft: {}, historyUndo: [], historySaved: saved, historySaving: false });
        await get().observationsChanged({ historyGrid: false });
        return true;
      } catch (error) {
        set({ historyError: toErrorEnvelope(error), historySaving: false });
        return false;
      }
    },
  };
};
