/**
 * GB18030 (and so GBK) bytes straight to UTF-8 bytes, for importing large
 * CSV files through DuckDB's reader. The platform's TextDecoder is the
 * reference: every two-byte code is looked up in a table built from it once,
 * and four-byte codes and odd single bytes are decoded by it (and cached).
 * ASCII, nearly all of a statistics export, is copied byte for byte, which
 * makes this several times faster than decoding to a string and encoding
 * that again.
 */

import { CsvRecordTracker, type RecordEnd } from './csvRecords';

/** Invalid bytes: where (byte offset from the start of the input) and which. */
export class Gb18030DecodeError extends Error {
  constructor(
    readonly byteOffset: number,
    readonly bytes: readonly number[],
  ) {
    super(`bytes ${bytes.map((byte) => byte.toString(16).padStart(2, '0')).join(' ')} at byte offset ${byteOffset} are not valid GB18030`);
  }
}

const LEAD_FIRST = 0x81;
const LEAD_LAST = 0xfe;
const TRAIL_FIRST = 0x40;
const TRAIL_SPAN = 0xfe - TRAIL_FIRST + 1;

let twoByteTable: Uint32Array | null = null;

/** UTF-8 of one code point, packed as length << 24 | bytes (first byte highest); 0 for none. */
function packUtf8(text: string): number {
  const codePoint = text.codePointAt(0);
  if (codePoint === undefined || text.length !== (codePoint > 0xffff ? 2 : 1) || codePoint > 0xffff) return 0;
  if (codePoint < 0x80) return (1 << 24) | codePoint;
  if (codePoint < 0x800) return (2 << 24) | ((0xc0 | (codePoint >> 6)) << 8) | (0x80 | (codePoint & 0x3f));
  return (3 << 24) | ((0xe0 | (codePoint >> 12)) << 16) | ((0x80 | ((codePoint >> 6) & 0x3f)) << 8) | (0x80 | (codePoint & 0x3f));
}

/** Every valid two-byte code's UTF-8, from the platform decoder (about 24,000 codes, built once). */
function table(): Uint32Array {
  if (twoByteTable) return twoByteTable;
  const decoder = new TextDecoder('gb18030', { fatal: true });
  const built = new Uint32Array((LEAD_LAST - LEAD_FIRST + 1) * TRAIL_SPAN);
  const pair = new Uint8Array(2);
  for (let lead = LEAD_FIRST; lead <= LEAD_LAST; lead++) {
    for (let trail = TRAIL_FIRST; trail <= 0xfe; trail++) {
      if (trail === 0x7f) continue;
      pair[0] = lead;
      pair[1] = trail;
      let text: string;
      try {
        text = decoder.decode(pair);
      } catch {
        continue;
      }
      built[(lead - LEAD_FIRST) * TRAIL_SPAN + trail - TRAIL_FIRST] = packUtf8(text);
    }
  }
  twoByteTable = built;
  return built;
}

/**
 * A streaming transcoder: `push` each block of the file and write what it
 * returns; a character split between blocks is carried over. `end` checks
 * that the file did not stop inside a character.
 */
export class Gb18030ToUtf8 {
  private readonly table = table();
  private readonly decoder = new TextDecoder('gb18030', { fatal: true });
  private readonly encoder = new TextEncoder();
  private readonly rare = new Map<number, Uint8Array | null>();
  private carry = new Uint8Array(0);
  /** Bytes of input before the current block (for error offsets). */
  private consumed = 0;
  /** Two output buffers, used in turn, so one can be written out while the next block is transcoded. */
  private readonly outputs = [new Uint8Array(0), new Uint8Array(0)];
  private turn = 0;
  /** CSV record ends, as DuckDB's reader sees them (0x0A and 0x22 never occur inside a GB18030 character, so this is exact). */
  private readonly tracker: CsvRecordTracker;
  /** Output bytes before the current block, and the last two of them (line feeds before any). */
  private outputBefore = 0;
  private readonly lastOutput: [number, number] = [0x0a, 0x0a];
  /** Where the last record of the latest `push`'s output ends (see RecordEnd). */
  readonly lastRecord: RecordEnd = { end: -1, records: 0 };

  /** `delimiter`: the CSV delimiter, for finding record ends (quoted fields start after it). */
  constructor(delimiter = ',') {
    this.tracker = new CsvRecordTracker(delimiter.charCodeAt(0));
  }

