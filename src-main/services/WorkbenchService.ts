import type { ImplementationOf } from '@shared/contract/contractKit';
import type { WorkbenchContract, WorkbenchEventName, WorkbenchEvents } from '@shared/contract/workbenchContract';
import type { EngineClient } from '../engine/EngineClient';
import type { WorkspaceLocation } from '../workspace/workspaceLocation';
import { createCoreApi } from './coreApi';
import { createNotebookApi } from './notebookApi';
import { createDatasetsApi } from './datasetsApi';
import { createTargetsApi } from './targetsApi';
import { createChartsApi } from './chartsApi';
import { createImportApi } from './importApi';
import { createDesktopApi } from './desktopApi';
import type { ServiceContext } from './ServiceContext';
import type { NativeDialogs } from './NativeDialogs';

export type WorkbenchEventListener = <K extends WorkbenchEventName>(name: K, payload: WorkbenchEvents[K]) => void;

export interface WorkbenchServiceOptions {
  engine: EngineClient;
  workspace: WorkspaceLocation;
  host: 'electron' | 'browser';
  version: string;
  dialogs?: NativeDialogs;
}

/**
 * The one implementation of the workbench contract, composed of one module
 * per service. Both adapters (Electron IPC and the browser-mode HTTP host)
 * hand validated calls to `api`.
 */
export class WorkbenchService {
  readonly api: ImplementationOf<WorkbenchContract>;
  readonly context: ServiceContext;
  private readonly listeners = new Set<WorkbenchEventListener>();

  constructor(options: WorkbenchServiceOptions) {
    this.context = { ...options, emit: (name, payload) => this.emit(name, payload) };
    options.engine.onDidReportProgress(({ phase, ...report }) => {
      // A part of a file loaded in parts: the importer reports the whole load (onDidReportImportProgress).
      if (phase !== 'import-part') this.emit('onDidReportProgress', { ...report, phase });
    });
    options.engine.onDidRestartEngine((event) => this.emit('onDidRestartEngine', event));
    this.api = {
      ...createCoreApi(this.context),
      ...createNotebookApi(this.context),
      ...createDatasetsApi(this.context),
      ...createTargetsApi(this.context),
      ...createChartsApi(this.context, () => this.api),
      ...createImportApi(this.context),
      ...createDesktopApi(this.context),
    };
  }

  onDidEmit(listener: WorkbenchEventListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private emit<K extends WorkbenchEventName>(name: K, payload: WorkbenchEvents[K]): void {
    for (const listener of this.listeners) listener(name, payload);
  }

  get engine(): EngineClient {
    return this.context.engine;
  }
}
