/**
 * Binary-safe message framing for the HTTP transport: JSON for structure, raw
 * bytes for every Uint8Array in the value (Arrow IPC buffers, file contents),
 * so binary data is never base64- or JSON-encoded.
 *
 * Layout: "IWB1" | u32 LE header length | header JSON | blob 0 | blob 1 | ...
 * The header is `{"v": value, "b": [len0, len1, ...]}` where every Uint8Array
 * in `value` was replaced by `{"$bin": index}`. A list of parts (e.g. Arrow
 * IPC as a schema message and one message per record batch, `Uint8Array[]`)
 * is a list of blobs: each part is written as it is, never joined, and read
 * back as views into the one received buffer.
 *
 * A frame that is cut short, garbled or not a frame at all is refused with a
 * bilingual error (code `wire-malformed`), never decoded partly.
 */
import { isPrototypeKey } from './contractKit';
import { concatBytes } from '../domain/concatBytes';
import { localizedError, type ErrorParams, type ErrorTextCode } from './errorTexts';

const MAGIC = [0x49, 0x57, 0x42, 0x31]; // "IWB1"
const BLOB_KEY = '$bin';

const textEncoder = new TextEncoder();
const textDecoder = new TextDecoder();

/** The message as consecutive parts (prefix and header, then each blob), for writing without a copy. */
export function encodeWireParts(value: unknown): Uint8Array[] {
  const blobs: Uint8Array[] = [];
  const json = JSON.stringify({ v: value }, (_key, item: unknown) => {
    if (item instanceof Uint8Array) {
      blobs.push(item);
      return { [BLOB_KEY]: blobs.length - 1 };
    }
    if (typeof item === 'bigint') {
      throw new TypeError('bigint values cannot cross the wire; send them inside Arrow data or as strings');
    }
    return item;
  });
  const header = textEncoder.encode(
    json.slice(0, -1) + `,"b":[${blobs.map((blob) => blob.byteLength).join(',')}]}`,
  );
  const prefix = new Uint8Array(8 + header.byteLength);
  prefix.set(MAGIC, 0);
  new DataView(prefix.buffer).setUint32(4, header.byteLength, true);
  prefix.set(header, 8);
  return [prefix, ...blobs];
}

export function encodeWireMessage(value: unknown): Uint8Array {
  return concatBytes(encodeWireParts(value));
}

export function decodeWireMessage(bytes: Uint8Array): unknown {
  if (bytes.byteLength < 8 || MAGIC.some((byte, index) => bytes[index] !== byte)) throw malformed('wire-no-frame');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const headerLength = view.getUint32(4, true);
  if (8 + headerLength > bytes.byteLength) throw malformed('wire-header-length');
  let parsed: { v: unknown; b: unknown };
  try {
    parsed = JSON.parse(textDecoder.decode(bytes.subarray(8, 8 + headerLength))) as { v: unknown; b: unknown };
  } catch {
    throw malformed('wire-header-json');
  }
  if (typeof parsed !== 'object' || parsed === null || !Array.isArray(parsed.b)) throw malformed('wire-blob-table');
  const blobs: Uint8Array[] = [];
  let offset = 8 + headerLength;
  for (const length of parsed.b as unknown[]) {
    if (typeof length !== 'number' || !Number.isInteger(length) || length < 0 || offset + length > bytes.byteLength) {
      throw malformed('wire-blob-length');
    }
    // A view, not a copy: Arrow decoding reads straight from the received buffer.
    blobs.push(bytes.subarray(offset, offset + length));
    offset += length;
  }
  if (offset !== bytes.byteLength) throw malformed('wire-trailing-bytes', { extra: bytes.byteLength - offset });
  return reviveBlobs(parsed.v, blobs);
}

/** The total length of a message written as parts (what `Content-Length` says). */
export function wirePartsLength(parts: readonly Uint8Array[]): number {
  return parts.reduce((total, part) => total + part.byteLength, 0);
}

function malformed(text: ErrorTextCode, params: ErrorParams = {}): Error {
  return localizedError(text, params, undefined, 'wire-malformed');
}

function reviveBlobs(value: unknown, blobs: Uint8Array[]): unknown {
  if (Array.isArray(value)) return value.map((item) => reviveBlobs(item, blobs));
  if (typeof value === 'object' && value !== null) {
    const record = value as Record<string, unknown>;
    const keys = Object.keys(record);
    if (keys.length === 1 && keys[0] === BLOB_KEY && typeof record[BLOB_KEY] === 'number') {
      const blob = blobs[record[BLOB_KEY]];
      if (!blob) throw malformed('wire-blob-unknown');
      return blob;
    }
    const out: Record<string, unknown> = {};
    for (const key of keys) {
      // JSON.parse keeps "__proto__" as an own key; assigning it here would swap the prototype.
      if (isPrototypeKey(key)) throw malformed('wire-prototype-key', { key });
      out[key] = reviveBlobs(record[key], blobs);
    }
    return out;
  }
  return value;
}