  /** The UTF-8 for `block`; the returned view stays valid until the second `push` after this one. */
  push(block: Uint8Array): Uint8Array {
    let input = block;
    let base = this.consumed;
    if (this.carry.length > 0) {
      input = new Uint8Array(this.carry.length + block.length);
      input.set(this.carry);
      input.set(block, this.carry.length);
      base -= this.carry.length;
    }
    this.consumed += block.length;
    // Worst case: two bytes become three (a four-byte code becomes at most four).
    const need = Math.ceil(input.length * 1.5) + 8;
    this.turn ^= 1;
    if (this.outputs[this.turn]!.length < need) this.outputs[this.turn] = new Uint8Array(need);
    const out = this.outputs[this.turn]!;
    const codes = this.table;
    const length = input.length;
    let at = 0;
    let written = 0;
    const tracker = this.tracker;
    const outputBefore = this.outputBefore;
    let recordEnd = -1;
    while (at < length) {
      const byte = input[at]!;
      if (byte < 0x80) {
        out[written++] = byte;
        at++;
        if (byte > 0x22) continue;
        if (byte === 0x0a) {
          if (tracker.lineFeed()) recordEnd = written;
        } else if (byte === 0x22) {
          const at = written - 1;
          tracker.quote(outputBefore + at, at >= 1 ? out[at - 1]! : this.lastOutput[1], at >= 2 ? out[at - 2]! : this.lastOutput[at === 1 ? 1 : 0]);
        }
        continue;
      }
      if (byte >= LEAD_FIRST && byte <= LEAD_LAST) {
        if (at + 1 >= length) break;
        const second = input[at + 1]!;
        if (second >= TRAIL_FIRST && second !== 0x7f && second !== 0xff) {
          const packed = codes[(byte - LEAD_FIRST) * TRAIL_SPAN + second - TRAIL_FIRST]!;
          if (packed === 0) throw new Gb18030DecodeError(base + at, [byte, second]);
          const size = packed >>> 24;
          if (size === 3) {
            out[written] = (packed >>> 16) & 0xff;
            out[written + 1] = (packed >>> 8) & 0xff;
            out[written + 2] = packed & 0xff;
          } else if (size === 2) {
            out[written] = (packed >>> 8) & 0xff;
            out[written + 1] = packed & 0xff;
          } else {
            out[written] = packed & 0xff;
          }
          written += size;
          at += 2;
          continue;
        }
        if (second >= 0x30 && second <= 0x39) {
          if (at + 3 >= length) break;
          const key = ((byte << 24) | (second << 16) | (input[at + 2]! << 8) | input[at + 3]!) >>> 0;
          const utf8 = this.rareBytes(key, input.subarray(at, at + 4));
          if (!utf8) throw new Gb18030DecodeError(base + at, Array.from(input.subarray(at, at + 4)));
          out.set(utf8, written);
          written += utf8.length;
          at += 4;
          continue;
        }
        throw new Gb18030DecodeError(base + at, [byte, second]);
      }
      // 0x80 and 0xFF: whatever the platform decoder makes of them alone.
      const single = this.rareBytes(byte, input.subarray(at, at + 1));
      if (!single) throw new Gb18030DecodeError(base + at, [byte]);
      out.set(single, written);
      written += single.length;
      at++;
    }
    this.lastRecord.end = recordEnd;
    this.lastRecord.records = tracker.records;
    this.outputBefore += written;
    if (written >= 2) {
      this.lastOutput[0] = out[written - 2]!;
      this.lastOutput[1] = out[written - 1]!;
    } else if (written === 1) {
      this.lastOutput[0] = this.lastOutput[1];
      this.lastOutput[1] = out[0]!;
    }
    // A copy: the caller reuses its block buffers (and a Buffer's `slice` is a view, not a copy).
    this.carry = Uint8Array.from(input.subarray(at));
    return out.subarray(0, written);
  }

  /** Throws when the input ended inside a character. */
  end(): void {
    if (this.carry.length > 0) throw new Gb18030DecodeError(this.consumed - this.carry.length, Array.from(this.carry));
  }

  private rareBytes(key: number, bytes: Uint8Array): Uint8Array | null {
    let utf8 = this.rare.get(key);
    if (utf8 === undefined) {
      try {
        const text = this.decoder.decode(bytes);
        utf8 = text.length > 0 && !text.includes('\ufffd') ? this.encoder.encode(text) : null;
      } catch {
        utf8 = null;
      }
      this.rare.set(key, utf8);
    }
    return utf8;
  }
}
