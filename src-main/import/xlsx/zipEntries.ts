import { createReadStream } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';
import { createInflateRaw } from 'node:zlib';

/** One file inside a ZIP archive, as its central directory lists it. */
export interface ZipEntry {
  /** The name as stored (`xl/worksheets/sheet1.xml`). */
  name: string;
  method: number;
  compressedSize: number;
  localHeaderOffset: number;
  encrypted: boolean;
}

/** A ZIP archive that cannot be read; `message` says what was wrong (English, for the error's detail). */
export class ZipError extends Error {}

const EOCD = 0x06054b50;
const ZIP64_LOCATOR = 0x07064b50;
const ZIP64_EOCD = 0x06064b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;
const MAX_COMMENT = 0xffff;

/**
 * The entries of a ZIP file from its central directory, read with random
 * access: nothing but the directory is loaded. Names are looked up
 * case-insensitively (OOXML part names are).
 */
export class ZipArchive {
  private constructor(
    private readonly path: string,
    readonly entries: Map<string, ZipEntry>,
  ) {}

  static async open(path: string): Promise<ZipArchive> {
    try {
      return await ZipArchive.readDirectory(path);
    } catch (error) {
      // A field pointing outside the bytes read (Buffer's RangeError) is a damaged directory, not a bug of ours.
      if (error instanceof RangeError) throw new ZipError(`damaged ZIP directory (${error.message})`);
      throw error;
    }
  }

  private static async readDirectory(path: string): Promise<ZipArchive> {
    const handle = await open(path, 'r');
    try {
      const size = (await handle.stat()).size;
      const tailLength = Math.min(size, 22 + MAX_COMMENT + 20);
      const tail = await readAt(handle, size - tailLength, tailLength);
      let eocd = -1;
      for (let at = tail.length - 22; at >= 0; at--) {
        if (tail.readUInt32LE(at) === EOCD) {
          eocd = at;
          break;
        }
      }
      if (eocd === -1) throw new ZipError('no ZIP end-of-directory record: the file is not a workbook or is cut short');
      let count = tail.readUInt16LE(eocd + 10);
      let directorySize = tail.readUInt32LE(eocd + 12);
      let directoryOffset = tail.readUInt32LE(eocd + 16);
      if (eocd >= 20 && tail.readUInt32LE(eocd - 20) === ZIP64_LOCATOR) {
        const record = await readAt(handle, Number(tail.readBigUInt64LE(eocd - 20 + 8)), 56);
        if (record.readUInt32LE(0) !== ZIP64_EOCD) throw new ZipError('damaged ZIP64 end-of-directory record');
        count = Number(record.readBigUInt64LE(32));
        directorySize = Number(record.readBigUInt64LE(40));
        directoryOffset = Number(record.readBigUInt64LE(48));
      }
      if (directoryOffset + directorySize > size) throw new ZipError('the ZIP directory points past the end of the file: the file is cut short');
      const directory = await readAt(handle, directoryOffset, directorySize);
      const entries = new Map<string, ZipEntry>();
      let at = 0;
      for (let index = 0; index < count; index++) {
        if (at + 46 > directory.length || directory.readUInt32LE(at) !== CENTRAL) throw new ZipError(`damaged ZIP directory (entry ${index + 1} of ${count})`);
        const flags = directory.readUInt16LE(at + 8);
        const method = directory.readUInt16LE(at + 10);
        let compressedSize = directory.readUInt32LE(at + 20);
        const uncompressedSize = directory.readUInt32LE(at + 24);
        const nameLength = directory.readUInt16LE(at + 28);
        const extraLength = directory.readUInt16LE(at + 30);
        const commentLength = directory.readUInt16LE(at + 32);
        let localHeaderOffset = directory.readUInt32LE(at + 42);
        if (at + 46 + nameLength + extraLength + commentLength > directory.length) throw new ZipError(`damaged ZIP directory (entry ${index + 1} of ${count} runs past its end)`);
        const name = directory.toString('utf8', at + 46, at + 46 + nameLength);
        // ZIP64 sizes and offsets, in this order, for the fields that say 0xFFFFFFFF.
        let extra = at + 46 + nameLength;
        const extraEnd = extra + extraLength;
        while (extra + 4 <= extraEnd) {
          const id = directory.readUInt16LE(extra);
          const length = directory.readUInt16LE(extra + 2);
          if (extra + 4 + length > extraEnd) break;
          if (id === 0x0001) {
            let field = extra + 4;
            const next = (): number => {
              const value = field + 8 <= extra + 4 + length ? Number(directory.readBigUInt64LE(field)) : -1;
              field += 8;
              return value;
            };
            if (uncompressedSize === 0xffffffff) next();
            if (compressedSize === 0xffffffff) compressedSize = next();
            if (localHeaderOffset === 0xffffffff) localHeaderOffset = next();
          }
          extra += 4 + length;
        }
        if (compressedSize < 0 || localHeaderOffset < 0 || localHeaderOffset + compressedSize > size) {
          throw new ZipError(`the ZIP entry ${name} points past the end of the file: the file is cut short`);
        }
        entries.set(name.toLowerCase(), { name, method, compressedSize, localHeaderOffset, encrypted: (flags & 1) === 1 });
        at = extraEnd + commentLength;
      }
      return new ZipArchive(path, entries);
    } finally {
      await handle.close();
    }
  }

  find(name: string): ZipEntry | undefined {
    return this.entries.get(name.toLowerCase());
  }

  /**
   * The inflated bytes of an entry, chunk by chunk. The stream must end
   * where the compressed data ends: a cut-short entry is an error, never a
   * shorter file.
   */
  async *read(entry: ZipEntry): AsyncGenerator<Buffer> {
    if (entry.encrypted) throw new ZipError(`${entry.name} is encrypted`);
    if (entry.method !== 0 && entry.method !== 8) throw new ZipError(`${entry.name} uses compression method ${entry.method}, which workbooks do not use`);
    const handle = await open(this.path, 'r');
    let start: number;
    try {
      const header = await readAt(handle, entry.localHeaderOffset, 30);
      if (header.length < 30 || header.readUInt32LE(0) !== LOCAL) throw new ZipError(`damaged ZIP entry header for ${entry.name}`);
      start = entry.localHeaderOffset + 30 + header.readUInt16LE(26) + header.readUInt16LE(28);
    } finally {
      await handle.close();
    }
    if (entry.compressedSize === 0) {
      if (entry.method === 8) throw new ZipError(`${entry.name} is empty`);
      return;
    }
    const raw = createReadStream(this.path, { start, end: start + entry.compressedSize - 1, highWaterMark: 1 << 20 });
    if (entry.method === 0) {
      yield* raw as AsyncIterable<Buffer>;
      return;
    }
    const inflate = createInflateRaw({ chunkSize: 1 << 20 });
    raw.on('error', (error) => inflate.destroy(error));
    raw.pipe(inflate);
    try {
      for await (const chunk of inflate as AsyncIterable<Buffer>) yield chunk;
    } catch (error) {
      throw new ZipError(`${entry.name} cannot be decompressed (${error instanceof Error ? error.message : String(error)})`);
    } finally {
      raw.destroy();
      inflate.destroy();
    }
  }
}

async function readAt(handle: FileHandle, position: number, length: number): Promise<Buffer> {
  if (position < 0 || length < 0) throw new ZipError('damaged ZIP directory');
  const buffer = Buffer.alloc(length);
  const { bytesRead } = await handle.read(buffer, 0, length, position);
  return buffer.subarray(0, bytesRead);
}
