import { MessageChannel, type MessagePort } from 'node:worker_threads';
import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { method } from '@shared/contract/contractKit';
import type { HostBridge } from '@shared/contract/hostBridge';
import type { IpcMain, IpcMainEvent, MessagePortMain } from 'electron';
import { IPC_PORT_CHANNEL } from '@shared/contract/hostBridge';
import { registerIpcHost, servePortCalls, type CallPort } from '../../src-main/electron/ipcHost';
import { createPortTransport } from '../../src-renderer/api/electronTransport';

/** Node's MessagePort standing in for Electron's MessagePortMain (whose 'message' event carries `{ data }`). */
function asMainPort(port: MessagePort): CallPort {
  return {
    on: (_event, listener) => port.on('message', (data: unknown) => listener({ data })),
    postMessage: (message) => port.postMessage(message),
    start: () => port.start(),
  };
}

const contract = { result: { window: method(z.object({ rows: z.number().int().min(0) })) } };
const implementation = { result: { window: async ({ rows }: { rows: number }) => ({ arrow: [new Uint8Array([1, 2]), new Uint8Array(rows).fill(3)] }) } };
const bridge: HostBridge = { call: () => Promise.reject(new Error('calls go over the port')), subscribe: () => () => undefined };
const channels: MessageChannel[] = [];
afterEach(() => channels.splice(0).forEach((channel) => (channel.port1.close(), channel.port2.close())));

function connected() {
  const channel = new MessageChannel();
  channels.push(channel);
  servePortCalls(asMainPort(channel.port1), contract, implementation);
  return createPortTransport(channel.port2 as unknown as Parameters<typeof createPortTransport>[0], bridge);
}

describe('calls over a MessagePort (Electron, tested with Node ports; never run in Electron here)', () => {
  it('answers each call with its own outcome, Arrow parts as bytes', async () => {
    const transport = connected();
    const [small, large] = await Promise.all([transport.call('result.window', { rows: 3 }), transport.call('result.window', { rows: 100_000 })]);
    expect(small).toMatchObject({ ok: true });
    const parts = (large as { ok: true; value: { arrow: Uint8Array[] } }).value.arrow;
    expect(parts.map((part) => part.byteLength)).toEqual([2, 100_000]);
    expect(parts[1]![99_999]).toBe(3);
  });

  it('validates arguments on the main side as the other channels do', async () => {
    const outcome = await connected().call('result.window', { rows: -1 });
    expect(outcome).toMatchObject({ ok: false, error: { code: 'invalid-argument' } });
    expect(await connected().call('no.such', {})).toMatchObject({ ok: false, error: { code: 'unknown-method' } });
  });

  it('hands a call port only to a trusted sender, and serves calls on it', async () => {
    let onPort: ((event: IpcMainEvent) => void) | null = null;
    const ipcMain = { handle: () => undefined, removeHandler: () => undefined, on: (_channel: string, fn: typeof onPort) => (onPort = fn), off: () => (onPort = null) } as unknown as IpcMain;
    const sent: unknown[][] = [];
    const pair = () => {
      const channel = new MessageChannel();
      channels.push(channel);
      return { port1: asMainPort(channel.port1) as unknown as MessagePortMain, port2: channel.port2 as unknown as MessagePortMain };
    };
    const dispose = registerIpcHost({ ipcMain, contract, implementation, subscribe: () => () => undefined, isTrustedSender: (event) => (event as unknown as { trusted: boolean }).trusted, targets: () => [], createPortPair: pair });
    const request = (trusted: boolean) => onPort!({ trusted, sender: { postMessage: (...args: unknown[]) => sent.push(args) } } as unknown as IpcMainEvent);
    request(false);
    expect(sent).toHaveLength(0);
    request(true);
    expect(sent).toHaveLength(1);
    const [channelName, , ports] = sent[0] as [string, unknown, MessagePort[]];
    expect(channelName).toBe(IPC_PORT_CHANNEL);
    const transport = createPortTransport(ports[0] as unknown as Parameters<typeof createPortTransport>[0], bridge);
    expect(await transport.call('result.window', { rows: 1 })).toMatchObject({ ok: true });
    dispose();
    expect(onPort).toBeNull();
  });
});
