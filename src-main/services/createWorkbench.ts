import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import type { ClientOf } from '@shared/contract/contractKit';
import { workbenchContract, type WorkbenchContract } from '@shared/contract/workbenchContract';
import { BriefingService } from '../briefing/BriefingService';
import { ChromiumChartImageRenderer } from '../charts/ChromiumChartImageRenderer';
import { SharedChartRenderer } from '../charts/SharedChartRenderer';
import { DatasetQueries } from '../datasets/datasetQueries';
import { datasetsDirectory } from '../datasets/datasetsDirectory';
import { initializeDatasets } from '../datasets/initializeDatasets';
import { EngineClient } from '../engine/EngineClient';
import { engineEntryPoint } from '../engine/engineEntryPoint';
import type { EngineLauncher } from '../engine/engineProtocol';
import { nodeEngineLauncher } from '../engine/nodeEngineLauncher';
import { createLocalClient } from '../host/createLocalClient';
import { Importer } from '../import/Importer';
import { ImportSources } from '../import/importSources';
import { notebookFolders } from '../notebook/notebookFolders';
import { defaultSigningKeyFile } from '../notebook/notebookSigning';
import { NotebookService } from '../notebook/NotebookService';
import { createTargetTables } from '../targets/targetStore';
import { TargetEvaluation } from '../targets/targetEvaluation';
import { QueryHistory } from '../workspace/QueryHistory';
import type { WorkspaceLocation } from '../workspace/workspaceLocation';
import { engineExec } from '../workspace/workspaceSql';
import type { NativeDialogs } from './NativeDialogs';
import { WorkbenchService, type WorkbenchServices } from './WorkbenchService';
import packageJson from '../../package.json';
import { cleanCrashLeftovers } from '../workspace/crashLeftovers';

export interface Workbench {
  service: WorkbenchService;
  /** In-process client with the adapters' validation and defaults (CLI, tests). */
  client: ClientOf<WorkbenchContract>;
  engine: EngineClient;
  workspace: WorkspaceLocation;
  /** The services behind the contract (the CLI registers import paths through `services.imports.sources`). */
  services: WorkbenchServices;
  dispose(): void;
}

export interface CreateWorkbenchOptions {
  workspace: WorkspaceLocation;
  host: 'electron' | 'browser';
  /** Electron passes a utility-process launcher; everything else forks Node. */
  launcher?: EngineLauncher;
  interruptGraceMs?: number;
  dialogs?: NativeDialogs;
  /** Load the bundled indicator datasets at start-up (default true; the entry points turn it off for IWB_BUNDLED_DATASETS=off). */
  bundledDatasets?: boolean;
  /** The bundled datasets' folder (IWB_DATASETS_DIR); default: found from the built app. */
  datasetsDirectory?: string;
  /** The key that signs trusted notebooks; default: in the user data folder. */
  signingKeyFile?: string;
  /** Where exports go when it exists; default ~/Downloads (else the workspace's exports folder). */
  downloadsDirectory?: string;
  /** Where the first data-file dialog starts (default: ~/Documents); tests point it elsewhere. */
  documentsDirectory?: string;
}

/**
 * The composition root: builds the engine and every service of one workspace
 * with its options, runs the workspace start-up, and returns them wired.
 * Nothing below reads the environment or keeps module-level state.
 */
export async function createWorkbench(options: CreateWorkbenchOptions): Promise<Workbench> {
  const launcher =
    options.launcher ??
    (() => {
      const { entry, execArgv } = engineEntryPoint();
      return nodeEngineLauncher(entry, execArgv);
    })();
  const engine = new EngineClient(launcher, {
    workspacePath: options.workspace.databaseFile,
    ...(options.interruptGraceMs !== undefined ? { interruptGraceMs: options.interruptGraceMs } : {}),
  });
  // What a crash left (import staging, half-written saves, spent recovery copies) goes before anything else starts.
  await cleanCrashLeftovers(notebookFolders(options.workspace, null));
  await engine.start();
  const exec = engineExec(engine);

  // Workspace start-up, in order; each step is idempotent (it runs on every start).
  const datasetsStartup = await initializeDatasets(exec, {
    enabled: options.bundledDatasets ?? true,
    directory: () => datasetsDirectory(options.datasetsDirectory),
  });
  await createTargetTables(exec);
  // A workspace whose own `targets` lacks the loader's columns has no evaluation to show; SQL that names
  // target_status refreshes it first and then reports the loader's error, so start-up goes on.
  const targetStatus = new TargetEvaluation(exec);
  await targetStatus.refresh().catch(() => undefined);

  const importSources = new ImportSources();
  const chartRenderer = new SharedChartRenderer(() => ChromiumChartImageRenderer.launch());
  // The briefing service runs notebooks through the whole API, which exists once the service below is built.
  let service: WorkbenchService | null = null;
  const services: WorkbenchServices = {
    exec,
    history: QueryHistory.forWorkspace(options.workspace.directory),
    targetStatus,
    notebooks: new NotebookService({
      engine,
      workspace: options.workspace,
      folders: notebookFolders(options.workspace),
      keyFile: options.signingKeyFile ?? defaultSigningKeyFile(),
      targetStatus,
    }),
    datasets: { queries: new DatasetQueries(exec), startup: datasetsStartup },
    imports: { sources: importSources, importer: new Importer(engine, importSources) },
    chartRenderer,
    briefings: new BriefingService({
      api: () => service!.api,
      exec,
      renderer: () => chartRenderer.use(async (shared) => shared),
    }),
  };
  const downloads = options.downloadsDirectory ?? join(homedir(), 'Downloads');
  const documents = options.documentsDirectory ?? join(homedir(), 'Documents');
  service = new WorkbenchService({
    engine,
    workspace: options.workspace,
    host: options.host,
    version: packageJson.version,
    ...(options.dialogs ? { dialogs: options.dialogs } : {}),
    exportDirectory: () => (existsSync(downloads) ? downloads : join(options.workspace.directory, 'exports')),
    documentsDirectory: () => (existsSync(documents) ? documents : homedir()),
    services,
  });
  return {
    service,
    client: createLocalClient(workbenchContract, service.api),
    engine,
    workspace: options.workspace,
    services,
    dispose: () => engine.dispose(),
  };
}
