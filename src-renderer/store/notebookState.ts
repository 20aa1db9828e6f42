import type { Table } from 'apache-arrow';
import type { OpenedNotebook, RecoveryEntry } from '@shared/contract/services/notebookContract';
import type { QueryId, QueryResult } from '@shared/contract/workbenchContract';
import type { ErrorEnvelope } from '@shared/contract/WorkbenchError';
import { defaultChartSpec } from '@shared/domain/chart/ChartSpec';
import { chartColumnsFromArrow } from '@shared/domain/notebook/chartFigure';
import { newCellId, type CellId, type NotebookCell, type NotebookDocument, type SqlCell, type TargetCell } from '@shared/domain/notebook/NotebookDocument';
import { analyzeNotebook, cellStatuses, parameterValues, type CellRunRecord, type CellRunStatus, type NotebookGraph } from '@shared/domain/notebook/notebookDependencies';
import { canonicalNotebookText } from '@shared/domain/notebook/notebookText';

/** A cell's latest run in this session (never saved). */
export interface CellRun {
  status: 'running' | 'done' | 'error' | 'cancelled';
  queryId: QueryId;
  startedAt: number;
  result: Omit<QueryResult, 'window'> | null;
  /** The first rows, for the grid, charts and cards. */
  table: Table | null;
  error: ErrorEnvelope | null;
}

/** The open notebook: the document being edited (its file facts as the contract's OpenedNotebook gives them) plus session state (runs, records, what is on screen). */
export interface OpenNotebookState
  extends Pick<OpenedNotebook, 'handle' | 'path' | 'name' | 'origin' | 'readOnly' | 'document' | 'problems' | 'trusted' | 'trustReason' | 'allowedFolders' | 'migratedFrom'> {
  /** The document as last read or saved; null when there is no file yet. */
  savedDocument: NotebookDocument | null;
  /** The document as opened or last saved: only edits since then are the user's work to autosave. */
  baseline: NotebookDocument;
  /** Unsaved edits of this file from an earlier session, offered back. */
  recoveryOffer: RecoveryEntry | null;
  changedOnDisk: boolean;
  runs: Record<string, CellRun>;
  records: Record<string, CellRunRecord>;
  running: boolean;
  editingCell: CellId | null;
}

export type NotebookDialog = 'open' | 'saveAs' | 'new' | null;

/** A save that needs the user's decision. */
export interface NotebookConflict {
  kind: 'changed-on-disk' | 'exists';
  /** For `exists`: the save-as name the user typed. */
  path: string | null;
}

export type NewCellKind = 'markdown' | 'sql' | 'parameter' | 'chart' | 'target';

function sameContent(a: NotebookDocument, b: NotebookDocument): boolean {
  return a === b || canonicalNotebookText({ ...a, signature: null }) === canonicalNotebookText({ ...b, signature: null });
}

/** Differs from the file (or has no file yet). */
export function isNotebookDirty(state: OpenNotebookState): boolean {
  return state.savedDocument === null || !sameContent(state.document, state.savedDocument);
}

/** Edited since it was opened or saved: what a recovery copy must keep. A fresh template or a restored copy has nothing new. */
export function hasNewEdits(state: OpenNotebookState): boolean {
  return !sameContent(state.document, state.baseline);
}

/** The session's run records, keyed as the dependency rules take them. */
export function runRecords(notebook: Pick<OpenNotebookState, 'records'>): Map<CellId, CellRunRecord> {
  return new Map(Object.entries(notebook.records) as [CellId, CellRunRecord][]);
}

/** Run status of each runnable cell of the open notebook (`cellStatuses`); `graph` when the caller has it already. */
export function notebookStatuses(notebook: Pick<OpenNotebookState, 'document' | 'records'>, graph: NotebookGraph = analyzeNotebook(notebook.document)): Map<CellId, CellRunStatus> {
  return cellStatuses(notebook.document, graph, parameterValues(notebook.document), runRecords(notebook));
}

export function newQueryId(): QueryId {
  return `nb_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}` as QueryId;
}

/** The stems of a new cell's name (查询1, query1), in the UI's language: the name is the view later cells read, and the planner's to rename. */
const NAME_STEMS = {
  zh: { sql: '查询', parameter: '参数', target: '目标' },
  en: { sql: 'query', parameter: 'param', target: 'target' },
} as const;

export interface NewCellOptions {
  /** Where the cell goes; the end by default. */
  index?: number;
  /** A fresh run's table of a cell, for a new chart's first columns. */
  ranTable?: (cellId: CellId) => Table | null;
  /** The UI's language, for the default name. */
  language?: 'zh' | 'en';
}

/**
 * A new cell of `kind`, to be inserted at `index`. A chart draws the nearest
 * named SQL or target cell above it (the rule `chartSourceCell` reads back),
 * with the first chart for that cell's columns when it has run
 * (`defaultChartSpec`), else year against value.
 */
export function newCell(kind: NewCellKind, document: NotebookDocument, options: NewCellOptions = {}): NotebookCell {
  const { index = document.cells.length, ranTable = () => null, language = 'zh' } = options;
  const stems = NAME_STEMS[language];
  const id = newCellId();
  const taken = new Set(document.cells.flatMap((cell) => ('name' in cell && typeof cell.name === 'string' ? [cell.name.toLowerCase()] : [])));
  const freeName = (stem: string) => {
    for (let index = 1; ; index++) if (!taken.has(`${stem}${index}`.toLowerCase())) return `${stem}${index}`;
  };
  switch (kind) {
    case 'markdown':
      return { kind, id, text: '', extra: [] };
    case 'sql':
      return { kind, id, name: freeName(stems.sql), sql: '', extra: [] };
    case 'parameter':
      return { kind, id, name: freeName(stems.parameter), control: 'number', label: null, value: 2024, min: null, max: null, step: null, options: null, extra: [] };
    case 'chart': {
      const source = document.cells
        .slice(0, index)
        .reverse()
        .find((cell): cell is SqlCell | TargetCell => (cell.kind === 'sql' || cell.kind === 'target') && Boolean(cell.name));
      const table = source ? ranTable(source.id) : null;
      const first = table ? defaultChartSpec(chartColumnsFromArrow(table)) : null;
      // A result with no value column to draw (or no columns) gets year against value too: a chart needs an x and a y to be saved.
      const drawn = first && first.x !== '' && first.y.length > 0 ? first : { kind: 'line' as const, x: 'year', y: ['value'] };
      return { kind, id, name: null, chart: { ...drawn, source: source?.name ?? `${stems.sql}1`, title: null, unit: null }, extra: [] };
    }
    case 'target':
      return { kind, id, name: freeName(stems.target), targetId: 't2024_hightech_enterprises', method: 'latest', extra: [] };
  }
}

