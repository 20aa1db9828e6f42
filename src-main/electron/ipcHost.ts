import type { IpcMain, IpcMainInvokeEvent, WebContents } from 'electron';
import type { ContractSpec } from '@shared/contract/contractKit';
import { IPC_CALL_CHANNEL, IPC_EVENT_CHANNEL } from '@shared/contract/hostBridge';
import { dispatchCall, refused } from '../host/dispatchCall';

/**
 * Electron adapter: one invoke channel for every contract call, one event
 * channel. Calls from any frame other than the app's own page are refused.
 */
export function registerIpcHost(options: {
  ipcMain: IpcMain;
  contract: ContractSpec;
  implementation: object;
  subscribe: (listener: (name: string, payload: unknown) => void) => () => void;
  isTrustedSender: (event: IpcMainInvokeEvent) => boolean;
  targets: () => WebContents[];
}): () => void {
  options.ipcMain.handle(IPC_CALL_CHANNEL, (event, method: unknown, input: unknown) => {
    if (!options.isTrustedSender(event)) {
      return refused('call-forbidden', {}, 'forbidden');
    }
    return dispatchCall(options.contract, options.implementation, method, input);
  });
  const unsubscribe = options.subscribe((name, payload) => {
    for (const target of options.targets()) if (!target.isDestroyed()) target.send(IPC_EVENT_CHANNEL, name, payload);
  });
  return () => {
    unsubscribe();
    options.ipcMain.removeHandler(IPC_CALL_CHANNEL);
  };
}
