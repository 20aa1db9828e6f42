import type { CallOutcome } from '@shared/contract/WorkbenchError';

/**
 * How the renderer reaches the main side: one `call` and one event stream.
 * Electron IPC and browser-mode HTTP each implement it; nothing above this
 * layer knows which one is in use.
 */
export interface WorkbenchTransport {
  readonly kind: 'electron' | 'browser';
  call(method: string, input: unknown): Promise<CallOutcome<unknown>>;
  subscribe(listener: (name: string, payload: unknown) => void): () => void;
}
