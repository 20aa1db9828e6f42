import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import type { ContractSpec } from '@shared/contract/contractKit';
import { decodeWireMessage, encodeWireParts } from '@shared/contract/wireCodec';
import { dispatchCall } from './dispatchCall';
import { readStaticFile, resolveStaticFile } from './staticFiles';

/**
 * Browser mode: the same renderer and the same contract over loopback HTTP.
 * Only 127.0.0.1 is bound; every API request must carry the per-launch token
 * (header `x-iwb-token`), and the Host and Origin headers must name this
 * server, which stops other web pages and DNS-rebinding tricks from reaching it.
 */
export interface HttpHostOptions {
  contract: ContractSpec;
  implementation: object;
  /** Subscribes to service events; returns an unsubscribe function. */
  subscribe: (listener: (name: string, payload: unknown) => void) => () => void;
  staticDirectory: string;
  port?: number;
  /** Fixed token for tests; random otherwise. */
  token?: string;
  maxBodyBytes?: number;
}

export interface HttpHost {
  url: string;
  port: number;
  token: string;
  close(): Promise<void>;
}

const DEFAULT_MAX_BODY = 512 * 1024 * 1024;

export async function startHttpHost(options: HttpHostOptions): Promise<HttpHost> {
  const token = options.token ?? randomBytes(24).toString('hex');
  const tokenBytes = Buffer.from(token);
  const maxBody = options.maxBodyBytes ?? DEFAULT_MAX_BODY;
  let port = 0;
  const eventStreams = new Set<ServerResponse>();

  const tokenMatches = (candidate: string | string[] | undefined): boolean => {
    if (typeof candidate !== 'string') return false;
    const bytes = Buffer.from(candidate);
    return bytes.length === tokenBytes.length && timingSafeEqual(bytes, tokenBytes);
  };
  const allowedHosts = () => new Set([`127.0.0.1:${port}`, `localhost:${port}`]);

  const server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      console.error('[iwb serve] request failed:', error);
      if (!response.headersSent) sendText(response, 500, 'Internal error');
      else response.destroy();
    });
  });

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    response.setHeader('X-Content-Type-Options', 'nosniff');
    response.setHeader('Referrer-Policy', 'no-referrer');
    response.setHeader('Cross-Origin-Opener-Policy', 'same-origin');
    response.setHeader('Cross-Origin-Resource-Policy', 'same-origin');
    if (!allowedHosts().has(request.headers.host ?? '')) return sendText(response, 403, 'Forbidden host');
    const url = new URL(request.url ?? '/', `http://127.0.0.1:${port}`);

    if (url.pathname.startsWith('/api/')) {
      const origin = request.headers.origin;
      if (origin !== undefined && !allowedHosts().has(origin.replace(/^http:\/\//, ''))) {
        return sendText(response, 403, 'Forbidden origin');
      }
      if (!tokenMatches(request.headers['x-iwb-token'])) return sendText(response, 401, 'Missing or wrong token');
      if (url.pathname === '/api/events' && request.method === 'GET') return openEventStream(response);
      const call = /^\/api\/call\/([A-Za-z]+\.[A-Za-z]+)$/.exec(url.pathname);
      if (call && request.method === 'POST') {
        const body = await readBody(request, maxBody);
        if (body === null) return sendText(response, 413, `Request body exceeds ${maxBody} bytes`);
        let input: unknown;
        try {
          input = body.byteLength === 0 ? {} : decodeWireMessage(body);
        } catch (error) {
          return sendText(response, 400, `Malformed request body: ${(error as Error).message}`);
        }
        const outcome = await dispatchCall(options.contract, options.implementation, call[1], input);
        // Written part by part: large Arrow blobs go to the socket without being copied into one buffer.
        const parts = encodeWireParts(outcome);
        response.writeHead(200, {
          'Content-Type': 'application/octet-stream',
          'Content-Length': parts.reduce((total, part) => total + part.byteLength, 0),
          'Cache-Control': 'no-store',
        });
        for (const part of parts) response.write(part);
        response.end();
        return;
      }
      return sendText(response, 404, 'Unknown API route');
    }

    if (request.method !== 'GET' && request.method !== 'HEAD') return sendText(response, 405, 'Method not allowed');
    await serveStatic(url.pathname, response, request.method === 'HEAD');
  }

  function openEventStream(response: ServerResponse): void {
    response.writeHead(200, {
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-store',
      Connection: 'keep-alive',
    });
    response.write(': connected\n\n');
    eventStreams.add(response);
    response.on('close', () => eventStreams.delete(response));
  }

  const unsubscribe = options.subscribe((name, payload) => {
    const frame = `event: ${name}\ndata: ${JSON.stringify(payload)}\n\n`;
    for (const stream of eventStreams) stream.write(frame);
  });

  async function serveStatic(pathname: string, response: ServerResponse, headOnly: boolean): Promise<void> {
    const file = await resolveStaticFile(options.staticDirectory, pathname);
    if (!file.ok) return sendText(response, file.status, file.message);
    response.writeHead(200, { ...file.headers, 'Content-Length': file.size });
    if (headOnly) return void response.end();
    response.end(await readStaticFile(file));
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  port = (server.address() as AddressInfo).port;

  return {
    url: `http://127.0.0.1:${port}/#token=${token}`,
    port,
    token,
    close: async () => {
      unsubscribe();
      for (const stream of eventStreams) stream.end();
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await closed;
    },
  };
}

function sendText(response: ServerResponse, status: number, text: string): void {
  response.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' });
  response.end(text);
}

async function readBody(request: IncomingMessage, limit: number): Promise<Uint8Array | null> {
  const declared = Number(request.headers['content-length'] ?? 0);
  if (declared > limit) {
    request.resume();
    return null;
  }
  const parts: Buffer[] = [];
  let total = 0;
  for await (const part of request) {
    const buffer = part as Buffer;
    total += buffer.byteLength;
    if (total > limit) return null;
    parts.push(buffer);
  }
  const joined = Buffer.concat(parts, total);
  return new Uint8Array(joined.buffer, joined.byteOffset, joined.byteLength);
}
