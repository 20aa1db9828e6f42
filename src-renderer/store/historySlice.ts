import type { HistoryEntry } from '@shared/contract/workbenchContract';
import { toErrorEnvelope, type ErrorEnvelope } from '@shared/contract/WorkbenchError';
import type { SliceCreator } from './workbenchStore';

export interface HistorySlice {
  historyOpen: boolean;
  historyEntries: HistoryEntry[];
  historyError: ErrorEnvelope | null;
  toggleHistory(open?: boolean): void;
  loadHistory(search?: string): Promise<void>;
  clearHistory(): Promise<void>;
}

/** The workspace's query history, kept by the main side; newest first. */
export const createHistorySlice: SliceCreator<HistorySlice> = (api) => (set, get) => ({
  historyOpen: false,
  historyEntries: [],
  historyError: null,
  toggleHistory: (open) => {
    const next = open ?? !get().historyOpen;
    set({ historyOpen: next });
    if (next) void get().loadHistory();
  },
  loadHistory: async (search = '') => {
    try {
      const { entries } = await api.history.list({ limit: 300, search });
      set({ historyEntries: entries, historyError: null });
    } catch (error) {
      set({ historyError: toErrorEnvelope(error) });
    }
  },
  clearHistory: async () => {
    await api.history.clear({});
    set({ historyEntries: [] });
  },
});
