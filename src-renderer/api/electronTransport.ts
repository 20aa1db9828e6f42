import { HOST_BRIDGE_KEY, type HostBridge } from '@shared/contract/hostBridge';
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
