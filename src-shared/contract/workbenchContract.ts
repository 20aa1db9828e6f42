import { coreContract, type QueryId, type QueryResult } from './services/coreContract';
import type { CallOutcome } from './WorkbenchError';
import { importContract, type ImportProgress } from './services/importContract';
import { notebookContract } from './services/notebookContract';
import { datasetsContract } from './services/datasetsContract';
import { targetsContract } from './services/targetsContract';
import { chartsContract } from './services/chartsContract';
import { desktopContract, type MenuCommandEvent } from './services/desktopContract';
import { briefingContract } from './services/briefingContract';

/**
 * Every request the renderer can make of the main side, with its argument
 * validator and result type. Electron IPC and the browser-mode HTTP host both
 * serve exactly this table; adding a capability means adding a service
 * contract under `services/`, listing it here, and implementing it once in
 * `src-main/services`.
 */
export const workbenchContract = {
  ...coreContract,
  ...importContract,
  ...notebookContract,
  ...datasetsContract,
  ...targetsContract,
  ...chartsContract,
  ...desktopContract,
  ...briefingContract,
} as const;

export type WorkbenchContract = typeof workbenchContract;

export * from './services/coreContract';
export * from './services/importContract';
export * from './services/notebookContract';
export * from './services/datasetsContract';
export * from './services/targetsContract';
export * from './services/chartsContract';
export * from './services/desktopContract';
export * from './services/briefingContract';

/** Events the main side pushes to the renderer. */
export interface WorkbenchEvents {
  /** Progress of a running query or export; `percent` is null where DuckDB reports none. */
  onDidReportProgress: { queryId: QueryId; percent: number | null; elapsedMs: number; phase: 'query' | 'export' | 'import' };
  onDidRestartEngine: { reason: string; restarts: number };
  onDidReportImportProgress: ImportProgress;
  /** Rows of a streamed query (`query.run` with `stream`) kept so far; never more than its final count. */
  onDidStreamRows: { queryId: QueryId; rowsSoFar: number };
  /** A streamed query that answered early is complete (its `window` is null: the first rows came with the answer). */
  onDidFinishQuery: { queryId: QueryId; outcome: CallOutcome<QueryResult> };
  /** The desktop app's menu, a second launch or a double-clicked file asked for something. */
  onDidInvokeMenuCommand: MenuCommandEvent;
}
export type WorkbenchEventName = keyof WorkbenchEvents;
export const workbenchEventNames: readonly WorkbenchEventName[] = [
  'onDidReportProgress',
  'onDidRestartEngine',
  'onDidReportImportProgress',
  'onDidStreamRows',
  'onDidFinishQuery',
  'onDidInvokeMenuCommand',
];
