import type { WorkbenchEventName, WorkbenchEvents } from '@shared/contract/workbenchContract';
import type { EngineClient } from '../engine/EngineClient';
import type { WorkspaceLocation } from '../workspace/workspaceLocation';

/** What every feature service is built from. */
export interface ServiceContext {
  engine: EngineClient;
  workspace: WorkspaceLocation;
  host: 'electron' | 'browser';
  version: string;
  emit<K extends WorkbenchEventName>(name: K, payload: WorkbenchEvents[K]): void;
}
