import {
  MAX_UPLOAD_CHUNK_BYTES,
  type ImportColumnSpec,
  type ImportId,
  type ImportOutcome,
  type ImportPreview,
  type ImportProgress,
  type ImportProvenance,
  type ImportSettings,
  type ImportSourceId,
} from '@shared/contract/workbenchContract';
import { toErrorEnvelope, type ErrorEnvelope } from '@shared/contract/WorkbenchError';
import type { SliceCreator } from './workbenchStore';

export type ImportMode = 'create' | 'replace' | 'append';
export type ImportDestination = 'table' | 'observations';
export interface ImportIndicator {
  code: string;
  nameZh: string;
  unit: string | null;
}

export interface ImportSlice {
  importPhase: 'idle' | 'uploading' | 'previewing' | 'ready' | 'running' | 'done';
  importUploadPercent: number;
  importSourceId: ImportSourceId | null;
  importPreview: ImportPreview | null;
  importSettings: ImportSettings;
  importColumns: ImportColumnSpec[];
  importTable: string;
  importMode: ImportMode;
  importUnpivot: boolean;
  importDestination: ImportDestination;
  importRunId: ImportId | null;
  importProgress: ImportProgress | null;
  importOutcome: ImportOutcome | null;
  importError: ErrorEnvelope | null;
  importCancelled: boolean;
  importHistory: ImportProvenance[];
  /** The workspace's indicators, for mapping the names of an unpivoted table. */
  importIndicators: ImportIndicator[];
  /** DuckDB files: copy the chosen tables in, or attach the file read-only. */
  importDuckdbMode: 'copy' | 'attach';
  /** DuckDB files: the tables and views chosen (all, when the preview arrives). */
  importRelations: string[];
  /** Name in the file → indicator code; '' leaves the name's rows out; a name not listed is not mapped yet. */
  importIndicatorCodes: Record<string, string>;
  /** The desktop app chooses data files with a native dialog (the main side holds the path); browser mode uses the view's file input. */
  importNativeDialog: boolean;
  /** Uploads a file chosen or dropped by the user in browser mode (or dropped on the window), then previews it. */
  importFile(file: Blob & { name: string }): Promise<void>;
  /** The desktop app's native open dialog for a data file, then its preview; nothing happens when the dialog is cancelled. */
  chooseImportFile(): Promise<void>;
  setImportSettings(patch: Partial<ImportSettings>): Promise<void>;
  setImportColumn(index: number, patch: Partial<Pick<ImportColumnSpec, 'name' | 'type' | 'include'>>): void;
  setImportTable(name: string): void;
  setImportMode(mode: ImportMode): void;
  setImportUnpivot(on: boolean): void;
  setImportDestination(destination: ImportDestination): void;
  /** Maps a name of the unpivoted table to an indicator code ('' to leave it out, null to unset). */
  setImportIndicatorCode(name: string, code: string | null): void;
  setImportDuckdbMode(mode: 'copy' | 'attach'): void;
  setImportRelation(name: string, chosen: boolean): void;
  runImport(): Promise<void>;
  cancelImport(): Promise<void>;
  resetImport(): Promise<void>;
  loadImportHistory(): Promise<void>;
}

/** The choices for the names this preview has (stale names from an earlier sheet are not sent). */
function mappedCodes(state: Pick<ImportSlice, 'importPreview' | 'importIndicatorCodes'>): Record<string, string> {
  const codes: Record<string, string> = {};
  for (const label of state.importPreview?.indicatorLabels ?? []) {
    const code = state.importIndicatorCodes[label.name];
    if (code !== undefined) codes[label.name] = code;
  }
  return codes;
}

function newImportId(): ImportId {
  return `imp_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}` as ImportId;
}

const initial = {
  importPhase: 'idle' as const,
  importUploadPercent: 0,
  importSourceId: null,
  importPreview: null,
  importSettings: {},
  importColumns: [],
  importTable: '',
  importMode: 'create' as const,
  importUnpivot: false,
  importDestination: 'table' as const,
  importRunId: null,
  importProgress: null,
  importOutcome: null,
  importError: null,
  importCancelled: false,
  importIndicatorCodes: {} as Record<string, string>,
  importDuckdbMode: 'copy' as const,
  importRelations: [] as string[],
};

