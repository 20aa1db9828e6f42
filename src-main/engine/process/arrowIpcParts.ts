import type { DuckDBDataChunk } from '@duckdb/node-api';
import * as arrow from 'apache-arrow';
import { concatBytes } from '@shared/domain/concatBytes';
import { recordBatchFromChunks, type ArrowBatchOptions, type ArrowColumnSource } from './arrowFromChunks';

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

  /** The end-of-stream marker's pieces; the encoder is done after this. */
  finish(): Uint8Array[] {
    this.writer.finish();
    return this.sink.take();
  }
}

/**
 * Groups chunks into record batches of up to `ROWS_PER_BATCH` rows as they
 * arrive, each converted once it is full: a streamed window is converted
 * while DuckDB computes the next chunks, and the batcher holds at most one
 * batch's chunks. Batches end on chunk boundaries: a chunk (2,048 rows) is
 * never split.
 */
export class ChunkBatcher {
  private pending: DuckDBDataChunk[] = [];
  private pendingRows = 0;
  private produced = false;

  constructor(
    private readonly columns: readonly ArrowColumnSource[],
    private readonly options: ArrowBatchOptions = {},
  ) {}

  /** A full batch when `chunk` would not fit the current one, else null. */
  add(chunk: DuckDBDataChunk): arrow.RecordBatch | null {
    if (chunk.rowCount === 0) return null;
    const full = this.pendingRows > 0 && this.pendingRows + chunk.rowCount > ROWS_PER_BATCH ? this.flush() : null;
    this.pending.push(chunk);
    this.pendingRows += chunk.rowCount;
    return full;
  }

  /** The last batch; an empty result is still one empty batch, as readers expect. Null when nothing is left. */
  finish(): arrow.RecordBatch | null {
    return this.pendingRows > 0 || !this.produced ? this.flush() : null;
  }

  private flush(): arrow.RecordBatch {
    // The batch's rows are known: its buffers are allocated at their size.
    const batch = recordBatchFromChunks(this.columns, this.pending, this.pendingRows, this.options);
    this.pending = [];
    this.pendingRows = 0;
    this.produced = true;
    return batch;
  }
}

/** The record batches of `chunks` (see `ChunkBatcher`); the buffers are the batches' own, not DuckDB's. */
export function recordBatchesFromChunks(columns: readonly ArrowColumnSource[], chunks: Iterable<DuckDBDataChunk>, options: ArrowBatchOptions = {}): arrow.RecordBatch[] {
  const batcher = new ChunkBatcher(columns, options);
  const batches: arrow.RecordBatch[] = [];
  for (const chunk of chunks) {
    const batch = batcher.add(chunk);
    if (batch) batches.push(batch);
  }
  const last = batcher.finish();
  if (last) batches.push(last);
  return batches;
}

/**
 * One Arrow IPC stream as its parts, in order: the schema message, one
 * message per record batch (`ChunkBatcher`), the end-of-stream marker.
 * Concatenated they are the stream; apache-arrow's readers take the list as
 * it is (`tableFromIPC(parts)`).
 */
export class ArrowIpcBuilder {
  private readonly encoder = new IpcStreamEncoder();
  private readonly parts: Uint8Array[] = [];
  private readonly batcher: ChunkBatcher;

  constructor(columns: readonly ArrowColumnSource[]) {
    this.batcher = new ChunkBatcher(columns);
  }

  add(chunk: DuckDBDataChunk): void {
    const batch = this.batcher.add(chunk);
    if (batch) this.encode(batch);
  }

  /** The parts; the builder is done after this. */
  finish(): Uint8Array[] {
    const last = this.batcher.finish();
    if (last) this.encode(last);
    this.parts.push(concatBytes(this.encoder.finish()));
    return this.parts;
  }

  private encode(batch: arrow.RecordBatch): void {
    // Each message joined into one buffer: readers take a message that sits in one part without copying it again.
    for (const message of this.encoder.write(batch)) this.parts.push(concatBytes(message));
  }
}

/** The Arrow IPC parts of `chunks` (see `ArrowIpcBuilder`). */
export function arrowIpcFromChunks(columns: readonly ArrowColumnSource[], chunks: Iterable<DuckDBDataChunk>): Uint8Array[] {
  const builder = new ArrowIpcBuilder(columns);
  for (const chunk of chunks) builder.add(chunk);
  return builder.finish();
}
