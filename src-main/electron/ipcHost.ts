import type { IpcMain, IpcMainEvent, IpcMainInvokeEvent, MessagePortMain, WebContents } from 'electron';
import type { ContractSpec } from '@shared/contract/contractKit';
import { IPC_CALL_CHANNEL, IPC_EVENT_CHANNEL, IPC_PORT_CHANNEL, type PortCall, type PortReply } from '@shared/contract/hostBridge';
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
  isTrustedSender: (event: IpcMainInvokeEvent | IpcMainEvent) => boolean;
  targets: () => WebContents[];
  /** Electron's `() => new MessageChannelMain()`: when given, a trusted page may ask for a call port (IPC_PORT_CHANNEL). */
  createPortPair?: () => { port1: MessagePortMain; port2: MessagePortMain };
}): () => void {
  options.ipcMain.handle(IPC_CALL_CHANNEL, (event, method: unknown, input: unknown) => {
    if (!options.isTrustedSender(event)) {
      return refused('call-forbidden', {}, 'forbidden');
    }
    return dispatchCall(options.contract, options.implementation, method, input);
  });
  const { createPortPair } = options;
  const onPortRequest = (event: IpcMainEvent): void => {
    if (!createPortPair || !options.isTrustedSender(event)) return;
    const { port1, port2 } = createPortPair();
    servePortCalls(port1, options.contract, options.implementation);
    event.sender.postMessage(IPC_PORT_CHANNEL, null, [port2]);
  };
  if (createPortPair) options.ipcMain.on(IPC_PORT_CHANNEL, onPortRequest);
  const unsubscribe = options.subscribe((name, payload) => {
    for (const target of options.targets()) if (!target.isDestroyed()) target.send(IPC_EVENT_CHANNEL, name, payload);
  });
  return () => {
    unsubscribe();
    options.ipcMain.removeHandler(IPC_CALL_CHANNEL);
    if (createPortPair) options.ipcMain.off(IPC_PORT_CHANNEL, onPortRequest);
  };
}

/** What `servePortCalls` needs of Electron's MessagePortMain (a fake in tests). */
export interface CallPort {
  on(event: 'message', listener: (event: { data: unknown }) => void): unknown;
  postMessage(message: unknown): void;
  start(): void;
}

/**
 * Contract calls over a MessagePort whose other end is in the page's own
 * (main) world. A reply to `ipcMain.handle` is cloned into the preload's
 * isolated world and then copied again by contextBridge into the page; over
 * a port the reply is cloned once, straight into the page, so a 50 MB Arrow
 * window is copied once less. Electron's MessagePortMain transfers only ports,
 * not ArrayBuffers, so the one clone across the process boundary remains.
 * The port is handed only to a trusted sender (as `iwb:call` is), and every
 * argument is validated by `dispatchCall` as on the other channels.
 */
export function servePortCalls(port: CallPort, contract: ContractSpec, implementation: object): void {
  port.on('message', ({ data }) => {
    const call = data as Partial<PortCall> | null;
    if (typeof call !== 'object' || call === null || typeof call.id !== 'number') return;
    const id = call.id;
    void dispatchCall(contract, implementation, call.method, call.input).then((outcome) => port.postMessage({ id, outcome } satisfies PortReply));
  });
  port.start();
}
