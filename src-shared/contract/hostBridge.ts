import type { CallOutcome } from './WorkbenchError';

/**
 * The one object the Electron preload exposes to the page (as
 * `window.iwbHost`). It carries contract calls and events and nothing else;
 * the main side validates every argument again.
 */
export interface HostBridge {
  call(method: string, input: unknown): Promise<CallOutcome<unknown>>;
  subscribe(listener: (name: string, payload: unknown) => void): () => void;
}

export const HOST_BRIDGE_KEY = 'iwbHost';
export const IPC_CALL_CHANNEL = 'iwb:call';
export const IPC_EVENT_CHANNEL = 'iwb:event';
