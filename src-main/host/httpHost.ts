import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import type { ContractSpec } from '@shared/contract/contractKit';
import { CALL_BODY_LIMITS, callBodyLimit } from '@shared/contract/callBodyLimits';
import { decodeWireMessage, encodeWireParts, wirePartsLength } from '@shared/contract/wireCodec';
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
  /** Body limit per method name (`service.method`), over the built-in table; `*` is the default. */
  bodyLimits?: Record<string, number>;
}

export interface HttpHost {
  url: string;
  port: number;
  token: string;
  close(): Promise<void>;
}

export async function startHttpHost(options: HttpHostOptions): Promise<HttpHost> {
  const token = options.token ?? randomBytes(24).toString('hex');
  const tokenBytes = Buffer.from(token);
  const limits: Record<string, number> = { ...CALL_BODY_LIMITS, ...options.bodyLimits };
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
    if (!allowedHosts().has(request.headers.host ?? '')) return refuse(request, response, 403, 'Forbidden host');
    const url = new URL(request.url ?? '/', `http://127.0.0.1:${port}`);

    if (url.pathname.startsWith('/api/')) {
      const origin = request.headers.origin;
      // Refusals before the body is read close the connection: an unread upload is not drained.
      if (origin !== undefined && !allowedHosts().has(origin.replace(/^http:\/\//, ''))) {
        return refuse(request, response, 403, 'Forbidden origin');
      }
      if (!tokenMatches(request.headers['x-iwb-token'])) return refuse(request, response, 401, 'Missing or wrong token');
      if (url.pathname === '/api/events' && request.method === 'GET') return openEventStream(response);
      const call = /^\/api\/call\/([A-Za-z]+\.[A-Za-z]+)$/.exec(url.pathname);
      if (call && request.method === 'POST') {
        const limit = callBodyLimit(call[1]!, limits);
        const body = await readBody(request, limit);
        if (body === null) return refuse(request, response, 413, `Request body exceeds ${limit} bytes for ${call[1]}`);
        let input: unknown;
        try {
          input = body.byteLength === 0 ? {} : decodeWireMessage(body);
        } catch (error) {
          return sendText(response, 400, `Malformed request body: ${(error as Error).message}`);
        }
        const outcome = await dispatchCall(options.contract, options.implementation, call[1], input);
        // Written part by part: large Arrow blobs (one, or a list of IPC messages) go to the socket without
        // being copied into one buffer. Parts, chunked encoding, corking and larger socket buffers all read
        // at the same speed in Chromium (scripts/bench/wireProbe.ts), so this stays the plain form.
        const parts = encodeWireParts(outcome);
        response.writeHead(200, {
          'Content-Type': 'application/octet-stream',
          'Content-Length': wirePartsLength(parts),
          'Cache-Control': 'no-store',
        });
        for (const part of parts) response.write(part);
        response.end();
        return;
      }
      return refuse(request, response, 404, 'Unknown API route');
    }

    if (request.method !== 'GET' && request.method !== 'HEAD') return refuse(request, response, 405, 'Method not allowed');
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

/** Answers without reading the body, then closes the connection so the client stops sending. */
function refuse(request: IncomingMessage, response: ServerResponse, status: number, text: string): void {
  const socket = request.socket as IncomingMessage['socket'] | null;
  response.setHeader('Connection', 'close');
  sendText(response, status, text);
  response.once('finish', () => socket?.destroySoon());
}

function readBody(request: IncomingMessage, limit: number): Promise<Uint8Array | null> {
  const declared = Number(request.headers['content-length'] ?? 0);
  if (declared > limit) return Promise.resolve(null);
  return new Promise((resolve, reject) => {
    const parts: Buffer[] = [];
    let total = 0;
    const stop = (value: Uint8Array | null): void => {
      request.off('data', onData).off('end', onEnd).off('error', reject);
      resolve(value);
    };
    const onData = (part: Buffer): void => {
      total += part.byteLength;
      if (total <= limit) return void parts.push(part);
      // Past the limit (a chunked body has no declared length): stop reading; the refusal closes the connection.
      request.pause();
      stop(null);
    };
    const onEnd = (): void => {
      const joined = Buffer.concat(parts, total);
      stop(new Uint8Array(joined.buffer, joined.byteOffset, joined.byteLength));
    };
    request.on('data', onData).on('end', onEnd).on('error', reject);
  });
}