/** The import view: upload, preview with editable columns, run with progress and Cancel. */
export const createImportSlice: SliceCreator<ImportSlice> = (api) => (set, get) => {
  const preview = async (sourceId: ImportSourceId, settings: ImportSettings) => {
    set({ importPhase: 'previewing', importError: null });
    try {
      const result = await api.import.preview({ sourceId, settings });
      if (get().importSourceId !== sourceId) return;
      set({
        importPhase: 'ready',
        importPreview: result,
        importColumns: result.columns,
        importTable: get().importTable || result.suggestedTable,
        importUnpivot: get().importUnpivot && result.unpivot !== null,
        importRelations: result.relations.map((relation) => relation.name),
      });
      if (result.indicatorLabels.length > 0) await matchNames(result.indicatorLabels.map((label) => label.name));
    } catch (error) {
      set({ importPhase: get().importPreview ? 'ready' : 'idle', importError: toErrorEnvelope(error) });
    }
  };
  /** Pre-selects the indicator each name matches (choices already made are kept) and loads the indicator list. */
  const matchNames = async (names: string[]) => {
    try {
      const { matches, indicators } = await api.import.matchIndicators({ names });
      const codes = { ...get().importIndicatorCodes };
      for (const match of matches) if (!(match.name in codes) && match.code !== null) codes[match.name] = match.code;
      set({ importIndicators: indicators, importIndicatorCodes: codes });
    } catch (error) {
      set({ importError: toErrorEnvelope(error) });
    }
  };
  return {
    ...initial,
    importHistory: [],
    importIndicators: [],
    importNativeDialog: api.transportKind === 'electron',
    chooseImportFile: async () => {
      try {
        const { source } = await api.desktop.chooseDataFile({});
        if (!source) return;
        const previous = get().importSourceId;
        if (previous) void api.import.discard({ sourceId: previous }).catch(() => undefined);
        set({ ...initial, importSourceId: source.sourceId });
        await preview(source.sourceId, {});
      } catch (error) {
        set({ importPhase: get().importPreview ? 'ready' : 'idle', importError: toErrorEnvelope(error) });
      }
    },
    importFile: async (file) => {
      const previous = get().importSourceId;
      if (previous) void api.import.discard({ sourceId: previous }).catch(() => undefined);
      set({ ...initial, importPhase: 'uploading' });
      try {
        let sourceId: ImportSourceId | undefined;
        let offset = 0;
        do {
          const chunk = new Uint8Array(await file.slice(offset, offset + MAX_UPLOAD_CHUNK_BYTES).arrayBuffer());
          const reply = await api.import.upload({ ...(sourceId ? { sourceId } : {}), fileName: file.name, totalBytes: file.size, offset, chunk });
          sourceId = reply.sourceId;
          offset += chunk.byteLength;
          set({ importUploadPercent: file.size === 0 ? 100 : Math.round((offset / file.size) * 100) });
        } while (offset < file.size);
        set({ importSourceId: sourceId });
        await preview(sourceId, {});
      } catch (error) {
        set({ importPhase: 'idle', importError: toErrorEnvelope(error) });
      }
    },
    setImportSettings: async (patch) => {
      const sourceId = get().importSourceId;
      if (!sourceId) return;
      const settings = { ...get().importSettings, ...patch };
      // A new sheet has its own table and columns.
      if (patch.sheet !== undefined) delete settings.layout;
      set({ importSettings: settings, ...(patch.sheet !== undefined ? { importTable: '' } : {}) });
      await preview(sourceId, settings);
    },
    setImportColumn: (index, patch) => set({ importColumns: get().importColumns.map((column, at) => (at === index ? { ...column, ...patch } : column)) }),
    setImportTable: (name) => set({ importTable: name }),
    setImportMode: (mode) => set({ importMode: mode }),
    setImportUnpivot: (on) => set({ importUnpivot: on }),
    setImportDestination: (destination) => set({ importDestination: destination }),
    setImportDuckdbMode: (mode) => set({ importDuckdbMode: mode }),
    setImportRelation: (name, chosen) => {
      const others = get().importRelations.filter((relation) => relation !== name);
      set({ importRelations: chosen ? [...others, name] : others });
    },
    setImportIndicatorCode: (name, code) => {
      const codes = { ...get().importIndicatorCodes };
      if (code === null) delete codes[name];
      else codes[name] = code;
      set({ importIndicatorCodes: codes });
    },
    runImport: async () => {
      const state = get();
      if (!state.importSourceId || !state.importPreview) return;
      const importId = newImportId();
      const plan = state.importPreview.unpivot;
      const off = api.events.on('onDidReportImportProgress', (progress) => {
        if (progress.importId === importId) set({ importProgress: progress });
      });
      set({ importPhase: 'running', importRunId: importId, importProgress: null, importError: null, importOutcome: null, importCancelled: false });
      try {
        const outcome = await api.import.run({
          importId,
          sourceId: state.importSourceId,
          settings: state.importSettings,
          columns: state.importColumns,
          table: state.importTable.trim(),
          mode: state.importMode,
          ...(state.importPreview.settings.format === 'duckdb' ? { duckdb: { mode: state.importDuckdbMode, relations: state.importRelations } } : {}),
          unpivot:
            state.importUnpivot && plan && plan.indicatorColumn !== null
              ? { ...plan, indicatorColumn: plan.indicatorColumn, destination: state.importDestination, indicatorCodes: mappedCodes(state), unknownIndicators: 'fail', region: '慈溪市' }
              : null,
        });
        set({ importPhase: 'done', importOutcome: outcome });
        void get().loadImportHistory();
        // The new table shows in the schema sidebar; rows appended to the observations show on the board and under Data sources.
        void get().loadSchema();
        if (outcome.provenance.mode === 'observations') void get().observationsChanged();
      } catch (error) {
        const envelope = toErrorEnvelope(error);
        set({ importPhase: 'ready', importCancelled: envelope.kind === 'cancelled', importError: envelope.kind === 'cancelled' ? null : envelope });
      } finally {
        off();
        set({ importRunId: null });
      }
    },
    cancelImport: async () => {
      const importId = get().importRunId;
      if (importId) await api.import.cancel({ importId });
    },
    resetImport: async () => {
      const sourceId = get().importSourceId;
      set({ ...initial });
      if (sourceId) await api.import.discard({ sourceId }).catch(() => undefined);
    },
    loadImportHistory: async () => {
      try {
        set({ importHistory: (await api.import.history({})).entries });
      } catch (error) {
        set({ importError: toErrorEnvelope(error) });
      }
    },
  };
};
