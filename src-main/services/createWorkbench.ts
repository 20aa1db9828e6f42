import { EngineClient } from '../engine/EngineClient';
import { engineEntryPoint } from '../engine/engineEntryPoint';
import type { EngineLauncher } from '../engine/engineProtocol';
import { nodeEngineLauncher } from '../engine/nodeEngineLauncher';
import type { WorkspaceLocation } from '../workspace/workspaceLocation';
import { WorkbenchService } from './WorkbenchService';
import type { NativeDialogs } from './NativeDialogs';
import { createLocalClient } from '../host/createLocalClient';
import type { ClientOf } from '@shared/contract/contractKit';
import { workbenchContract, type WorkbenchContract } from '@shared/contract/workbenchContract';
import { workspaceInitializers } from './workspaceInitializers';
import packageJson from '../../package.json';
import { cleanCrashLeftovers } from '../workspace/crashLeftovers';
import { notebookFolders } from '../notebook/notebookFolders';

export interface Workbench {
  service: WorkbenchService;
  /** In-process client with the adapters' validation and defaults (CLI, tests). */
  client: ClientOf<WorkbenchContract>;
  engine: EngineClient;
  workspace: WorkspaceLocation;
  dispose(): void;
}

export interface CreateWorkbenchOptions {
  workspace: WorkspaceLocation;
  host: 'electron' | 'browser';
  /** Electron passes a utility-process launcher; everything else forks Node. */
  launcher?: EngineLauncher;
  interruptGraceMs?: number;
  dialogs?: NativeDialogs;
}

/** Wires engine, services and workspace start-up for one workspace. */
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
  const service = new WorkbenchService({
    engine,
    workspace: options.workspace,
    host: options.host,
    version: packageJson.version,
    ...(options.dialogs ? { dialogs: options.dialogs } : {}),
  });
  for (const initialize of workspaceInitializers) await initialize(service.context);
  return {
    service,
    client: createLocalClient(workbenchContract, service.api),
    engine,
    workspace: options.workspace,
    dispose: () => engine.dispose(),
  };
}
