import { coreContract, type QueryId } from './services/coreContract';
import { importContract, type ImportProgress } from './services/importContract';
import { notebookContract } from './services/notebookContract';
import { datasetsContract } from './services/datasetsContract';
import { targetsContract } from './services/targetsContract';
import { chartsContract } from './services/chartsContract';
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
  ...briefingContract,
} as const;

export type WorkbenchContract = typeof workbenchContract;

export * from './services/coreContract';
export * from './services/importContract';
export * from './services/notebookContract';
export * from './services/datasetsContract';
export * from './services/targetsContract';
export * from './services/chartsContract';
export * from './services/briefingContract';

/** Events the main side pushes to the renderer. */
export interface WorkbenchEvents {
  /** Progress of a running query or export; `percent` is null where DuckDB reports none. */
  onDidReportProgress: { queryId: QueryId; percent: number | null; elapsedMs: number; phase: 'query' | 'export' | 'import' };
  onDidRestartEngine: { reason: string; restarts: number };
  onDidReportImportProgress: ImportProgress;
}
export type WorkbenchEventName = keyof WorkbenchEvents;
export const workbenchEventNames: readonly WorkbenchEventName[] = ['onDidReportProgress', 'onDidRestartEngine', 'onDidReportImportProgress'];
