import { HOST_BRIDGE_KEY, type HostBridge, type PortCall, type PortReply } from '@shared/contract/hostBridge';
import type { CallOutcome } from '@shared/contract/WorkbenchError';
import type { WorkbenchTransport } from './WorkbenchTransport';

/** The Electron preload's bridge, when this page runs in the desktop app. */
export function findHostBridge(target: object): HostBridge | undefined {
  const candidate = (target as Record<string, unknown>)[HOST_BRIDGE_KEY];
  return candidate && typeof candidate === 'object' ? (candidate as HostBridge) : undefined;
}

export function createElectronTransport(bridge: HostBridge): WorkbenchTransport {
  return {
    kind: 'electron',
    call: (method, input) => bridge.call(method, input),
    subscribe: (listener) => bridge.subscribe(listener),
  };
}

/** What the port transport needs of a DOM MessagePort (a Node MessagePort in tests). */
export interface CallPortEnd {
  addEventListener(type: 'message', listener: (event: { data: unknown }) => void): void;
  postMessage(message: unknown): void;
  start(): void;
}

/**
 * Calls over a MessagePort from the main side (ipcHost.servePortCalls): the
 * reply arrives in the page's world with one clone instead of the bridge's
 * clone plus contextBridge's copy. Events still come through the bridge.
 */
export function createPortTransport(port: CallPortEnd, bridge: HostBridge): WorkbenchTransport {
  const waiting = new Map<number, (outcome: CallOutcome<unknown>) => void>();
  let nextId = 0;
  port.addEventListener('message', ({ data }) => {
    const reply = data as Partial<PortReply> | null;
    const resolve = typeof reply?.id === 'number' ? waiting.get(reply.id) : undefined;
    if (!resolve || !reply?.outcome) return;
    waiting.delete(reply.id!);
    resolve(reply.outcome);
  });
  port.start();
  return {
    kind: 'electron',
    call: (method, input) =>
      new Promise((resolve) => {
        const id = ++nextId;
        waiting.set(id, resolve);
        port.postMessage({ id, method, input } satisfies PortCall);
      }),
    subscribe: (listener) => bridge.subscribe(listener),
  };
}
