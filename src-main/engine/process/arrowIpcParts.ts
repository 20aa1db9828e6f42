import type { DuckDBDataChunk } from '@duckdb/node-api';
import * as arrow from 'apache-arrow';
import { recordBatchFromChunks, type ArrowColumnSource } from './arrowFromChunks';

/**
 * Rows per record batch of a window: a 1M-row window is eight messages, so
 * no step has to hold or join the whole result as one buffer, while a grid
 * window (1,000 rows) stays one batch.
 */
export const ROWS_PER_BATCH = 131_072;

/**
 * Collects what the Arrow writer writes (message prefixes, metadata, the
 * column buffers it is given, padding) and hands it out one message at a
 * time, each joined into one buffer: readers take a message that sits in one
 * part without copying it again.
 */
class MessageParts extends arrow.AsyncByteQueue {
  private pieces: Uint8Array[] = [];
  private byteLength = 0;
  /** The writer hands over Uint8Array views only (its `_write` converts first). */
  override write(piece: Uint8Array): void {
    if (piece.byteLength === 0) return;
    this.pieces.push(piece);
    this.byteLength += piece.byteLength;
  }
  take(): Uint8Array {
    const part = new Uint8Array(this.byteLength);
    let offset = 0;
    for (const piece of this.pieces) {
      part.set(piece, offset);
      offset += piece.byteLength;
    }
    this.pieces = [];
    this.byteLength = 0;
    return part;
  }
}

/**
 * One Arrow IPC stream as its parts, in order: the schema message, one
 * message per record batch of up to `ROWS_PER_BATCH` rows, the end-of-stream
 * marker. Concatenated they are the stream; apache-arrow's readers take the
 * list as it is (`tableFromIPC(parts)`). `rowCapacity` sizes the first batch.
 */
export function arrowIpcFromChunks(
  columns: readonly ArrowColumnSource[],
  chunks: Iterable<DuckDBDataChunk>,
  rowCapacity = 2048,
): Uint8Array[] {
  const sink = new MessageParts();
  const writer = new arrow.RecordBatchStreamWriter();
  const parts: Uint8Array[] = [];
  let pending: DuckDBDataChunk[] = [];
  let pendingRows = 0;
  let capacity = rowCapacity;
  const flush = () => {
    const batch = recordBatchFromChunks(columns, pending, Math.min(capacity, ROWS_PER_BATCH));
    capacity = Math.max(0, capacity - pendingRows);
    if (parts.length === 0) {
      writer.reset(sink, batch.schema);
      parts.push(sink.take());
    }
    writer.write(batch);
    parts.push(sink.take());
    pending = [];
    pendingRows = 0;
  };
  for (const chunk of chunks) {
    if (chunk.rowCount === 0) continue;
    // Batches end on chunk boundaries: a chunk (2,048 rows) is never split.
    if (pendingRows > 0 && pendingRows + chunk.rowCount > ROWS_PER_BATCH) flush();
    pending.push(chunk);
    pendingRows += chunk.rowCount;
  }
  // An empty result is still a schema and one empty batch, as readers expect.
  if (pendingRows > 0 || parts.length === 0) flush();
  writer.finish();
  parts.push(sink.take());
  return parts;
}
