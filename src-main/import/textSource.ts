import { createReadStream } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { open, rm, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import type { WorkbenchError } from '@shared/contract/WorkbenchError';
import { cancelledError } from '@shared/contract/errorTexts';
import {
  binaryEvidence,
  byteOrderMark,
  decoderLabel,
  guessEncoding,
  type EncodingGuess,
  type TextEncodingName,
} from '@shared/domain/import/textEncoding';
import { parseDelimited, type Delimiter } from '@shared/domain/import/delimitedText';
import { Gb18030DecodeError, Gb18030ToUtf8 } from '@shared/domain/import/gb18030';
import { CsvRecordTracker, scanRecords, type RecordEnd } from '@shared/domain/import/csvRecords';
import { trailingNoteRows } from '@shared/domain/import/tableLayout';
import { localizedError } from '@shared/contract/errorTexts';

export const SAMPLE_BYTES = 256 * 1024;

export interface TextSample {
  bytes: Uint8Array;
  complete: boolean;
  guess: EncodingGuess;
}

/** The first bytes of a text file, with the encoding guessed from them. */
export async function sampleText(path: string, fileName: string, sizeBytes: number): Promise<TextSample> {
  if (sizeBytes === 0) throw localizedError('import-empty', { file: fileName });
  const handle = await open(path, 'r');
  let bytes: Uint8Array;
  try {
    const buffer = new Uint8Array(Math.min(SAMPLE_BYTES, sizeBytes));
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
    bytes = buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
  const complete = bytes.length >= sizeBytes;
  const guess = guessEncoding(bytes, complete);
  const binary = binaryEvidence(bytes, guess.encoding);
  if (binary.binary) {
    throw localizedError('import-binary', { file: fileName, byte: `0x${bytes[binary.offset]!.toString(16).padStart(2, '0')}`, offset: binary.offset });
  }
  return { bytes, complete, guess };
}

/** Decodes a sample for the preview; replacement characters are counted so mojibake is visible. */
export function decodeSample(sample: TextSample, encoding: TextEncodingName): { text: string; badCount: number; firstBad: number } {
  const bom = byteOrderMark(sample.bytes);
  const start = bom && bom.encoding === encoding ? bom.length : 0;
  let bytes = sample.bytes.subarray(start);
  if (!sample.complete) bytes = trimIncompleteLine(bytes, encoding);
  const text = new TextDecoder(decoderLabel(encoding), { fatal: false }).decode(bytes);
  let badCount = 0;
  let firstBad = -1;
  for (let index = text.indexOf('\ufffd'); index !== -1; index = text.indexOf('\ufffd', index + 1)) {
    badCount += 1;
    if (firstBad === -1) firstBad = index;
  }
  return { text, badCount, firstBad };
}

/** Cuts a partial sample at its last line end so the preview never shows a half-decoded character. */
function trimIncompleteLine(bytes: Uint8Array, encoding: TextEncodingName): Uint8Array {
  if (encoding === 'utf-16le') {
    for (let index = bytes.length - 2; index >= 0; index -= 2) if (bytes[index] === 0x0a && bytes[index + 1] === 0) return bytes.subarray(0, index + 2);
    return bytes.subarray(0, bytes.length & ~1);
  }
  if (encoding === 'utf-16be') {
    for (let index = bytes.length - 2; index >= 0; index -= 2) if (bytes[index] === 0 && bytes[index + 1] === 0x0a) return bytes.subarray(0, index + 2);
    return bytes.subarray(0, bytes.length & ~1);
  }
  const last = bytes.lastIndexOf(0x0a);
  return last === -1 ? bytes : bytes.subarray(0, last + 1);
}

interface Utf8Converter {
  /** UTF-8 for the block; valid until the second call after this one (one block may still be being written). */
  push(block: Uint8Array): Uint8Array;
  end(): Uint8Array;
  /** Where the latest `push`'s output ends its last CSV record. */
  readonly lastRecord: RecordEnd;
}

function utf8Converter(encoding: TextEncodingName, delimiter: Delimiter): Utf8Converter {
  if (encoding === 'gb18030') {
    const transcoder = new Gb18030ToUtf8(delimiter);
    return {
      push: (block) => transcoder.push(block),
      end: () => {
        transcoder.end();
        return new Uint8Array(0);
      },
      lastRecord: transcoder.lastRecord,
    };
  }
  // UTF-16 (rare for large exports): decoded by the platform, record ends found by a scan of the output.
  const decoder = new TextDecoder(decoderLabel(encoding), { fatal: true, ignoreBOM: false });
  const tracker = new CsvRecordTracker(delimiter.charCodeAt(0));
  const lastRecord: RecordEnd = { end: -1, records: 0 };
  let outputBefore = 0;
  const lastOutput: [number, number] = [0x0a, 0x0a];
  return {
    push: (block) => {
      const utf8 = Buffer.from(decoder.decode(block, { stream: true }), 'utf8');
      scanRecords(tracker, utf8, outputBefore, lastOutput, lastRecord);
      outputBefore += utf8.length;
      return utf8;
    },
    end: () => Buffer.from(decoder.decode(), 'utf8'),
    lastRecord,
  };
}

const BLOCK_BYTES = 8 * 1024 * 1024;
/** The last part is at least this much of the input, so footnotes in the file's tail stay in one part. */
const LAST_CHUNK_MIN_BYTES = 1024 * 1024;

/** Sizes for converting part by part (smaller in tests). */
export interface ChunkSizes {
  /**
   * The first part's size: a part is cut at the last record end of the block
   * that takes it to its size. Each part is twice the one before, up to
   * `maxChunkBytes` (default `chunkBytes`): DuckDB starts on a small part
   * soon, and few parts keep the cost of each load (about 50 ms) low.
   */
  chunkBytes: number;
  maxChunkBytes?: number;
  blockBytes?: number;
  lastChunkMinBytes?: number;
}

/**
 * Reads a text file in 8 MB blocks and hands each block's UTF-8 to `sink`
 * (GB18030 through the table-driven transcoder, several times faster than
 * the platform decoder and checked against it; UTF-16 through TextDecoder).
 * The next block is read on an I/O thread while this one is converted.
 * Undecodable bytes stop with the line and byte offset where they are.
 * `onProgress` gets the fraction read; `signal` aborts.
 */
async function transcodeBlocks(
  input: { path: string; fileName: string; sizeBytes: number; encoding: TextEncodingName },
  sink: (utf8: Uint8Array, record: RecordEnd, bytesLeft: number) => Promise<void>,
  onProgress: (fraction: number) => void,
  signal: AbortSignal,
  options: { blockBytes?: number; delimiter?: Delimiter } = {},
): Promise<void> {
  const blockBytes = options.blockBytes ?? BLOCK_BYTES;
  const convert = utf8Converter(input.encoding, options.delimiter ?? ',');
  const source = await open(input.path, 'r');
  const buffers = [Buffer.allocUnsafe(blockBytes), Buffer.allocUnsafe(blockBytes)];
  let turn = 0;
  let offset = 0;
  let lastReport = 0;
  let reading = source.read(buffers[turn]!, 0, blockBytes, 0);
  // Awaited below; until then a failed read must not count as unhandled.
  reading.catch(() => undefined);
  try {
    for (;;) {
      if (signal.aborted) throw importCancelled();
      const { bytesRead } = await reading;
      if (bytesRead === 0) break;
      const chunk = buffers[turn]!.subarray(0, bytesRead);
      turn ^= 1;
      reading = source.read(buffers[turn]!, 0, blockBytes, offset + bytesRead);
      reading.catch(() => undefined);
      let utf8: Uint8Array;
      try {
        utf8 = convert.push(chunk);
      } catch (error) {
        const at = error instanceof Gb18030DecodeError ? error.byteOffset : null;
        throw await undecodable(input, Buffer.from(chunk), offset, at);
      }
      offset += bytesRead;
      await sink(utf8, convert.lastRecord, Math.max(0, input.sizeBytes - offset));
      if (offset - lastReport > 16 * 1024 * 1024) {
        lastReport = offset;
        onProgress(offset / Math.max(1, input.sizeBytes));
      }
    }
    let tail: Uint8Array;
    try {
      tail = convert.end();
    } catch {
      throw localizedError('import-truncated-character', { file: input.fileName, encoding: input.encoding.toUpperCase(), line: await linesBefore(input.path, offset) });
    }
    if (tail.length > 0) await sink(tail, { end: -1, records: 0 }, 0);
  } finally {
    // Let an outstanding read settle before the handle closes.
    await Promise.allSettled([reading]);
    await source.close();
  }
}

/** Rewrites a text file as UTF-8 (for DuckDB's CSV reader), writing each block while the next is converted. */
export async function transcodeToUtf8(
  input: { path: string; fileName: string; sizeBytes: number; encoding: TextEncodingName },
  outputPath: string,
  onProgress: (fraction: number) => void,
  signal: AbortSignal,
): Promise<void> {
  const target = await open(outputPath, 'w');
  let writing: Promise<unknown> = Promise.resolve();
  try {
    await transcodeBlocks(
      input,
      async (utf8) => {
        await writing;
        writing = target.write(utf8);
        writing.catch(() => undefined);
      },
      onProgress,
      signal,
    );
    await writing;
  } finally {
    await Promise.allSettled([writing]);
    await target.close();
  }
}

/** A part of a transcoded file, cut at a record end. */
export interface TranscodedChunk {
  path: string;
  /** 0 for the first part (the only one with the title and header rows). */
  index: number;
  /** Records (rows, as a spreadsheet numbers them) in the file before this part, to turn DuckDB's line numbers, which count records, into the file's. */
  recordsBefore: number;
  /** The share of the input (0–1) converted up to the end of this part. */
  inputFraction: number;
  last: boolean;
}

/**
 * Rewrites a large text file as UTF-8 in parts (see ChunkSizes), each cut
 * after a complete CSV record, and hands each part to `load` while the
 * next is being converted, so DuckDB reads part k while this thread converts
 * part k+1 (instead of converting the whole file first). At most one part
 * waits; each is deleted once loaded. The first part holds at least
 * `firstRecords` records (the rows the reader skips, and more); the last
 * holds at least the file's last megabyte, so footnotes under the table
 * (trimmed by `trimLast` before it is loaded) are never split.
 */
export async function transcodeInChunks(
  input: { path: string; fileName: string; sizeBytes: number; encoding: TextEncodingName },
  options: ChunkSizes & { directory: string; delimiter: Delimiter; firstRecords: number; trimLast: (path: string) => Promise<void> },
  load: (chunk: TranscodedChunk) => Promise<void>,
  onProgress: (fraction: number) => void,
  signal: AbortSignal,
): Promise<{ chunks: number }> {
  const created: string[] = [];
  let loading: Promise<void> | null = null;
  let loadFailure: { error: unknown } | null = null;
  const handOver = async (chunk: TranscodedChunk): Promise<void> => {
    if (loading) await loading;
    // Cancel between two loads: no engine call is running to interrupt, so stop here.
    if (signal.aborted) throw importCancelled();
    if (chunk.last) await options.trimLast(chunk.path);
    loading = load(chunk)
      // A part that cannot be deleted now (Windows: a virus scanner holding it) is deleted with the rest below.
      .finally(() => rm(chunk.path, { force: true }).catch(() => undefined))
      .catch((error: unknown) => {
        loadFailure = { error };
        throw error;
      });
    loading.catch(() => undefined);
  };
  const nextFile = async (): Promise<{ path: string; handle: FileHandle; bytes: number }> => {
    const path = join(options.directory, `transcoded_${randomBytes(6).toString('hex')}_${created.length}.csv`);
    created.push(path);
    return { path, handle: await open(path, 'w'), bytes: 0 };
  };
  const lastChunkMinBytes = options.lastChunkMinBytes ?? LAST_CHUNK_MIN_BYTES;
  let current = await nextFile();
  let recordsBefore = 0;
  // A block is written while the next one is converted (its buffer stays valid until then).
  let writing: Promise<unknown> = Promise.resolve();
  try {
    await transcodeBlocks(
      input,
      async (utf8, record, bytesLeft) => {
        if (loadFailure) throw loadFailure.error;
        await writing;
        const index = created.length - 1;
        const cut =
          current.bytes + utf8.length >= Math.min(options.chunkBytes * 2 ** index, options.maxChunkBytes ?? options.chunkBytes) && record.end >= 0 && bytesLeft > lastChunkMinBytes && (index > 0 || record.records > options.firstRecords);
        if (!cut) {
          writing = current.handle.write(utf8);
          writing.catch(() => undefined);
          current.bytes += utf8.length;
          return;
        }
        await current.handle.write(utf8.subarray(0, record.end));
        await current.handle.close();
        await handOver({ path: current.path, index, recordsBefore, inputFraction: 1 - bytesLeft / Math.max(1, input.sizeBytes), last: false });
        recordsBefore = record.records;
        current = await nextFile();
        writing = current.handle.write(utf8.subarray(record.end));
        writing.catch(() => undefined);
        current.bytes = utf8.length - record.end;
      },
      onProgress,
      signal,
      { blockBytes: options.blockBytes, delimiter: options.delimiter },
    );
    await writing;
    await current.handle.close();
    await handOver({ path: current.path, index: created.length - 1, recordsBefore, inputFraction: 1, last: true });
    await loading;
    return { chunks: created.length };
  } finally {
    await Promise.allSettled([writing, loading]);
    await current.handle.close().catch(() => undefined);
    await removeAll(created);
  }
}

/** The error of an import the user cancelled. */
export function importCancelled(): WorkbenchError {
  return cancelledError('import-cancelled');
}

/** Removes the parts; one that cannot be removed now (held by a virus scanner) is left to the import folder's cleanup at exit. */
async function removeAll(paths: string[]): Promise<void> {
  await Promise.all(paths.map((path) => rm(path, { force: true }).catch(() => undefined)));
}

const TAIL_BYTES = 64 * 1024;

/**
 * Where footnotes under a text table begin (注：…, 资料来源：…, read from
 * the last 64 KB of a UTF-8 file), as a byte offset, or null when the file
 * ends with data. DuckDB's reader has no "skip footer" option, so the
 * import stops the file there instead.
 */
export async function footnoteStart(path: string, delimiter: Delimiter): Promise<number | null> {
  const handle = await open(path, 'r');
  let bytes: Uint8Array;
  let start: number;
  try {
    const { size } = await handle.stat();
    start = Math.max(0, size - TAIL_BYTES);
    const buffer = new Uint8Array(size - start);
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, start);
    bytes = buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
  // A tail starts at a line start: skip the partial first line.
  let lineStart = 0;
  if (start > 0) {
    lineStart = bytes.indexOf(0x0a) + 1;
    if (lineStart === 0) return null;
  }
  const tail = bytes.subarray(lineStart);
  const parsed = parseDelimited(new TextDecoder('utf-8').decode(tail), delimiter, true);
  const notes = trailingNoteRows(parsed.rows);
  if (notes === 0) return null;
  // Byte offset of the first footnote row's line.
  const line = parsed.lines[parsed.rows.length - notes]!;
  let offset = 0;
  for (let seen = 1; seen < line; seen++) offset = tail.indexOf(0x0a, offset) + 1;
  return start + lineStart + offset;
}

/** The line number at a byte offset (1-based), counted only when an error needs it so the fast path does not scan twice. */
async function linesBefore(path: string, end: number): Promise<number> {
  let lines = 1;
  let seen = 0;
  for await (const chunk of createReadStream(path, { highWaterMark: 4 * 1024 * 1024, end: Math.max(0, end - 1) }) as AsyncIterable<Buffer>) {
    for (let index = chunk.indexOf(0x0a); index !== -1; index = chunk.indexOf(0x0a, index + 1)) lines += 1;
    seen += chunk.length;
  }
  return end === 0 || seen === 0 ? 1 : lines;
}

/**
 * The error for bytes that are not valid in the chosen encoding, with the
 * line and byte offset (exact for GB18030; for UTF-16, found by decoding
 * the block again without `fatal`).
 */
async function undecodable(input: { path: string; fileName: string; encoding: TextEncodingName }, chunk: Buffer, chunkOffset: number, exactOffset: number | null): Promise<Error> {
  let byteOffset = exactOffset;
  if (byteOffset === null) {
    const text = new TextDecoder(decoderLabel(input.encoding), { fatal: false }).decode(chunk);
    const index = text.indexOf('\ufffd');
    byteOffset = chunkOffset + Buffer.byteLength(text.slice(0, Math.max(0, index)), input.encoding === 'utf-8' ? 'utf8' : 'utf16le');
  }
  const line = await linesBefore(input.path, byteOffset);
  return localizedError('import-decode', { file: input.fileName, encoding: input.encoding.toUpperCase(), line, offset: byteOffset });
}
