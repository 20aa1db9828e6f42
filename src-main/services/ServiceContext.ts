import type { WorkbenchEventName, WorkbenchEvents } from '@shared/contract/workbenchContract';
import type { EngineClient } from '../engine/EngineClient';
import type { WorkspaceLocation } from '../workspace/workspaceLocation';
import type { NativeDialogs } from './NativeDialogs';

/** What every feature service is built from. */
export interface ServiceContext {
  engine: EngineClient;
  workspace: WorkspaceLocation;
  host: 'electron' | 'browser';
  version: string;
  /** Present in the desktop app only. */
  dialogs?: NativeDialogs;
  /** Where exports go by default: the user's Downloads folder when it exists, else the workspace's exports folder. */
  exportDirectory(): string;
  /** Where an open dialog for data files starts the first time: the user's Documents folder when it exists, else the home folder. */
  documentsDirectory(): string;
  emit<K extends WorkbenchEventName>(name: K, payload: WorkbenchEvents[K]): void;
}
