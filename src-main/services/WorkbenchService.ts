import type { ImplementationOf } from '@shared/contract/contractKit';
import type { WorkbenchContract, WorkbenchEventName, WorkbenchEvents } from '@shared/contract/workbenchContract';
import type { EngineClient } from '../engine/EngineClient';
import type { BriefingService } from '../briefing/BriefingService';
import type { HtmlPdfPrinter } from '../briefing/notebookBriefing';
import type { ChartImageRenderer } from '../charts/ChartImageRenderer';
import type { SharedChartRenderer } from '../charts/SharedChartRenderer';
import type { DatasetQueries } from '../datasets/datasetQueries';
import type { DatasetsStartupOutcome } from '../datasets/initializeDatasets';
import type { NotebookService } from '../notebook/NotebookService';
import type { TargetEvaluation } from '../targets/targetEvaluation';
import type { QueryHistory } from '../workspace/QueryHistory';
import type { ExecSql } from '../workspace/workspaceSql';
import { createCoreApi } from './coreApi';
import { createNotebookApi } from './notebookApi';
import { createDatasetsApi } from './datasetsApi';
import { createTargetsApi } from './targetsApi';
import { createChartsApi } from './chartsApi';
import { createBriefingApi } from './briefingApi';
import { createImportApi, type ImportServices } from './importApi';
import { createDesktopApi } from './desktopApi';
import type { ServiceContext } from './ServiceContext';

export type WorkbenchEventListener = <K extends WorkbenchEventName>(name: K, payload: WorkbenchEvents[K]) => void;

/** The services behind the contract, each built once by `createWorkbench`. */
export interface WorkbenchServices {
  /** Internal statements on the engine's aux connection. */
  exec: ExecSql;
  history: QueryHistory;
  /** The board's evaluation of every target, made once per change of its inputs (the board, `target_status`). */
  targetStatus: TargetEvaluation;
  notebooks: NotebookService;
  datasets: { queries: DatasetQueries; startup: DatasetsStartupOutcome };
  imports: ImportServices;
  chartRenderer: SharedChartRenderer<ChartImageRenderer & HtmlPdfPrinter>;
  /** Runs saved notebooks headless (`iwb run`) and makes their briefings. */
  briefings: BriefingService;
}

/** The service context (less `emit`, which the service provides) and the services it is composed of. */
export interface WorkbenchServiceOptions extends Omit<ServiceContext, 'emit'> {
  services: WorkbenchServices;
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

  constructor({ services, ...options }: WorkbenchServiceOptions) {
    this.context = { ...options, emit: (name, payload) => this.emit(name, payload) };
    options.engine.onDidReportProgress(({ phase, ...report }) => {
      // A part of a file loaded in parts: the importer reports the whole load (onDidReportImportProgress).
      if (phase !== 'import-part') this.emit('onDidReportProgress', { ...report, phase });
    });
    options.engine.onDidRestartEngine((event) => this.emit('onDidRestartEngine', event));
    this.api = {
      ...createCoreApi(this.context, services.history, services.targetStatus),
      ...createNotebookApi(this.context, services.notebooks),
      ...createDatasetsApi(services.datasets.queries, services.datasets.startup),
      ...createTargetsApi(services.exec, services.targetStatus),
      ...createChartsApi(this.context, services.chartRenderer),
      ...createBriefingApi(this.context, services.briefings),
      ...createImportApi(this.context, services.imports),
      ...createDesktopApi(this.context, services.imports.sources),
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
