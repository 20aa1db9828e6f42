import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { Gb18030DecodeError, Gb18030ToUtf8 } from './gb18030';

/** Transcodes `bytes` in blocks of `blockSize` and joins the output. */
function transcode(bytes: Uint8Array, blockSize: number): string {
  const transcoder = new Gb18030ToUtf8();
  const parts: Buffer[] = [];
  for (let at = 0; at < bytes.length; at += blockSize) parts.push(Buffer.from(transcoder.push(bytes.subarray(at, at + blockSize))));
  transcoder.end();
  return Buffer.concat(parts).toString('utf8');
}

// Encoded by iconv-lite (its own tables), decoded here (tables from the platform's ICU): two independent implementations.
const TEXT =
  '指标,2023年,2024年（目标）\n高新技术企业（家）,1 215,1 300\nR&D经费支出（亿元）,"69.5",75\n' +
  '四字节：𠀀𠮷𪚥 € · — ① Ａ１ ㎡ 〇 emoji 😀\n末行没有换行';

describe('Gb18030ToUtf8', () => {
  it('gives the same text as the platform decoder, two- and four-byte codes included', () => {
    const bytes = iconv.encode(TEXT, 'gb18030');
    expect(transcode(bytes, bytes.length)).toBe(TEXT);
    expect(transcode(bytes, bytes.length)).toBe(new TextDecoder('gb18030').decode(bytes));
  });

  it('carries a character split between blocks, at every block size', () => {
    const bytes = iconv.encode(TEXT, 'gb18030');
    for (let blockSize = 1; blockSize <= 9; blockSize++) expect(transcode(bytes, blockSize), `block size ${blockSize}`).toBe(TEXT);
  });

  it('keeps a split character when the caller reuses its block buffer, as file readers do', () => {
    const bytes = iconv.encode(TEXT.repeat(20), 'gb18030');
    for (const blockSize of [5, 7, 64]) {
      const transcoder = new Gb18030ToUtf8();
      // A Buffer: its slice() is a view, so a carried tail must be copied out before the buffer is refilled.
      const shared = Buffer.alloc(blockSize);
      const parts: Buffer[] = [];
      for (let at = 0; at < bytes.length; at += blockSize) {
        const length = Math.min(blockSize, bytes.length - at);
        shared.set(bytes.subarray(at, at + length));
        parts.push(Buffer.from(transcoder.push(shared.subarray(0, length))));
      }
      transcoder.end();
      expect(Buffer.concat(parts).toString('utf8'), `block size ${blockSize}`).toBe(TEXT.repeat(20));
    }
  });

  it('agrees with the platform decoder on every two-byte code', () => {
    const pairs: number[] = [];
    for (let lead = 0x81; lead <= 0xfe; lead++) for (let trail = 0x40; trail <= 0xfe; trail++) if (trail !== 0x7f) pairs.push(lead, trail);
    const bytes = new Uint8Array(pairs);
    expect(transcode(bytes, 4096)).toBe(new TextDecoder('gb18030', { fatal: true }).decode(bytes));
  });

  it('reports invalid bytes with their offset, and a file cut inside a character', () => {
    const good = iconv.encode('名称,数值\n甲,1\n', 'gb18030');
    const bad = new Uint8Array([...good, 0x41, 0xff, 0xff, 0x0a]);
    let error: unknown;
    try {
      transcode(bad, 7);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(Gb18030DecodeError);
    expect((error as Gb18030DecodeError).byteOffset).toBe(good.length + 1);

    const cut = iconv.encode('甲乙', 'gb18030').subarray(0, 3);
    expect(() => transcode(cut, 2)).toThrow(/byte offset 2/);
    // A lead byte followed by an ASCII byte is not a character.
    expect(() => transcode(new Uint8Array([0x81, 0x20]), 10)).toThrow(Gb18030DecodeError);
  });
});
