import { tableFromIPC } from 'apache-arrow';
import type { NotebookHandle, NotebookListing, OpenedNotebook } from '@shared/contract/services/notebookContract';
import type { QueryId } from '@shared/contract/workbenchContract';
import { toErrorEnvelope, type ErrorEnvelope } from '@shared/contract/WorkbenchError';
import type { CellId, NotebookCell, NotebookDocument, ParameterValue } from '@shared/domain/notebook/NotebookDocument';
import { checkNotebook } from '@shared/domain/notebook/notebookCheck';
import { analyzeNotebook, cellInputKey, isChartedCell, parameterValues } from '@shared/domain/notebook/notebookDependencies';
import { nextCell, planNotebookRun, runCompleted, type CellOutcome } from '@shared/domain/notebook/notebookRunPlan';
import { hasNewEdits, isNotebookDirty, newCell, newQueryId, notebookStatuses, runRecords, type NewCellKind, type NotebookConflict, type NotebookDialog, type OpenNotebookState } from './notebookState';
import { CHART_MAX_ROWS } from '@shared/domain/chart/chartRows';
import type { SliceCreator } from './workbenchStore';
import { languageOf } from '../i18n/translate';

export type { CellRun, NewCellKind, NotebookConflict, NotebookDialog, OpenNotebookState } from './notebookState';
export { isNotebookDirty } from './notebookState';

export interface NotebookSlice {
  notebook: OpenNotebookState | null;
  notebookListing: NotebookListing | null;
  notebookDialog: NotebookDialog;
  notebookError: ErrorEnvelope | null;
  notebookConflict: NotebookConflict | null;
  notebookBusy: boolean;
  loadNotebookListing(): Promise<void>;
  setNotebookDialog(dialog: NotebookDialog): void;
  openNotebook(path: string): Promise<void>;
  openNotebookBytes(name: string, bytes: Uint8Array<ArrayBuffer>): Promise<void>;
  newNotebook(template: string): Promise<void>;
  restoreNotebookRecovery(recoveryId: string): Promise<void>;
  discardNotebookRecovery(recoveryId: string): Promise<void>;
  closeNotebook(): Promise<void>;
  /** Saves to the file, or as `path`; returns whether it was written. */
  saveNotebook(options?: { path?: string | null; overwrite?: boolean }): Promise<boolean>;
  reloadNotebook(): Promise<void>;
  trustNotebook(): Promise<void>;
  checkNotebookOnDisk(): Promise<void>;
  setNotebookTitle(title: string): void;
  updateCell(id: CellId, update: (cell: NotebookCell) => NotebookCell): void;
  addCell(kind: NewCellKind, afterId: CellId | null): void;
  moveCell(id: CellId, delta: -1 | 1): void;
  deleteCell(id: CellId): void;
  setParameterValue(id: CellId, value: ParameterValue): void;
  setEditingCell(id: CellId | null): void;
  runNotebookCell(id: CellId): Promise<void>;
  runAllCells(): Promise<void>;
  cancelNotebookRun(): Promise<void>;
  dismissNotebookError(): void;
  dismissNotebookConflict(): void;
  /** Writes the recovery copy now if there are unsaved edits (before leaving the page). */
  flushNotebookAutosave(): Promise<void>;
}

/** Rows each cell result brings with it for its grid and target card; a cell a chart draws brings `CHART_MAX_ROWS`, as `iwb run` draws. */
export const CELL_WINDOW_ROWS = 1000;
/** Unsaved edits reach the recovery copy this long after the last keystroke. */
export const AUTOSAVE_DELAY_MS = 1000;

