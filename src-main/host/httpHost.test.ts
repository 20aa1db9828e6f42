import { mkdtempSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { request, type ClientRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY_HEADER } from '@shared/contract/contentSecurityPolicy';
import { workbenchContract } from '@shared/contract/workbenchContract';
import { decodeWireMessage, encodeWireMessage } from '@shared/contract/wireCodec';
import { startHttpHost, type HttpHost } from './httpHost';

let host: HttpHost;
let staticDirectory: string;
const emitted: ((name: string, payload: unknown) => void)[] = [];

beforeAll(async () => {
  staticDirectory = mkdtempSync(join(tmpdir(), 'iwb-static-'));
  writeFileSync(join(staticDirectory, 'index.html'), '<!doctype html><title>t</title>');
  mkdirSync(join(staticDirectory, 'assets'));
  writeFileSync(join(staticDirectory, 'assets', 'app.js'), 'console.log(1)');
  writeFileSync(join(staticDirectory, '..', 'iwb-secret.txt'), 'secret');
  host = await startHttpHost({
    contract: workbenchContract,
    implementation: { app: { info: async () => ({ version: 'test' }) } },
    subscribe: (listener) => {
      emitted.push(listener);
      return () => undefined;
    },
    staticDirectory,
    token: 'secrettoken',
  });
});
afterAll(async () => {
  await host.close();
  rmSync(staticDirectory, { recursive: true, force: true });
});

function send(options: { path: string; method?: string; headers?: Record<string, string>; body?: Uint8Array }): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: Buffer }> {
  return new Promise((resolve, reject) => {
    const req = request(
      { host: '127.0.0.1', port: host.port, path: options.path, method: options.method ?? 'GET', headers: { host: `127.0.0.1:${host.port}`, ...options.headers } },
      (res) => {
        const parts: Buffer[] = [];
        res.on('data', (part: Buffer) => parts.push(part));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(parts) }));
      },
    );
    req.on('error', reject);
    req.end(options.body);
  });
}

/**
 * Sends a body of `declaredBytes` (or chunked, without a length, when null) as fast as the socket takes
 * it, until the server closes the connection or all is sent; says what the server answered and how much
 * was sent by then.
 */
function uploadUntilClosed(headers: Record<string, string>, declaredBytes: number | null, path = '/api/call/app.info'): Promise<{ status: number; text: string; sentBytes: number }> {
  return new Promise((resolve) => {
    let sentBytes = 0;
    let answer = { status: 0, text: '' };
    const chunk = Buffer.alloc(256 * 1024, 0x41);
    const limit = declaredBytes ?? 200 * 1024 * 1024;
    const req: ClientRequest = request(
      {
        host: '127.0.0.1',
        port: host.port,
        path,
        method: 'POST',
        headers: { host: `127.0.0.1:${host.port}`, ...(declaredBytes === null ? {} : { 'content-length': String(declaredBytes) }), ...headers },
      },
      (res) => {
        const parts: Buffer[] = [];
        res.on('data', (part: Buffer) => parts.push(part));
        res.on('end', () => (answer = { status: res.statusCode ?? 0, text: Buffer.concat(parts).toString() }));
      },
    );
    let closed = false;
    req.on('error', () => undefined);
    req.on('close', () => {
      closed = true;
      resolve({ ...answer, sentBytes });
    });
    const pump = (): void => {
      while (!closed && sentBytes < limit) {
        sentBytes += chunk.byteLength;
        if (!req.write(chunk)) return void req.once('drain', pump);
      }
      if (!closed) req.end();
    };
    pump();
  });
}

