import { describe, expect, it } from 'vitest';
import { errorText } from '@shared/contract/errorTexts';
import { encodeWireMessage } from '@shared/contract/wireCodec';
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

describe('createHttpTransport replies', () => {
  const replyWith = (body: ReadableStream<Uint8Array> | Uint8Array) =>
    (async (url: string) => (String(url).endsWith('/api/events') ? new Response(new ReadableStream()) : new Response(body as BodyInit, { status: 200 }))) as unknown as typeof fetch;

  it('decodes a reply whose Arrow parts stay views into the received buffer', async () => {
    const parts = [new Uint8Array([1, 2]), new Uint8Array([3, 4, 5])];
    const transport = createHttpTransport('t0ken', '', replyWith(encodeWireMessage({ ok: true, value: { arrow: parts } })));
    const outcome = (await transport.call('query.run', {})) as { ok: true; value: { arrow: Uint8Array[] } };
    expect(outcome.value.arrow.map((part) => Array.from(part))).toEqual([[1, 2], [3, 4, 5]]);
    expect(outcome.value.arrow[0]!.buffer).toBe(outcome.value.arrow[1]!.buffer);
  });

  it('turns a reply cut short into a bilingual error outcome, not a rejected call', async () => {
    const message = encodeWireMessage({ ok: true, value: { arrow: new Uint8Array(1000) } });
    const transport = createHttpTransport('t0ken', '', replyWith(message.subarray(0, 600)));
    const outcome = await transport.call('query.run', {});
    expect(outcome).toMatchObject({ ok: false, error: { kind: 'user', code: 'wire-malformed', text: 'wire-blob-length' } });
  });

  it('turns a connection dropped mid-body into a bilingual error outcome', async () => {
    const broken = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(encodeWireMessage({ ok: true, value: {} }).subarray(0, 10));
        controller.error(new TypeError('network error'));
      },
    });
    const outcome = await createHttpTransport('t0ken', '', replyWith(broken)).call('query.run', {});
    expect(outcome).toMatchObject({ ok: false, error: { kind: 'user', code: 'call-reply-broken', params: { method: 'query.run' } } });
    const envelope = (outcome as { error: { params: Record<string, string> } }).error;
    expect(errorText('call-reply-broken', envelope.params, 'zh')).toContain('调用 query.run 的回复在收完之前中断了');
  });

  it('says a call is too large before sending it, in the planner\'s words, and the same for the server\'s 413', async () => {
    const calls: string[] = [];
    const refusing = (async (url: string) => {
      calls.push(String(url));
      return new Response('Request body exceeds 1048576 bytes for app.info', { status: 413 });
    }) as unknown as typeof fetch;
    const transport = createHttpTransport('t0ken', '', refusing);
    const outcome = await transport.call('charts.exportAll', { charts: [{ name: 'x', figure: { data: [{ y: 'x'.repeat(17 * 1024 * 1024) }] } }] });
    expect(calls).toEqual([]);
    expect(outcome).toMatchObject({ ok: false, error: { kind: 'user', code: 'call-too-large', params: { method: 'charts.exportAll', size: '17.0 MB', limit: '16.0 MB' } } });
    const envelope = (outcome as { error: { params: Record<string, string> } }).error;
    expect(errorText('call-too-large', envelope.params, 'zh')).toContain('charts.exportAll 要发送的数据有 17.0 MB，超过了浏览器模式下这个调用的上限 16.0 MB；请减少数据后重试。');
    // A body within this side's table that the server still refuses (its limits were changed) reads the same.
    const small = await transport.call('app.info', {});
    expect(calls).toHaveLength(1);
    expect(small).toMatchObject({ ok: false, error: { code: 'call-too-large', params: { method: 'app.info', limit: '1.0 MB' } } });
    const stricter = createHttpTransport('t0ken', '', (async () => new Response('Request body exceeds 10 bytes for app.info', { status: 413 })) as unknown as typeof fetch);
    expect(await stricter.call('app.info', {})).toMatchObject({ ok: false, error: { code: 'call-too-large', params: { limit: '10 B' } } });
  });
});
