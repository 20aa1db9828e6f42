import type { DuckDBDataChunk } from '@duckdb/node-api';
import * as arrow from 'apache-arrow';
import { concatBytes } from '@shared/domain/concatBytes';
import { recordBatchFromChunks, type ArrowColumnSource } from './arrowFromChunks';

/**
 * Rows per record batch of a window: a 1M-row window is eight messages, so
 * no step has to hold or join the whole result as one buffer, while a grid
 * window (1,000 rows) stays one batch.
 */
export const ROWS_PER_BATCH = 131_072;

/**
 * Collects what the Arrow writer writes (message prefixes, metadata, the
 * column buffers it is given, padding) and hands out the pieces of one
 * message at a time, as written (no copy).
 */
class MessagePieces extends arrow.AsyncByteQueue {
  private pieces: Uint8Array[] = [];
  /** The writer hands over Uint8Array views only (its `_write` converts first). */
  override write(piece: Uint8Array): void {
    if (piece.byteLength > 0) this.pieces.push(piece);
  }
  take(): Uint8Array[] {
    return this.pieces.splice(0);
  }
}

/**
 * Writes record batches as one Arrow IPC stream, message by message: the
 * schema message with the first batch, one message per batch, then the
 * end-of-stream marker. Synchronous, so a caller decides when bytes move
 * (apache-arrow's own Node stream adapter leaves a rejected promise behind
 * when its destination fails).
 */
export class IpcStreamEncoder {
  private readonly sink = new MessagePieces();
  private readonly writer = new arrow.RecordBatchStreamWriter();
  private started = false;

  /**
   * The messages for `batch` (the schema first if this is the first batch,
   * then the batch), each as the pieces the writer wrote: concatenated, they
   * are the bytes of the stream.
   */
  write(batch: arrow.RecordBatch): Uint8Array[][] {
    const messages: Uint8Array[][] = [];
    if (!this.started) {
      this.started = true;
      this.writer.reset(this.sink, batch.schema);
      messages.push(this.sink.take());
    }
    this.writer.write(batch);
    messages.push(this.sink.take());
    return messages;
  }

  get hasSchema(): boolean {
    return this.started;
  }

  /** The end-of-stream marker's pieces; the encoder is done after this. */
  finish(): Uint8Array[] {
    this.writer.finish();
    return this.sink.take();
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
  private readonly encoder = new IpcStreamEncoder();
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
    if (this.pendingRows > 0 || !this.encoder.hasSchema) this.flush();
    this.parts.push(concatBytes(this.encoder.finish()));
    return this.parts;
  }

  private flush(): void {
    // The batch's rows are known: its buffers are allocated at their size.
    // Each message joined into one buffer: readers take a message that sits in one part without copying it again.
    for (const message of this.encoder.write(recordBatchFromChunks(this.columns, this.pending, this.pendingRows))) this.parts.push(concatBytes(message));
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
