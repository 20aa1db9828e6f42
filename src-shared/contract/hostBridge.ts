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
/** The renderer asks for a MessagePort on this channel; calls then travel over the port (see ipcHost.servePortCalls). */
export const IPC_PORT_CHANNEL = 'iwb:port';

/** A call over the port, and its answer (same `id`). */
export interface PortCall {
  id: number;
  method: string;
  input: unknown;
}
export interface PortReply {
  id: number;
  outcome: CallOutcome<unknown>;
}
