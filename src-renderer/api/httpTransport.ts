import { localizedError } from '@shared/contract/errorTexts';
import { decodeWireMessage, encodeWireMessage } from '@shared/contract/wireCodec';
import { callBodyLimit } from '@shared/contract/callBodyLimits';
import { formatByteSize } from '@shared/domain/byteSize';
import { toErrorEnvelope, type CallOutcome } from '@shared/contract/WorkbenchError';
import type { WorkbenchTransport } from './WorkbenchTransport';

const TOKEN_KEY = 'iwb.token';

const tooLarge = (method: string, bytes: number, limit: number) =>
  localizedError('call-too-large', { method, size: formatByteSize(bytes), limit: formatByteSize(limit) }).toEnvelope();

/**
 * Browser mode. The per-launch token arrives in the URL fragment
 * (`#token=...`, never sent to the server in a URL), is kept in session
 * storage and removed from the address bar.
 */
export function readBrowserToken(location: Location, storage: Storage, history: History): string | null {
  const match = /(?:^#|&)token=([A-Za-z0-9]+)/.exec(location.hash);
  if (match) {
    storage.setItem(TOKEN_KEY, match[1]!);
    history.replaceState(null, '', location.pathname + location.search);
    return match[1]!;
  }
  return storage.getItem(TOKEN_KEY);
}

export function createHttpTransport(token: string, baseUrl = '', fetchImpl: typeof fetch = (...args) => fetch(...args)): WorkbenchTransport {
  // One event stream for every listener: a browser keeps about six connections per host, and a
  // stream per listener would hold them all, leaving none for calls.
  const listeners = new Set<(name: string, payload: unknown) => void>();
  let stream: AbortController | null = null;

  function openEventStream(): AbortController {
    const controller = new AbortController();
    void (async () => {
      // Reconnect with a pause if the stream drops (server restart, sleep).
      while (!controller.signal.aborted) {
        try {
          const response = await fetchImpl(`${baseUrl}/api/events`, { headers: { 'x-iwb-token': token }, signal: controller.signal });
          if (!response.ok || !response.body) throw new Error(`events: ${response.status}`);
          const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
          let buffer = '';
          for (;;) {
            const { value, done } = await reader.read();
            if (done) break;
            buffer += value;
            let boundary: number;
            while ((boundary = buffer.indexOf('\n\n')) !== -1) {
              const frame = buffer.slice(0, boundary);
              buffer = buffer.slice(boundary + 2);
              const name = /^event: (.+)$/m.exec(frame)?.[1];
              const data = /^data: (.*)$/m.exec(frame)?.[1];
              if (name && data !== undefined) {
                const payload: unknown = JSON.parse(data);
                for (const listener of [...listeners]) listener(name, payload);
              }
            }
          }
        } catch {
          if (controller.signal.aborted) return;
        }
        await new Promise((resolve) => setTimeout(resolve, 2000));
      }
    })();
    return controller;
  }

  return {
    kind: 'browser',
    async call(method, input) {
      const body = encodeWireMessage(input);
      // The server would refuse it unread (413); say so in the planner's words, before sending it.
      const limit = callBodyLimit(method);
      if (body.byteLength > limit) return { ok: false, error: tooLarge(method, body.byteLength, limit) };
      let response: Response;
      try {
        response = await fetchImpl(`${baseUrl}/api/call/${method}`, {
          method: 'POST',
          headers: { 'x-iwb-token': token, 'content-type': 'application/octet-stream' },
          body: body as BodyInit,
        });
      } catch (error) {
        return { ok: false, error: { kind: 'user', code: 'host-unreachable', message: `The workbench server is not reachable (${String(error)}). Is \`iwb serve\` still running?` } };
      }
      if (!response.ok) {
        const text = await response.text();
        if (response.status === 401) return { ok: false, error: { kind: 'user', code: 'unauthorized', message: `${response.status}: ${text}` } };
        // The server's own limit, from its refusal ("Request body exceeds N bytes for …"), when the two tables differ.
        if (response.status === 413) return { ok: false, error: tooLarge(method, body.byteLength, Number(/exceeds (\d+) bytes/.exec(text)?.[1] ?? limit)) };
        return { ok: false, error: localizedError('call-http-refused', { method, status: response.status, reason: text }, undefined, 'http-error').toEnvelope() };
      }
      return readReply(method, response);
    },
    subscribe(listener) {
      listeners.add(listener);
      stream ??= openEventStream();
      return () => {
        listeners.delete(listener);
        if (listeners.size === 0) {
          stream?.abort();
          stream = null;
        }
      };
    },
  };
}

/**
 * The reply as one buffer (`arrayBuffer()`: the wire probe, scripts/bench/wireProbe.ts, found no faster
 * way for Chromium to read a large body), decoded with views into it. A reply cut short (the server
 * stopped, the connection dropped) or garbled is a bilingual error outcome, never a rejected call.
 */
async function readReply(method: string, response: Response): Promise<CallOutcome<unknown>> {
  let bytes: Uint8Array;
  try {
    bytes = new Uint8Array(await response.arrayBuffer());
  } catch (error) {
    return { ok: false, error: localizedError('call-reply-broken', { method, reason: String(error) }).toEnvelope() };
  }
  try {
    return decodeWireMessage(bytes) as CallOutcome<unknown>;
  } catch (error) {
    return { ok: false, error: { ...toErrorEnvelope(error), detail: `reply to ${method}, ${bytes.byteLength} bytes` } };
  }
}
