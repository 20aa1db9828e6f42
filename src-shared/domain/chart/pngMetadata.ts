/**
 * PNG resolution metadata. Browsers write PNGs without a pHYs chunk, so Word
 * and WPS place them at 96 dpi: a 1,843-pixel chart meant for a 15.6 cm
 * column would come in at 49 cm wide. Writing the intended DPI makes the
 * image land at its physical size.
 */

import { concatBytes } from '../concatBytes';

const SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const INCHES_PER_METRE = 39.37007874015748;

let crcTable: Uint32Array | null = null;
function crc32(bytes: Uint8Array): number {
  if (!crcTable) {
    crcTable = new Uint32Array(256);
    for (let n = 0; n < 256; n++) {
      let c = n;
      for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      crcTable[n] = c >>> 0;
    }
  }
  let crc = 0xffffffff;
  for (const byte of bytes) crc = crcTable[(crc ^ byte) & 0xff]! ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

function assertPng(bytes: Uint8Array): void {
  if (bytes.byteLength < 33 || SIGNATURE.some((byte, index) => bytes[index] !== byte)) throw new Error('Not a PNG file');
}

interface Chunk {
  type: string;
  start: number;
  end: number;
}

function chunks(bytes: Uint8Array): Chunk[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const found: Chunk[] = [];
  let offset = 8;
  while (offset + 12 <= bytes.byteLength) {
    const length = view.getUint32(offset);
    const type = String.fromCharCode(...bytes.subarray(offset + 4, offset + 8));
    const end = offset + 12 + length;
    if (end > bytes.byteLength) throw new Error(`Truncated PNG chunk ${type}`);
    found.push({ type, start: offset, end });
    offset = end;
    if (type === 'IEND') break;
  }
  return found;
}

/** Returns a copy of `png` that declares `dpi` dots per inch in both directions (pHYs), replacing any existing pHYs. */
export function withPngDpi(png: Uint8Array, dpi: number): Uint8Array {
  assertPng(png);
  if (!(dpi > 0 && dpi < 100_000)) throw new Error(`DPI must be positive; got ${dpi}`);
  const list = chunks(png);
  const header = list[0];
  if (!header || header.type !== 'IHDR') throw new Error('PNG does not start with IHDR');
  const pixelsPerMetre = Math.round(dpi * INCHES_PER_METRE);
  const chunk = new Uint8Array(21);
  const view = new DataView(chunk.buffer);
  view.setUint32(0, 9);
  chunk.set([0x70, 0x48, 0x59, 0x73], 4); // "pHYs"
  view.setUint32(8, pixelsPerMetre);
  view.setUint32(12, pixelsPerMetre);
  chunk[16] = 1; // unit: metre
  view.setUint32(17, crc32(chunk.subarray(4, 17)));
  const kept = list.filter((entry) => entry.type !== 'pHYs');
  const parts: Uint8Array[] = [png.subarray(0, 8), png.subarray(header.start, header.end), chunk];
  for (const entry of kept.slice(1)) parts.push(png.subarray(entry.start, entry.end));
  return concatBytes(parts);
}

/** Pixel size and declared resolution (null when the PNG declares none). */
export function readPngInfo(png: Uint8Array): { width: number; height: number; dpiX: number | null; dpiY: number | null } {
  assertPng(png);
  const view = new DataView(png.buffer, png.byteOffset, png.byteLength);
  const list = chunks(png);
  const width = view.getUint32(16);
  const height = view.getUint32(20);
  const phys = list.find((entry) => entry.type === 'pHYs');
  if (!phys || png[phys.start + 16] !== 1) return { width, height, dpiX: null, dpiY: null };
  return {
    width,
    height,
    dpiX: Math.round(view.getUint32(phys.start + 8) / INCHES_PER_METRE),
    dpiY: Math.round(view.getUint32(phys.start + 12) / INCHES_PER_METRE),
  };
}
