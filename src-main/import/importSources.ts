import { createHash, randomBytes, type Hash } from 'node:crypto';
import { rmSync } from 'node:fs';
import { mkdir, open, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import type { ImportFormat, ImportSourceId, ImportSourceInfo } from '@shared/contract/workbenchContract';
import { localizedError } from '@shared/contract/errorTexts';

/** A file held for importing: a path given on the command line, or an uploaded copy. */
export interface ImportSource extends ImportSourceInfo {
  path: string;
  /**
   * SHA-256 of an uploaded copy, hashed chunk by chunk as it arrived (the
   * copy is private, so it cannot change afterwards). Absent for a path on
   * disk, which is hashed when it is imported.
   */
  contentSha256?: string;
}

interface PendingUpload {
  fileName: string;
  totalBytes: number;
  received: number;
  path: string;
  hash: Hash;
}

const MAGIC = {
  zip: [0x50, 0x4b, 0x03, 0x04],
  emptyZip: [0x50, 0x4b, 0x05, 0x06],
  cfb: [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1],
  parquet: [0x50, 0x41, 0x52, 0x31],
  duckdb: [0x44, 0x55, 0x43, 0x4b],
};

function startsWith(bytes: Uint8Array, magic: readonly number[], at = 0): boolean {
  return magic.every((byte, index) => bytes[at + index] === byte);
}

/** File names of Excel and WPS workbooks. */
export const WORKBOOK_EXTENSION = /\.(xlsx|xlsm|xls|et)$/i;

/** The content starts with `<` (an HTML or XML table), after a byte-order mark (UTF-8 or UTF-16) and blanks. */
function startsWithMarkup(head: Uint8Array): boolean {
  const utf16 = startsWith(head, [0xff, 0xfe]) || startsWith(head, [0xfe, 0xff]);
  // UTF-16: every other byte is the character's (LE: the first of each pair, BE: the second).
  const bytes = utf16 ? head.filter((_byte, index) => index >= 2 && index % 2 === (head[0] === 0xff ? 0 : 1)) : head;
  let index = !utf16 && startsWith(head, [0xef, 0xbb, 0xbf]) ? 3 : 0;
  while (index < bytes.length && (bytes[index] === 0x20 || bytes[index] === 0x09 || bytes[index] === 0x0a || bytes[index] === 0x0d)) index += 1;
  return bytes[index] === 0x3c;
}

/**
 * The format of a file from its first bytes, and from its extension when the
 * content is text. A workbook renamed .csv is still a workbook; binary bytes
 * named .csv are reported later, by the text reader, with their offset.
 */
export function detectFormat(fileName: string, head: Uint8Array): ImportFormat {
  const extension = /\.([^.]+)$/.exec(fileName)?.[1]?.toLowerCase() ?? '';
  if (startsWith(head, MAGIC.parquet)) return 'parquet';
  // DuckDB files carry "DUCK" at byte 8.
  if (startsWith(head, MAGIC.duckdb, 8)) return 'duckdb';
  if (startsWith(head, MAGIC.zip) || startsWith(head, MAGIC.emptyZip)) return 'xlsx';
  if (startsWith(head, MAGIC.cfb)) return 'xls';
  if (WORKBOOK_EXTENSION.test(fileName)) {
    // Named as a workbook but neither a zip (.xlsx) nor a compound file (.xls): many systems export
    // an HTML or XML table as .xls (the workbook reader reads those); anything else is text, and the
    // text reader (encoding and delimiter detection) reads it, with a warning (textFormat).
    return startsWithMarkup(head) ? 'xls' : 'csv';
  }
  if (extension === 'parquet') return 'parquet';
  if (extension === 'json' || extension === 'ndjson' || extension === 'jsonl') return 'json';
  if (extension === 'duckdb' || extension === 'db') return 'duckdb';
  return 'csv';
}

async function readHead(path: string, bytes = 64): Promise<Uint8Array> {
  const handle = await open(path, 'r');
  try {
    const buffer = new Uint8Array(bytes);
    const { bytesRead } = await handle.read(buffer, 0, bytes, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

/**
 * The files held for importing in one workbench. Uploads are written to a
 * private temporary folder; paths come only from the command line (the
 * renderer never names a path).
 */
export class ImportSources {
  private readonly sources = new Map<string, ImportSource>();
  private readonly uploads = new Map<string, PendingUpload>();
  readonly directory = join(tmpdir(), `iwb-import-${process.pid}-${randomBytes(4).toString('hex')}`);

  private cleanupRegistered = false;

  async workDirectory(): Promise<string> {
    await mkdir(this.directory, { recursive: true, mode: 0o700 });
    if (!this.cleanupRegistered) {
      this.cleanupRegistered = true;
      // Uploaded copies and transcoded files never outlive the process.
      process.once('exit', () => rmSync(this.directory, { recursive: true, force: true }));
    }
    return this.directory;
  }

  async registerPath(path: string): Promise<ImportSource> {
    let size: number;
    try {
      const info = await stat(path);
      if (!info.isFile()) throw localizedError('import-not-a-file', { path });
      size = info.size;
    } catch (error) {
      if (error instanceof Error && 'code' in error && error.code === 'ENOENT') throw localizedError('import-not-found', { path });
      throw error;
    }
    return this.add(path, basename(path), size, 'path');
  }

  async receiveChunk(input: {
    sourceId?: ImportSourceId | undefined;
    fileName: string;
    totalBytes: number;
    offset: number;
    chunk: Uint8Array;
  }): Promise<{ sourceId: ImportSourceId; receivedBytes: number; source: ImportSourceInfo | null }> {
    const fileName = basename(input.fileName.replaceAll('\\', '/'));
    let upload: PendingUpload;
    let sourceId: ImportSourceId;
    if (input.sourceId === undefined) {
      if (input.offset !== 0) throw localizedError('import-upload-start');
      sourceId = newSourceId();
      const folder = join(await this.workDirectory(), sourceId);
      await mkdir(folder, { mode: 0o700 });
      upload = { fileName, totalBytes: input.totalBytes, received: 0, path: join(folder, fileName || 'upload'), hash: createHash('sha256') };
      await writeFile(upload.path, new Uint8Array(0));
      this.uploads.set(sourceId, upload);
    } else {
      sourceId = input.sourceId;
      const pending = this.uploads.get(sourceId);
      if (!pending) throw localizedError('import-upload-unknown');
      upload = pending;
    }
    if (input.offset !== upload.received) {
      throw localizedError('import-upload-order', { offset: input.offset, expected: upload.received });
    }
    if (upload.received + input.chunk.byteLength > upload.totalBytes) {
      throw localizedError('import-upload-size');
    }
    await writeFile(upload.path, input.chunk, { flag: 'a' });
    upload.hash.update(input.chunk);
    upload.received += input.chunk.byteLength;
    if (upload.received < upload.totalBytes) return { sourceId, receivedBytes: upload.received, source: null };
    this.uploads.delete(sourceId);
    const source = await this.add(upload.path, upload.fileName, upload.totalBytes, 'upload', sourceId);
    source.contentSha256 = upload.hash.digest('hex');
    return { sourceId, receivedBytes: upload.received, source: publicInfo(source) };
  }

  get(sourceId: ImportSourceId): ImportSource {
    const source = this.sources.get(sourceId);
    if (!source) throw localizedError('import-source-unknown');
    return source;
  }

  async discard(sourceId: ImportSourceId): Promise<boolean> {
    const source = this.sources.get(sourceId);
    const upload = this.uploads.get(sourceId);
    this.sources.delete(sourceId);
    this.uploads.delete(sourceId);
    if (source?.via === 'upload' || upload) await rm(join(this.directory, sourceId), { recursive: true, force: true });
    return Boolean(source ?? upload);
  }

  async disposeAll(): Promise<void> {
    this.sources.clear();
    this.uploads.clear();
    await rm(this.directory, { recursive: true, force: true });
  }

  private async add(path: string, fileName: string, sizeBytes: number, via: 'path' | 'upload', id = newSourceId()): Promise<ImportSource> {
    const format = detectFormat(fileName, await readHead(path));
    const source: ImportSource = { sourceId: id, fileName, sizeBytes, format, via, path };
    this.sources.set(id, source);
    return source;
  }
}

export function publicInfo(source: ImportSource): ImportSourceInfo {
  return { sourceId: source.sourceId, fileName: source.fileName, sizeBytes: source.sizeBytes, format: source.format, via: source.via };
}

function newSourceId(): ImportSourceId {
  return `src_${randomBytes(8).toString('hex')}` as ImportSourceId;
}
