import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { userError, WorkbenchError } from '@shared/contract/WorkbenchError';
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
import { trailingNoteRows } from '@shared/domain/import/tableLayout';

export const SAMPLE_BYTES = 256 * 1024;

export interface TextSample {
  bytes: Uint8Array;
  complete: boolean;
  guess: EncodingGuess;
}

/** The first bytes of a text file, with the encoding guessed from them. */
export async function sampleText(path: string, fileName: string, sizeBytes: number): Promise<TextSample> {
  if (sizeBytes === 0) throw userError(`${fileName}: the file is empty (0 bytes).`, 'import-empty');
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
    throw userError(
      `${fileName}: this is not a text file (binary byte 0x${bytes[binary.offset]!.toString(16).padStart(2, '0')} at byte offset ${binary.offset}). Choose a CSV, TSV or TXT file, or a workbook.`,
      'import-binary',
    );
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

/**
 * Rewrites a text file as UTF-8 (for DuckDB's CSV reader). GB18030 goes
 * through the table-driven transcoder (several times faster than the
 * platform decoder, and checked against it); UTF-16 through TextDecoder.
 * Undecodable bytes stop the import with the line and byte offset where
 * they are. `onProgress` gets the fraction read; `signal` aborts.
 */
export async function transcodeToUtf8(
  input: { path: string; fileName: string; sizeBytes: number; encoding: TextEncodingName },
  outputPath: string,
  onProgress: (fraction: number) => void,
  signal: AbortSignal,
): Promise<void> {
  const convert = utf8Converter(input.encoding);
  const source = await open(input.path, 'r');
  const target = await open(outputPath, 'w');
  // 8 MB blocks, read and written on I/O threads while the block before or after is transcoded here.
  const blockBytes = 8 * 1024 * 1024;
  const buffers = [Buffer.allocUnsafe(blockBytes), Buffer.allocUnsafe(blockBytes)];
  let turn = 0;
  let offset = 0;
  let lastReport = 0;
  let reading = source.read(buffers[turn]!, 0, blockBytes, 0);
  let writing: Promise<unknown> = Promise.resolve();
  try {
    for (;;) {
      if (signal.aborted) throw new WorkbenchError({ kind: 'cancelled', message: 'Import cancelled; the workspace is unchanged.', code: 'cancelled' });
      const { bytesRead } = await reading;
      if (bytesRead === 0) break;
      const chunk = buffers[turn]!.subarray(0, bytesRead);
      turn ^= 1;
      reading = source.read(buffers[turn]!, 0, blockBytes, offset + bytesRead);
      let utf8: Uint8Array;
      try {
        utf8 = convert.push(chunk);
      } catch (error) {
        const at = error instanceof Gb18030DecodeError ? error.byteOffset : null;
        throw await undecodable(input, Buffer.from(chunk), offset, at);
      }
      offset += bytesRead;
      await writing;
      writing = target.write(utf8);
      if (offset - lastReport > 16 * 1024 * 1024) {
        lastReport = offset;
        onProgress(offset / Math.max(1, input.sizeBytes));
      }
    }
    await writing;
    let tail: Uint8Array;
    try {
      tail = convert.end();
    } catch {
      throw userError(`${input.fileName}: the file ends in the middle of a ${input.encoding.toUpperCase()} character (line ${await linesBefore(input.path, offset)}). The file may be truncated.`, 'import-decode');
    }
    if (tail.length > 0) await target.write(tail);
  } finally {
    // Let an outstanding read or write settle before the handles close.
    await Promise.allSettled([reading, writing]);
    await source.close();
    await target.close();
  }
}

interface Utf8Converter {
  /** UTF-8 for the block; valid until the second call after this one (one block may still be being written). */
  push(block: Uint8Array): Uint8Array;
  end(): Uint8Array;
}

function utf8Converter(encoding: TextEncodingName): Utf8Converter {
  if (encoding === 'gb18030') {
    const transcoder = new Gb18030ToUtf8();
    return {
      push: (block) => transcoder.push(block),
      end: () => {
        transcoder.end();
        return new Uint8Array(0);
      },
    };
  }
  const decoder = new TextDecoder(decoderLabel(encoding), { fatal: true, ignoreBOM: false });
  return {
    push: (block) => Buffer.from(decoder.decode(block, { stream: true }), 'utf8'),
    end: () => Buffer.from(decoder.decode(), 'utf8'),
  };
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
  return userError(
    `${input.fileName}: bytes that are not valid ${input.encoding.toUpperCase()} on line ${line} (byte offset ${byteOffset}). Choose another encoding in the preview (--encoding on the command line).`,
    'import-decode',
  );
}
