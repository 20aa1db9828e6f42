import type { BriefingExportFormat, BriefingExportOutcome } from '@shared/contract/workbenchContract';
import { toErrorEnvelope, type ErrorEnvelope } from '@shared/contract/WorkbenchError';
import type { SliceCreator } from './workbenchStore';

export interface BriefingSlice {
  briefingBusy: boolean;
  briefingError: ErrorEnvelope | null;
  /** What the last briefing export made, for the status line. */
  briefingDone: BriefingExportOutcome | null;
  /** Runs the open notebook's saved file and returns the briefing (with bytes in browser mode). */
  exportBriefing(format: BriefingExportFormat): Promise<BriefingExportOutcome | null>;
}

export const createBriefingSlice: SliceCreator<BriefingSlice> = (api) => (set, get) => ({
  briefingBusy: false,
  briefingError: null,
  briefingDone: null,
  exportBriefing: async (format) => {
    const notebook = get().notebook;
    if (!notebook?.path) return null;
    set({ briefingBusy: true, briefingError: null, briefingDone: null });
    try {
      const parameters = notebook.document.cells.flatMap((cell): [string, string][] => (cell.kind === 'parameter' ? [[cell.name, String(cell.value)]] : []));
      const destination = get().appInfo?.nativeDialogs === true ? 'dialog' : 'bytes';
      const outcome = await api.briefing.export({ path: notebook.path, format, parameters, destination });
      set({ briefingDone: outcome });
      return outcome;
    } catch (error) {
      set({ briefingError: toErrorEnvelope(error) });
      return null;
    } finally {
      set({ briefingBusy: false });
    }
  },
});
