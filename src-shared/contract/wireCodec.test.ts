import { describe, expect, it } from 'vitest';
import { decodeWireMessage, encodeWireMessage } from './wireCodec';

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
});
