/**
 * Binary-safe message framing for the HTTP transport: JSON for structure, raw
 * bytes for every Uint8Array in the value (Arrow IPC buffers, file contents),
 * so binary data is never base64- or JSON-encoded.
 *
 * Layout: "IWB1" | u32 LE header length | header JSON | blob 0 | blob 1 | ...
 * The header is `{"v": value, "b": [len0, len1, ...]}` where every Uint8Array
 * in `value` was replaced by `{"$bin": index}`.
 */
import { isPrototypeKey } from './contractKit';

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
  const parts = encodeWireParts(value);
  const out = new Uint8Array(parts.reduce((total, part) => total + part.byteLength, 0));
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.byteLength;
  }
  return out;
}

export function decodeWireMessage(bytes: Uint8Array): unknown {
  if (bytes.byteLength < 8 || MAGIC.some((byte, index) => bytes[index] !== byte)) {
    throw new Error('Malformed message: missing IWB1 header');
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const headerLength = view.getUint32(4, true);
  if (8 + headerLength > bytes.byteLength) throw new Error('Malformed message: header exceeds message length');
  const parsed = JSON.parse(textDecoder.decode(bytes.subarray(8, 8 + headerLength))) as { v: unknown; b: number[] };
  if (!Array.isArray(parsed.b)) throw new Error('Malformed message: missing blob table');
  const blobs: Uint8Array[] = [];
  let offset = 8 + headerLength;
  for (const length of parsed.b) {
    if (!Number.isInteger(length) || length < 0 || offset + length > bytes.byteLength) {
      throw new Error('Malformed message: blob exceeds message length');
    }
    // A view, not a copy: Arrow decoding reads straight from the received buffer.
    blobs.push(bytes.subarray(offset, offset + length));
    offset += length;
  }
  return reviveBlobs(parsed.v, blobs);
}

function reviveBlobs(value: unknown, blobs: Uint8Array[]): unknown {
  if (Array.isArray(value)) return value.map((item) => reviveBlobs(item, blobs));
  if (typeof value === 'object' && value !== null) {
    const record = value as Record<string, unknown>;
    const keys = Object.keys(record);
    if (keys.length === 1 && keys[0] === BLOB_KEY && typeof record[BLOB_KEY] === 'number') {
      const blob = blobs[record[BLOB_KEY]];
      if (!blob) throw new Error('Malformed message: unknown blob reference');
      return blob;
    }
    const out: Record<string, unknown> = {};
    for (const key of keys) {
      // JSON.parse keeps "__proto__" as an own key; assigning it here would swap the prototype.
      if (isPrototypeKey(key)) throw new Error(`Malformed message: the key "${key}" is not allowed`);
      out[key] = reviveBlobs(record[key], blobs);
    }
    return out;
  }
  return value;
}