export const createNotebookSlice: SliceCreator<NotebookSlice> = (api) => (set, get) => {
  let autosaveTimer: ReturnType<typeof setTimeout> | null = null;
  let runChain: Promise<void> = Promise.resolve();
  let runGeneration = 0;
  let outputVersion = 0;
  let currentQuery: QueryId | null = null;

  const patch = (update: Partial<OpenNotebookState> | ((state: OpenNotebookState) => Partial<OpenNotebookState>), handle?: NotebookHandle) =>
    set((state) => {
      const notebook = state.notebook;
      if (!notebook || (handle && notebook.handle !== handle)) return {};
      return { notebook: { ...notebook, ...(typeof update === 'function' ? update(notebook) : update) } };
    });

  const fail = (error: unknown) => set({ notebookError: toErrorEnvelope(error), notebookBusy: false });

  const scheduleAutosave = () => {
    if (autosaveTimer) clearTimeout(autosaveTimer);
    autosaveTimer = setTimeout(() => {
      autosaveTimer = null;
      void autosaveNow();
    }, AUTOSAVE_DELAY_MS);
  };

  const autosaveNow = async () => {
    const notebook = get().notebook;
    if (!notebook || !isNotebookDirty(notebook) || !hasNewEdits(notebook)) return;
    try {
      await api.notebook.autosave({ handle: notebook.handle, document: notebook.document });
    } catch (error) {
      set({ notebookError: toErrorEnvelope(error) });
    }
  };

  const edit = (update: (document: NotebookDocument) => NotebookDocument) => {
    patch((state) => {
      const document = update(state.document);
      // Lines refer to the file as read; after edits problems are shown at their cells instead.
      return { document, problems: checkNotebook({ document, cellLines: document.cells.map(() => 0) }) };
    });
    scheduleAutosave();
  };

  const adopt = async (opened: OpenedNotebook) => {
    const previous = get().notebook;
    if (previous && previous.handle !== opened.handle) {
      if (autosaveTimer) clearTimeout(autosaveTimer);
      autosaveTimer = null;
      if (isNotebookDirty(previous)) await autosaveNow();
      void api.notebook.close({ handle: previous.handle }).catch(() => undefined);
    }
    runGeneration += 1;
    set({
      notebookBusy: false,
      notebookError: null,
      notebookDialog: null,
      notebookConflict: null,
      notebook: {
        handle: opened.handle,
        path: opened.path,
        name: opened.name,
        origin: opened.origin,
        readOnly: opened.readOnly,
        document: opened.document,
        // A dropped file counts as saved (its bytes are the user's own file); restored or migrated edits do not.
        savedDocument: opened.dirty ? null : opened.document,
        baseline: opened.document,
        problems: opened.problems,
        trusted: opened.trusted,
        trustReason: opened.trustReason,
        allowedFolders: opened.allowedFolders,
        migratedFrom: opened.migratedFrom,
        recoveryOffer: opened.recovery,
        changedOnDisk: false,
        runs: {},
        records: {},
        running: false,
        editingCell: null,
      },
    });
    // Trusted notebooks run on open, so their results and charts are there; untrusted ones wait for the user.
    if (opened.trusted && !opened.problems.some((problem) => problem.severity === 'error')) await get().runAllCells();
  };

  /** Runs the planned cells in the order `nextCell` gives them (it stops at the first failure). Returns false when stopped. */
  const runCellsNow = async (handle: NotebookHandle, ids: readonly CellId[], generation: number): Promise<boolean> => {
    const outcomes: Partial<Record<CellId, CellOutcome>> = {};
    for (let id = nextCell(ids, outcomes); id !== null; id = nextCell(ids, outcomes)) {
      const state = get().notebook;
      if (!state || state.handle !== handle || generation !== runGeneration) return false;
      const cell = state.document.cells.find((candidate) => candidate.id === id);
      if (!cell || (cell.kind !== 'sql' && cell.kind !== 'target')) {
        outcomes[id] = 'skipped';
        continue;
      }
      const graph = analyzeNotebook(state.document);
      const values = parameterValues(state.document);
      const records = runRecords(state);
      const inputKey = cellInputKey(cell, graph, values, records);
      const queryId = newQueryId();
      currentQuery = queryId;
      patch((current) => ({ runs: { ...current.runs, [id]: { status: 'running', queryId, startedAt: Date.now(), result: null, table: null, error: null } } }), handle);
      const parameters = state.document.cells.flatMap((candidate) =>
        candidate.kind === 'parameter' ? [{ name: candidate.name, value: candidate.value, control: candidate.control }] : [],
      );
      try {
        const windowRows = isChartedCell(state.document, id) ? CHART_MAX_ROWS : CELL_WINDOW_ROWS;
        const result = await api.notebook.runCell({ handle, queryId, cell, parameters, windowRows });
        const { window, ...meta } = result;
        const table = window ? tableFromIPC(window.arrow) : null;
        outputVersion += 1;
        const version = outputVersion;
        patch(
          (current) => ({
            runs: { ...current.runs, [id]: { status: 'done', queryId, startedAt: current.runs[id]?.startedAt ?? Date.now(), result: meta, table, error: null } },
            records: { ...current.records, [id]: { inputKey, outputVersion: version } },
          }),
          handle,
        );
        outcomes[id] = 'done';
      } catch (error) {
        const envelope = toErrorEnvelope(error);
        if (envelope.code === 'notebook-session-reset') {
          // The engine restarted: every view and variable is gone. Start again from the top.
          patch({ runs: {}, records: {} }, handle);
          get().setNotice(envelope.message);
          const again = get().notebook;
          if (!again) return false;
          return runCellsNow(handle, planNotebookRun(again.document, {}, { kind: 'all' }), generation);
        }
        patch(
          (current) => ({
            runs: {
              ...current.runs,
              [id]: { status: envelope.kind === 'cancelled' ? 'cancelled' : 'error', queryId, startedAt: current.runs[id]?.startedAt ?? Date.now(), result: null, table: null, error: envelope.kind === 'cancelled' ? null : envelope },
            },
          }),
          handle,
        );
        outcomes[id] = envelope.kind === 'cancelled' ? 'cancelled' : 'failed';
      } finally {
        currentQuery = null;
      }
    }
    return runCompleted(ids, outcomes);
  };

  const enqueueRun = (ids: readonly CellId[], fresh = false): Promise<void> => {
    const notebook = get().notebook;
    if (!notebook || ids.length === 0) return Promise.resolve();
    const handle = notebook.handle;
    const generation = runGeneration;
    runChain = runChain.then(async () => {
      if (get().notebook?.handle !== handle) return;
      patch({ running: true }, handle);
      try {
        if (fresh) {
          await api.notebook.resetSession({ handle });
          patch({ records: {} }, handle);
        }
        await runCellsNow(handle, ids, generation);
      } catch (error) {
        fail(error);
      } finally {
        patch({ running: false }, handle);
      }
    });
    return runChain;
  };

  return {
    notebook: null,
    notebookListing: null,
    notebookDialog: null,
    notebookError: null,
    notebookConflict: null,
    notebookBusy: false,

    loadNotebookListing: async () => {
      try {
        set({ notebookListing: await api.notebook.list({}) });
      } catch (error) {
        fail(error);
      }
    },

    setNotebookDialog: (dialog) => {
      set({ notebookDialog: dialog });
      if (dialog === 'open' || dialog === 'new') void get().loadNotebookListing();
    },

    openNotebook: async (path) => {
      set({ notebookBusy: true, notebookError: null });
      try {
        await adopt(await api.notebook.open({ path }));
      } catch (error) {
        fail(error);
      }
    },

    openNotebookBytes: async (name, bytes) => {
      set({ notebookBusy: true, notebookError: null });
      try {
        await adopt(await api.notebook.openBytes({ name, bytes }));
      } catch (error) {
        fail(error);
      }
    },

    newNotebook: async (template) => {
      set({ notebookBusy: true, notebookError: null });
      try {
        await adopt(await api.notebook.create({ template }));
      } catch (error) {
        fail(error);
      }
    },

    restoreNotebookRecovery: async (recoveryId) => {
      set({ notebookBusy: true, notebookError: null });
      try {
        await adopt(await api.notebook.openRecovery({ recoveryId }));
      } catch (error) {
        fail(error);
      }
    },

    discardNotebookRecovery: async (recoveryId) => {
      try {
        await api.notebook.discardRecovery({ recoveryId });
        set((state) => ({
          notebook: state.notebook?.recoveryOffer?.recoveryId === recoveryId ? { ...state.notebook, recoveryOffer: null } : state.notebook,
          notebookListing: state.notebookListing
            ? { ...state.notebookListing, recoveries: state.notebookListing.recoveries.filter((entry) => entry.recoveryId !== recoveryId) }
            : null,
        }));
      } catch (error) {
        fail(error);
      }
    },

    closeNotebook: async () => {
      const notebook = get().notebook;
      if (!notebook) return;
      if (autosaveTimer) clearTimeout(autosaveTimer);
      autosaveTimer = null;
      if (isNotebookDirty(notebook)) await autosaveNow();
      runGeneration += 1;
      set({ notebook: null, notebookConflict: null });
      await api.notebook.close({ handle: notebook.handle }).catch(() => undefined);
      await get().loadNotebookListing();
    },

    saveNotebook: async (options = {}) => {
      const notebook = get().notebook;
      if (!notebook) return false;
      const path = options.path ?? null;
      if (path === null && (notebook.path === null || notebook.readOnly)) {
        set({ notebookDialog: 'saveAs' });
        return false;
      }
      set({ notebookBusy: true, notebookError: null });
      try {
        const document = notebook.document;
        const saved = await api.notebook.save({ handle: notebook.handle, document, path, overwrite: options.overwrite ?? false });
        if (autosaveTimer) clearTimeout(autosaveTimer);
        autosaveTimer = null;
        patch(
          (current) => ({
            path: saved.path,
            name: saved.name,
            origin: 'file',
            readOnly: false,
            // Edits made while saving stay unsaved: only the signature comes back.
            document: current.document === document ? saved.document : { ...current.document, signature: saved.document.signature },
            savedDocument: saved.document,
            baseline: saved.document,
            trusted: saved.trusted,
            changedOnDisk: false,
            recoveryOffer: null,
          }),
          notebook.handle,
        );
        set({ notebookBusy: false, notebookDialog: null, notebookConflict: null });
        return true;
      } catch (error) {
        const envelope = toErrorEnvelope(error);
        if (envelope.code === 'notebook-changed-on-disk' || envelope.code === 'notebook-exists') {
          set({ notebookBusy: false, notebookConflict: { kind: envelope.code === 'notebook-exists' ? 'exists' : 'changed-on-disk', path } });
          return false;
        }
        if (envelope.code === 'notebook-needs-path') {
          set({ notebookBusy: false, notebookDialog: 'saveAs' });
          return false;
        }
        fail(error);
        return false;
      }
    },

    reloadNotebook: async () => {
      const notebook = get().notebook;
      if (!notebook) return;
      set({ notebookBusy: true, notebookConflict: null });
      try {
        await adopt(await api.notebook.reload({ handle: notebook.handle }));
      } catch (error) {
        fail(error);
      }
    },

    trustNotebook: async () => {
      const notebook = get().notebook;
      if (!notebook) return;
      try {
        const outcome = await api.notebook.trust({ handle: notebook.handle, document: notebook.document });
        runGeneration += 1;
        patch(
          {
            trusted: true,
            trustReason: 'user',
            allowedFolders: null,
            runs: {},
            records: {},
            ...(outcome.signed ? { document: outcome.document, savedDocument: outcome.document, baseline: outcome.document } : {}),
          },
          notebook.handle,
        );
        await get().runAllCells();
      } catch (error) {
        fail(error);
      }
    },

    checkNotebookOnDisk: async () => {
      const notebook = get().notebook;
      if (!notebook || notebook.path === null) return;
      try {
        const status = await api.notebook.diskStatus({ handle: notebook.handle });
        patch({ changedOnDisk: status.changed }, notebook.handle);
      } catch {
        // A transient failure here is not worth a banner; the save checks again.
      }
    },

    setNotebookTitle: (title) => edit((document) => ({ ...document, title: title === '' ? null : title })),

    updateCell: (id, update) => edit((document) => ({ ...document, cells: document.cells.map((cell) => (cell.id === id ? update(cell) : cell)) })),

    addCell: (kind, afterId) => {
      const notebook = get().notebook;
      if (!notebook) return;
      const at = afterId === null ? 0 : notebook.document.cells.findIndex((candidate) => candidate.id === afterId) + 1;
      // Only a run of the cell as it reads now: a table from before its SQL changed would name other columns.
      // (Asked only for a chart, so the statuses are worked out only then.)
      const ran = (cellId: CellId) => {
        const run = notebook.runs[cellId];
        return run?.status === 'done' && notebookStatuses(notebook).get(cellId) === 'fresh' ? run.table : null;
      };
      const cell = newCell(kind, notebook.document, { index: at, ranTable: ran, language: languageOf(get().locale) });
      edit((current) => ({ ...current, cells: [...current.cells.slice(0, at), cell, ...current.cells.slice(at)] }));
      if (kind === 'markdown') set((state) => (state.notebook ? { notebook: { ...state.notebook, editingCell: cell.id } } : {}));
    },

    moveCell: (id, delta) =>
      edit((document) => {
        const index = document.cells.findIndex((cell) => cell.id === id);
        const target = index + delta;
        if (index === -1 || target < 0 || target >= document.cells.length) return document;
        const cells = [...document.cells];
        [cells[index], cells[target]] = [cells[target]!, cells[index]!];
        return { ...document, cells };
      }),

    deleteCell: (id) => edit((document) => ({ ...document, cells: document.cells.filter((cell) => cell.id !== id) })),

    setParameterValue: (id, value) => {
      const before = get().notebook;
      if (!before) return;
      const cell = before.document.cells.find((candidate) => candidate.id === id);
      if (!cell || cell.kind !== 'parameter' || cell.value === value) return;
      get().updateCell(id, (current) => (current.kind === 'parameter' ? { ...current, value } : current));
      const after = get().notebook!;
      // Re-run what reads the parameter, once the notebook may run (trusted, or the user ran it).
      if (!after.trusted && Object.keys(after.records).length === 0) return;
      void enqueueRun(planNotebookRun(after.document, after.records, { kind: 'parameters', parameters: [cell.name] }));
    },

    setEditingCell: (id) => patch({ editingCell: id }),

    runNotebookCell: (id) => {
      const notebook = get().notebook;
      if (!notebook) return Promise.resolve();
      return enqueueRun(planNotebookRun(notebook.document, notebook.records, { kind: 'cells', cells: [id] }));
    },

    runAllCells: () => {
      const notebook = get().notebook;
      if (!notebook) return Promise.resolve();
      runGeneration += 1;
      return enqueueRun(planNotebookRun(notebook.document, notebook.records, { kind: 'all' }), true);
    },

    cancelNotebookRun: async () => {
      runGeneration += 1;
      const queryId = currentQuery;
      if (queryId) await api.notebook.cancel({ queryId }).catch(() => undefined);
    },

    dismissNotebookError: () => set({ notebookError: null }),
    dismissNotebookConflict: () => set({ notebookConflict: null }),

    flushNotebookAutosave: async () => {
      if (autosaveTimer) clearTimeout(autosaveTimer);
      autosaveTimer = null;
      await autosaveNow();
    },
  };
};
