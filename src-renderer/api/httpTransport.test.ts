import { describe, expect, it } from 'vitest';
import { createHttpTransport } from './httpTransport';

/** A fetch whose event streams stay open until aborted, and which can push frames to them. */
function fakeFetch() {
  const streams: ReadableStreamDefaultController<Uint8Array>[] = [];
  const opened: string[] = [];
  const fetchImpl = (async (url: string, init?: RequestInit) => {
    opened.push(String(url));
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        streams.push(controller);
        init?.signal?.addEventListener('abort', () => controller.error(new DOMException('aborted', 'AbortError')));
      },
    });
    return new Response(body, { status: 200 });
  }) as unknown as typeof fetch;
  const push = (name: string, payload: unknown) => {
    for (const stream of streams) stream.enqueue(new TextEncoder().encode(`event: ${name}\ndata: ${JSON.stringify(payload)}\n\n`));
  };
  return { fetchImpl, opened, push };
}

describe('createHttpTransport', () => {
  it('serves every listener from one event stream, so calls keep their connections', async () => {
    const { fetchImpl, opened, push } = fakeFetch();
    const transport = createHttpTransport('t0ken', '', fetchImpl);
    const seen: string[][] = [[], [], [], [], [], [], []];
    const stops = seen.map((log) => transport.subscribe((name) => log.push(name)));
    await expect.poll(() => opened.length).toBe(1);
    push('onDidStreamRows', { rowsSoFar: 1 });
    await expect.poll(() => seen.every((log) => log.length === 1)).toBe(true);
    expect(opened).toEqual(['/api/events']);
    stops.forEach((stop) => stop());
    // A new listener after the last one left opens a new stream.
    const again: string[] = [];
    transport.subscribe((name) => again.push(name));
    await expect.poll(() => opened.length).toBe(2);
  });
});
