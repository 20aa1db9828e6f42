import { describe, expect, it } from 'vitest';
import { errorText } from './errorTexts';
import { toErrorEnvelope } from './WorkbenchError';
import { decodeWireMessage, encodeWireMessage, encodeWireParts, wirePartsLength } from './wireCodec';

describe('wire codec', () => {
  it('round-trips structure and binary blobs without copying them into JSON', () => {
    const blob = new Uint8Array(100_000).map((_value, index) => index % 251);
    const value = { ok: true, value: { name: '中文', rows: [1, 2.5, null], arrow: blob, nested: [{ b: new Uint8Array([1, 2]) }] } };
    const bytes = encodeWireMessage(value);
    expect(bytes.byteLength).toBeLessThan(blob.byteLength + 200);
    const decoded = decodeWireMessage(bytes) as typeof value;
    expect(decoded.value.name).toBe('中文');
    expect(decoded.value.rows).toEqual([1, 2.5, null]);
    expect(decoded.value.arrow).toBeInstanceOf(Uint8Array);
    expect(Array.from(decoded.value.arrow)).toEqual(Array.from(blob));
    expect(Array.from(decoded.value.nested[0]!.b)).toEqual([1, 2]);
  });

  it('rejects bigint instead of losing precision', () => {
    expect(() => encodeWireMessage({ n: 1n })).toThrow(/bigint/);
  });

  it.each(['__proto__', 'constructor', 'prototype'])('refuses the prototype key %s instead of reviving it', (key) => {
    const header = new TextEncoder().encode(`{"v":{"a":[{"${key}":{"polluted":true}}]},"b":[]}`);
    const bytes = new Uint8Array(8 + header.byteLength);
    bytes.set([0x49, 0x57, 0x42, 0x31]);
    new DataView(bytes.buffer).setUint32(4, header.byteLength, true);
    bytes.set(header, 8);
    expect(() => decodeWireMessage(bytes)).toThrow(`Malformed message: the key "${key}" is not allowed`);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('rejects malformed messages with a clear reason', () => {
    expect(() => decodeWireMessage(new TextEncoder().encode('{"json":1}'))).toThrow('missing IWB1 header');
    const good = encodeWireMessage({ blob: new Uint8Array(10) });
    expect(() => decodeWireMessage(good.subarray(0, good.byteLength - 5))).toThrow('blob exceeds message length');
  });

  it('carries a list of parts (Arrow IPC as schema + batches) unjoined, and reads them back as views into the one buffer', () => {
    const schema = new Uint8Array([1, 2, 3]);
    const batches = [new Uint8Array(70_000).fill(7), new Uint8Array(0), new Uint8Array([9, 9])];
    const parts = encodeWireParts({ ok: true, value: { window: { arrow: [schema, ...batches] } } });
    // The very same part objects follow the prefix: nothing was copied or joined on the way out.
    expect(parts.slice(1)).toHaveLength(4);
    parts.slice(1).forEach((part, index) => expect(part).toBe([schema, ...batches][index]));
    const joined = encodeWireMessage({ ok: true, value: { window: { arrow: [schema, ...batches] } } });
    expect(wirePartsLength(parts)).toBe(joined.byteLength);
    const decoded = decodeWireMessage(joined) as { value: { window: { arrow: Uint8Array[] } } };
    const back = decoded.value.window.arrow;
    expect(back.map((part) => Array.from(part))).toEqual([schema, ...batches].map((part) => Array.from(part)));
    expect(back.every((part) => part.buffer === joined.buffer)).toBe(true);
  });

  it('refuses a frame cut short at any point with a bilingual error, never a partial value', () => {
    const message = encodeWireMessage({ ok: true, value: { name: '表', arrow: [new Uint8Array(40).fill(1), new Uint8Array(30).fill(2)] } });
    for (let cut = 0; cut < message.byteLength; cut++) {
      let caught: unknown = null;
      try {
        decodeWireMessage(message.subarray(0, cut));
      } catch (error) {
        caught = error;
      }
      const envelope = toErrorEnvelope(caught);
      expect(envelope.code, `cut at ${cut}`).toBe('wire-malformed');
      expect(envelope.kind).toBe('user');
      expect(errorText(envelope.text as 'wire-no-frame', envelope.params ?? {}, 'zh')).toMatch(/^消息格式错误：/);
    }
  });

  it.each([
    ['a garbled header', (bytes: Uint8Array) => bytes.fill(0x7b, 8, 12), 'wire-header-json'],
    ['a garbled magic', (bytes: Uint8Array) => bytes.fill(0, 0, 1), 'wire-no-frame'],
    ['bytes after the last blob', (bytes: Uint8Array) => bytes, 'wire-trailing-bytes'],
  ])('refuses %s with its own text', (_label, garble, text) => {
    const message = encodeWireMessage({ ok: true, value: { arrow: new Uint8Array(16) } });
    const bytes = new Uint8Array(message.byteLength + (text === 'wire-trailing-bytes' ? 3 : 0));
    bytes.set(message);
    let caught: unknown = null;
    try {
      decodeWireMessage(garble(bytes));
    } catch (error) {
      caught = error;
    }
    expect(toErrorEnvelope(caught)).toMatchObject({ code: 'wire-malformed', text });
  });
});
