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
 * list as it is (`tableFromIPC(parts)`). Chunks are added as they arrive and
 * each full batch is converted at once, so a streamed window is converted
 * while DuckDB computes the next chunks, and its chunks are not all held.
 */
export class ArrowIpcBuilder {
  private readonly sink = new MessageParts();
  private readonly writer = new arrow.RecordBatchStreamWriter();
  private readonly parts: Uint8Array[] = [];
  private pending: DuckDBDataChunk[] = [];
  private pendingRows = 0;

  constructor(private readonly columns: readonly ArrowColumnSource[]) {}

  add(chunk: DuckDBDataChunk): void {
    if (chunk.rowCount === 0) return;
    // Batches end on chunk boundaries: a chunk (2,048 rows) is never split.
    if (this.pendingRows > 0 && this.pendingRows + chunk.rowCount > ROWS_PER_BATCH) this.flush();
    this.pending.push(chunk);
    this.pendingRows += chunk.rowCount;
  }

  /** The parts; the builder is done after this. */
  finish(): Uint8Array[] {
    // An empty result is still a schema and one empty batch, as readers expect.
    if (this.pendingRows > 0 || this.parts.length === 0) this.flush();
    this.writer.finish();
    this.parts.push(this.sink.take());
    return this.parts;
  }

  private flush(): void {
    // The batch's rows are known: its buffers are allocated at their size.
    const batch = recordBatchFromChunks(this.columns, this.pending, this.pendingRows);
    if (this.parts.length === 0) {
      this.writer.reset(this.sink, batch.schema);
      this.parts.push(this.sink.take());
    }
    this.writer.write(batch);
    this.parts.push(this.sink.take());
    this.pending = [];
    this.pendingRows = 0;
  }
}

/** The Arrow IPC parts of `chunks` (see `ArrowIpcBuilder`). */
export function arrowIpcFromChunks(columns: readonly ArrowColumnSource[], chunks: Iterable<DuckDBDataChunk>): Uint8Array[] {
  const builder = new ArrowIpcBuilder(columns);
  for (const chunk of chunks) builder.add(chunk);
  return builder.finish();
}