describe('browser-mode HTTP host', () => {
  it('listens on 127.0.0.1 only and prints a URL with the token in the fragment', () => {
    expect(host.url).toBe(`http://127.0.0.1:${host.port}/#token=secrettoken`);
  });

  it('answers API calls that carry the token', async () => {
    const response = await send({ path: '/api/call/app.info', method: 'POST', headers: { 'x-iwb-token': 'secrettoken' }, body: encodeWireMessage({}) });
    expect(response.status).toBe(200);
    expect(decodeWireMessage(new Uint8Array(response.body))).toEqual({ ok: true, value: { version: 'test' } });
  });

  it.each([
    ['no token', {}],
    ['a wrong token', { 'x-iwb-token': 'secrettokex' }],
    ['a token of another length', { 'x-iwb-token': 'x' }],
  ])('refuses API calls with %s (401)', async (_label, headers) => {
    const response = await send({ path: '/api/call/app.info', method: 'POST', headers, body: encodeWireMessage({}) });
    expect(response.status).toBe(401);
    const events = await send({ path: '/api/events', headers });
    expect(events.status).toBe(401);
  });

  it('refuses requests for another host name (DNS rebinding) and from other origins', async () => {
    expect((await send({ path: '/', headers: { host: `evil.example:${host.port}` } })).status).toBe(403);
    const crossOrigin = await send({
      path: '/api/call/app.info',
      method: 'POST',
      headers: { 'x-iwb-token': 'secrettoken', origin: 'http://evil.example' },
      body: encodeWireMessage({}),
    });
    expect(crossOrigin.status).toBe(403);
  });

  it('validates arguments through the contract', async () => {
    const response = await send({ path: '/api/call/app.info', method: 'POST', headers: { 'x-iwb-token': 'secrettoken' }, body: encodeWireMessage({ unexpected: 1 }) });
    expect(decodeWireMessage(new Uint8Array(response.body))).toMatchObject({ ok: false, error: { code: 'invalid-argument' } });
    const malformed = await send({ path: '/api/call/app.info', method: 'POST', headers: { 'x-iwb-token': 'secrettoken' }, body: new TextEncoder().encode('{}') });
    expect(malformed.status).toBe(400);
  });

  it('refuses a "__proto__" key in the arguments at parse time', async () => {
    const header = '{"v":{"__proto__":{"queryId":"q1","sql":"select 1"}},"b":[]}';
    const bytes = new Uint8Array([0x49, 0x57, 0x42, 0x31, 0, 0, 0, 0, ...new TextEncoder().encode(header)]);
    new DataView(bytes.buffer).setUint32(4, bytes.byteLength - 8, true);
    const response = await send({ path: '/api/call/app.info', method: 'POST', headers: { 'x-iwb-token': 'secrettoken' }, body: bytes });
    expect(response.status).toBe(400);
    expect(response.body.toString()).toBe('Malformed request body: Malformed message: the key "__proto__" is not allowed');
  });

  it('refuses a body over the route\'s limit from its declared length, before reading it', async () => {
    const outcome = await uploadUntilClosed({ 'x-iwb-token': 'secrettoken' }, 500 * 1024 * 1024);
    expect(outcome.status).toBe(413);
    expect(outcome.text).toBe('Request body exceeds 1048576 bytes for app.info');
    // The server answered from the headers and closed the connection instead of reading 500 MB.
    expect(outcome.sentBytes).toBeLessThan(64 * 1024 * 1024);
  });

  it('refuses an upload without the token before reading its body', async () => {
    const outcome = await uploadUntilClosed({}, 100 * 1024 * 1024, '/api/call/import.upload');
    expect(outcome.status).toBe(401);
    expect(outcome.sentBytes).toBeLessThan(64 * 1024 * 1024);
  });

  it('refuses a chunked body once it passes the limit', async () => {
    const outcome = await uploadUntilClosed({ 'x-iwb-token': 'secrettoken', 'transfer-encoding': 'chunked' }, null);
    expect(outcome.status).toBe(413);
    expect(outcome.sentBytes).toBeLessThan(64 * 1024 * 1024);
  });

  it('serves the renderer with the CSP header and never a file outside it', async () => {
    const index = await send({ path: '/' });
    expect(index.status).toBe(200);
    expect(index.headers['content-security-policy']).toBe(CONTENT_SECURITY_POLICY_HEADER);
    expect((await send({ path: '/assets/app.js' })).headers['content-type']).toBe('text/javascript; charset=utf-8');
    for (const path of ['/../iwb-secret.txt', '/%2e%2e/iwb-secret.txt', '/assets/..%2f..%2fiwb-secret.txt', '/%00']) {
      const response = await send({ path });
      expect([403, 404, 400]).toContain(response.status);
      expect(response.body.toString()).not.toContain('secret');
    }
  });

  it('streams service events to subscribers that carry the token', async () => {
    const received = await new Promise<string>((resolve, reject) => {
      const req = request(
        { host: '127.0.0.1', port: host.port, path: '/api/events', headers: { host: `127.0.0.1:${host.port}`, 'x-iwb-token': 'secrettoken' } },
        (res) => {
          let text = '';
          res.on('data', (part: Buffer) => {
            text += part.toString();
            if (text.includes('\n\n') && !text.includes('onDidRestartEngine')) {
              for (const listener of emitted) listener('onDidRestartEngine', { reason: 'test', restarts: 1 });
            }
            if (text.includes('"restarts":1')) {
              req.destroy();
              resolve(text);
            }
          });
        },
      );
      req.on('error', reject);
      req.end();
    });
    expect(received).toContain('event: onDidRestartEngine\ndata: {"reason":"test","restarts":1}');
  });
});
