/**
 * Standalone probe for the main side → Chromium hop: the same ~50 MB served
 * over loopback in several ways, read in Chromium in several ways, medians
 * printed. Not part of `npm run bench`; run with
 * `node --import tsx scripts/bench/wireProbe.ts [MB] [rounds]`.
 */
import { createHash } from 'node:crypto';
import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../../tests/e2e/browserHarness';
import { median } from './benchFigures';

const megabytes = Number(process.argv[2] ?? 48);
const rounds = Number(process.argv[3] ?? 5);
const total = megabytes * 1024 * 1024;
const whole = Buffer.alloc(total);
for (let index = 0; index < total; index += 4) whole.writeUInt32LE((index * 2654435761) >>> 0, index);
const parts = (size: number): Buffer[] => {
  const out: Buffer[] = [];
  for (let offset = 0; offset < total; offset += size) out.push(whole.subarray(offset, Math.min(total, offset + size)));
  return out;
};

type Serve = (response: ServerResponse) => void;
const serves: Record<string, Serve> = {
  'one buffer, Content-Length': (response) => {
    response.writeHead(200, { 'Content-Type': 'application/octet-stream', 'Content-Length': total });
    response.end(whole);
  },
  '12 parts (4 MB), Content-Length': (response) => {
    response.writeHead(200, { 'Content-Type': 'application/octet-stream', 'Content-Length': total });
    for (const part of parts(4 * 1024 * 1024)) response.write(part);
    response.end();
  },
  '768 parts (64 KB), Content-Length': (response) => {
    response.writeHead(200, { 'Content-Type': 'application/octet-stream', 'Content-Length': total });
    for (const part of parts(64 * 1024)) response.write(part);
    response.end();
  },
  '12 parts, chunked (no length)': (response) => {
    response.writeHead(200, { 'Content-Type': 'application/octet-stream' });
    for (const part of parts(4 * 1024 * 1024)) response.write(part);
    response.end();
  },
  '12 parts, corked, Content-Length': (response) => {
    response.writeHead(200, { 'Content-Type': 'application/octet-stream', 'Content-Length': total });
    response.cork();
    for (const part of parts(4 * 1024 * 1024)) response.write(part);
    process.nextTick(() => response.uncork());
    response.end();
  },
};

const server = createServer({ highWaterMark: Number(process.env.PROBE_HWM ?? 16384) }, (request, response) => {
  const url = new URL(request.url ?? '/', 'http://x');
  if (url.pathname === '/') {
    response.writeHead(200, { 'Content-Type': 'text/html' });
    return void response.end('<!doctype html><title>probe</title>');
  }
  const serve = serves[url.searchParams.get('v') ?? ''];
  if (!serve) return void response.writeHead(404).end();
  if (process.env.PROBE_NODELAY) request.socket.setNoDelay(true);
  serve(response);
});
// A minimal WebSocket: the handshake, then the whole body as one binary frame on request.
server.on('upgrade', (request, socket: Socket) => {
  const key = request.headers['sec-websocket-key'] ?? '';
  const accept = createHash('sha1').update(`${key}258EAFA5-E914-47DA-95CA-C5AB0DC85B11`).digest('base64');
  socket.write(`HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: ${accept}\r\n\r\n`);
  socket.on('data', () => {
    // Any client frame asks for the body.
    const head = Buffer.alloc(10);
    head[0] = 0x82;
    head[1] = 127;
    head.writeBigUInt64BE(BigInt(total), 2);
    socket.write(head);
    socket.write(whole);
  });
});

async function main(): Promise<void> {
await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
const page = await browser.newPage();
await page.goto(origin);

type Read = 'arrayBuffer' | 'reader' | 'xhr' | 'blob' | 'websocket';
const read = (variant: string, how: Read) =>
  page.evaluate(
    async ({ variant, how, total }) => {
      const started = performance.now();
      let bytes = 0;
      let headers = started;
      if (how === 'websocket') {
        const socket = new WebSocket(`${location.origin.replace('http', 'ws')}/ws`);
        socket.binaryType = 'arraybuffer';
        await new Promise((resolve) => (socket.onopen = resolve));
        headers = performance.now();
        const message = new Promise<ArrayBuffer>((resolve) => (socket.onmessage = (event) => resolve(event.data as ArrayBuffer)));
        socket.send('go');
        bytes = (await message).byteLength;
        socket.close();
      } else if (how === 'xhr') {
        bytes = await new Promise<number>((resolve, reject) => {
          const xhr = new XMLHttpRequest();
          xhr.open('GET', `/data?v=${encodeURIComponent(variant)}`);
          xhr.responseType = 'arraybuffer';
          xhr.onreadystatechange = () => {
            if (xhr.readyState === 2) headers = performance.now();
          };
          xhr.onload = () => resolve((xhr.response as ArrayBuffer).byteLength);
          xhr.onerror = reject;
          xhr.send();
        });
      } else {
        const response = await fetch(`/data?v=${encodeURIComponent(variant)}`);
        headers = performance.now();
        if (how === 'arrayBuffer') bytes = (await response.arrayBuffer()).byteLength;
        else if (how === 'blob') bytes = (await (await response.blob()).arrayBuffer()).byteLength;
        else {
          const reader = response.body!.getReader();
          const chunks: Uint8Array[] = [];
          for (;;) {
            const { value, done } = await reader.read();
            if (done) break;
            chunks.push(value);
            bytes += value.byteLength;
          }
        }
      }
      if (bytes !== total) throw new Error(`read ${bytes} of ${total}`);
      const ended = performance.now();
      return { headers: headers - started, body: ended - headers };
    },
    { variant, how, total },
  );

const rows: string[] = [];
const measure = async (label: string, variant: string, how: Read) => {
  await read(variant, how); // warm
  const runs: { headers: number; body: number }[] = [];
  for (let round = 0; round < rounds; round++) runs.push(await read(variant, how));
  const body = median(runs.map((run) => run.body));
  rows.push(`${label.padEnd(52)} headers ${median(runs.map((run) => run.headers)).toFixed(0).padStart(4)} ms  body ${body.toFixed(0).padStart(5)} ms  ${(megabytes / (body / 1000)).toFixed(0)} MB/s`);
  console.log(rows.at(-1));
};
console.log(`${megabytes} MB, median of ${rounds}, highWaterMark ${process.env.PROBE_HWM ?? 16384}${process.env.PROBE_NODELAY ? ', noDelay' : ''}`);
const only = process.env.PROBE_ONLY;
for (const variant of Object.keys(serves)) {
  for (const how of ['arrayBuffer', 'reader', 'xhr', 'blob'] as const) {
    if (only && !`${variant} ${how}`.includes(only)) continue;
    if (variant !== 'one buffer, Content-Length' && how !== 'arrayBuffer' && !only) continue;
    await measure(`${variant} · ${how}`, variant, how);
  }
}
if (!only || 'websocket'.includes(only)) await measure('websocket, one binary message', '', 'websocket');
await browser.close();
server.close();
}

void main();
