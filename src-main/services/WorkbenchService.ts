import type { ImplementationOf } from '@shared/contract/contractKit';
import type {
  QueryId,
  WorkbenchContract,
  WorkbenchEventName,
  WorkbenchEvents,
} from '@shared/contract/workbenchContract';
import type { EngineClient } from '../engine/EngineClient';

export type WorkbenchEventListener = <K extends WorkbenchEventName>(name: K, payload: WorkbenchEvents[K]) => void;

export interface WorkbenchServiceOptions {
  engine: EngineClient;
  host: 'electron' | 'browser';
  version: string;
}

/**
 * The one implementation of the workbench contract. Both adapters (Electron
 * IPC and the browser-mode HTTP host) hand validated calls to this object.
 */
export class WorkbenchService {
  readonly api: ImplementationOf<WorkbenchContract>;
  private readonly listeners = new Set<WorkbenchEventListener>();

  constructor(private readonly options: WorkbenchServiceOptions) {
    const { engine } = options;
    engine.onDidReportProgress((report) => this.emit('onDidReportProgress', report));
    engine.onDidRestartEngine((event) => this.emit('onDidRestartEngine', event));

    this.api = {
      app: {
        info: async () => {
          await engine.start();
          return {
            version: options.version,
            duckdbVersion: engine.duckdbVersion,
            workspacePath: engine.workspacePath,
            host: options.host,
            engine: { pid: engine.pid, restarts: engine.restarts },
          };
        },
      },
      query: {
        run: (input) => engine.call('run', input),
        cancel: async ({ queryId }) => ({ outcome: await engine.cancel(queryId as QueryId) }),
      },
      result: {
        fetch: (input) => engine.call('fetch', input),
        close: (input) => engine.call('closeResult', input),
      },
      schema: {
        list: () => engine.call('listSchema', {}),
      },
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
    return this.options.engine;
  }
}
