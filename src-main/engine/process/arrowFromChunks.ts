import duckdb from '@duckdb/node-bindings';
import { DuckDBTypeId, type DuckDBDataChunk, type DuckDBType } from '@duckdb/node-api';
import * as arrow from 'apache-arrow';

/**
 * Converts DuckDB data chunks to one Arrow record batch by copying DuckDB's
 * vector memory directly: fixed-width columns are a memcpy, validity masks
 * share Arrow's bit layout, and VARCHAR reads DuckDB's 16-byte string_t
 * (inlined up to 12 bytes, else a pointer). Types without a direct Arrow
 * equivalent (INTERVAL, LIST, STRUCT, UUID, ...) become their DuckDB text form.
 */

export interface ArrowColumnSource {
  name: string;
  type: DuckDBType;
}

/** Field metadata key holding DuckDB's own type name, so the UI can show `DECIMAL(18,3)` rather than Arrow's. */
export const DUCKDB_TYPE_METADATA_KEY = 'duckdb.type';

const littleEndian = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;
if (!littleEndian) throw new Error('Big-endian hosts are not supported: DuckDB vectors are copied byte for byte');

class GrowableBytes {
  bytes: Uint8Array;
  length = 0;
  constructor(initialCapacity: number) {
    this.bytes = new Uint8Array(Math.max(64, initialCapacity));
  }
  reserve(extra: number): void {
    const needed = this.length + extra;
    if (needed <= this.bytes.byteLength) return;
    let capacity = this.bytes.byteLength * 2;
    while (capacity < needed) capacity *= 2;
    const next = new Uint8Array(capacity);
    next.set(this.bytes.subarray(0, this.length));
    this.bytes = next;
  }
  append(source: Uint8Array): void {
    this.reserve(source.byteLength);
    this.bytes.set(source, this.length);
    this.length += source.byteLength;
  }
  /** A right-sized copy-free view; the backing buffer may be larger. */
  view(): Uint8Array {
    return this.bytes.subarray(0, this.length);
  }
}

/** Arrow validity bitmap, LSB first, 1 = valid: the same as DuckDB's mask. */
class ValidityBuilder {
  private readonly bits: GrowableBytes;
  private count = 0;
  nullCount = 0;
  constructor(capacityRows: number) {
    this.bits = new GrowableBytes(Math.ceil(capacityRows / 8));
  }
  /** `mask` is DuckDB's validity (null when every row is valid). */
  append(mask: Uint8Array | null, rows: number): void {
    const startBit = this.count;
    const endBit = startBit + rows;
    this.bits.reserve(Math.ceil(endBit / 8) - this.bits.length);
    const target = this.bits.bytes;
    if (mask === null) {
      let bit = startBit;
      for (; bit < endBit && (bit & 7) !== 0; bit++) target[bit >> 3]! |= 1 << (bit & 7);
      const wholeEnd = endBit & ~7;
      if (bit < wholeEnd) {
        target.fill(0xff, bit >> 3, wholeEnd >> 3);
        bit = wholeEnd;
      }
      for (; bit < endBit; bit++) target[bit >> 3]! |= 1 << (bit & 7);
    } else if ((startBit & 7) === 0) {
      const wholeBytes = rows >> 3;
      target.set(mask.subarray(0, wholeBytes), startBit >> 3);
      for (let row = wholeBytes * 8; row < rows; row++) {
        const bit = startBit + row;
        if (mask[row >> 3]! & (1 << (row & 7))) target[bit >> 3]! |= 1 << (bit & 7);
        else target[bit >> 3]! &= ~(1 << (bit & 7));
      }
    } else {
      for (let row = 0; row < rows; row++) {
        const bit = startBit + row;
        if (mask[row >> 3]! & (1 << (row & 7))) target[bit >> 3]! |= 1 << (bit & 7);
        else target[bit >> 3]! &= ~(1 << (bit & 7));
      }
    }
    if (mask !== null) this.nullCount += rows - popcount(mask, rows);
    this.count = endBit;
    this.bits.length = Math.ceil(endBit / 8);
  }
  /** Arrow omits the bitmap when nothing is null. */
  finish(): Uint8Array | undefined {
    return this.nullCount === 0 ? undefined : this.bits.view();
  }
}

function popcount(mask: Uint8Array, rows: number): number {
  let total = 0;
  const wholeBytes = rows >> 3;
  for (let index = 0; index < wholeBytes; index++) {
    let byte = mask[index]!;
    byte = byte - ((byte >> 1) & 0x55);
    byte = (byte & 0x33) + ((byte >> 2) & 0x33);
    total += (byte + (byte >> 4)) & 0x0f;
  }
  for (let row = wholeBytes * 8; row < rows; row++) if (mask[row >> 3]! & (1 << (row & 7))) total += 1;
  return total;
}

type NumericArray =
  | Int8Array
  | Uint8Array
  | Int16Array
  | Uint16Array
  | Int32Array
  | Uint32Array
  | BigInt64Array
  | BigUint64Array
  | Float32Array
  | Float64Array;

interface ColumnSink {
  readonly arrowType: arrow.DataType;
  append(chunk: DuckDBDataChunk, column: number, rows: number): void;
  finish(length: number): arrow.Data;
}

/** One column's Arrow data: its buffers behind the validity bitmap its sink collected. */
function columnData(
  type: arrow.DataType,
  length: number,
  validity: ValidityBuilder,
  buffers: { data: NumericArray; valueOffsets?: Int32Array },
): arrow.Data {
  return arrow.makeData({
    type,
    length,
    nullCount: validity.nullCount,
    nullBitmap: validity.finish(),
    ...buffers,
  } as Parameters<typeof arrow.makeData>[0]);
}

function rawVector(chunk: DuckDBDataChunk, column: number): duckdb.Vector {
  return duckdb.data_chunk_get_vector(chunk.chunk, column);
}

/** A vector's bytes as 32-bit words, without a copy when they are aligned (DuckDB's vectors are). */
function int32View(bytes: Uint8Array, words: number): Int32Array {
  if (bytes.byteOffset % 4 === 0) return new Int32Array(bytes.buffer, bytes.byteOffset, words);
  return new Int32Array(bytes.slice(0, words * 4).buffer);
}

function rawValidity(vector: duckdb.Vector, rows: number): Uint8Array | null {
  const bytes = duckdb.vector_get_validity(vector, Math.ceil(rows / 64) * 8);
  return bytes ?? null;
}

class FixedWidthSink implements ColumnSink {
  private readonly data: GrowableBytes;
  private readonly validity: ValidityBuilder;
  constructor(
    readonly arrowType: arrow.DataType,
    private readonly byteWidth: number,
    capacityRows: number,
    private readonly makeArray: (bytes: Uint8Array, length: number) => NumericArray,
  ) {
    this.data = new GrowableBytes(capacityRows * byteWidth);
    this.validity = new ValidityBuilder(capacityRows);
  }
  append(chunk: DuckDBDataChunk, column: number, rows: number): void {
    const vector = rawVector(chunk, column);
    this.data.append(duckdb.vector_get_data(vector, rows * this.byteWidth));
    this.validity.append(rawValidity(vector, rows), rows);
  }
  finish(length: number): arrow.Data {
    return columnData(this.arrowType, length, this.validity, { data: this.makeArray(this.data.view(), length) });
  }
}

class BooleanSink implements ColumnSink {
  readonly arrowType = new arrow.Bool();
  private readonly values: ValidityBuilder;
  private readonly validity: ValidityBuilder;
  constructor(capacityRows: number) {
    this.values = new ValidityBuilder(capacityRows);
    this.validity = new ValidityBuilder(capacityRows);
  }
  append(chunk: DuckDBDataChunk, column: number, rows: number): void {
    const vector = rawVector(chunk, column);
    const bytes = duckdb.vector_get_data(vector, rows);
    const packed = new Uint8Array(Math.ceil(rows / 8));
    for (let row = 0; row < rows; row++) if (bytes[row]) packed[row >> 3]! |= 1 << (row & 7);
    this.values.append(packed, rows);
    this.validity.append(rawValidity(vector, rows), rows);
  }
  finish(length: number): arrow.Data {
    return columnData(this.arrowType, length, this.validity, {
      data: this.values.finish() ?? new Uint8Array(Math.ceil(length / 8)).fill(0xff),
    });
  }
}

/**
 * DECIMAL and HUGEINT as Arrow decimals in little-endian two's complement:
 * DECIMAL(p <= 18) as 64-bit (DuckDB keeps them in 2, 4 or 8 bytes; 8 bytes
 * are passed through as they are), wider DECIMALs and HUGEINT as 128-bit.
 */
class DecimalSink implements ColumnSink {
  private readonly data: GrowableBytes;
  private readonly validity: ValidityBuilder;
  private readonly targetWords: 2 | 4;
  constructor(
    readonly arrowType: arrow.Decimal,
    private readonly sourceWidth: 2 | 4 | 8 | 16,
    capacityRows: number,
  ) {
    this.targetWords = arrowType.bitWidth === 64 ? 2 : 4;
    if (sourceWidth > this.targetWords * 4) throw new RangeError(`A ${sourceWidth}-byte decimal does not fit ${arrowType.bitWidth} bits`);
    this.data = new GrowableBytes(capacityRows * this.targetWords * 4);
    this.validity = new ValidityBuilder(capacityRows);
  }
  append(chunk: DuckDBDataChunk, column: number, rows: number): void {
    const vector = rawVector(chunk, column);
    const source = duckdb.vector_get_data(vector, rows * this.sourceWidth);
    this.validity.append(rawValidity(vector, rows), rows);
    const words = this.targetWords;
    if (this.sourceWidth === words * 4) {
      this.data.append(source);
      return;
    }
    this.data.reserve(rows * words * 4);
    // Sign-extend into the target's little-endian words with 32-bit moves: no BigInt per value.
    const target = new Int32Array(this.data.bytes.buffer, this.data.length, rows * words);
    if (this.sourceWidth === 8) {
      const pairs = int32View(source, rows * 2);
      for (let row = 0, at = 0; row < rows; row++, at += words) {
        const high = pairs[row * 2 + 1]!;
        const sign = high >> 31;
        target[at] = pairs[row * 2]!;
        target[at + 1] = high;
        target[at + 2] = sign;
        target[at + 3] = sign;
      }
    } else {
      const view = new DataView(source.buffer, source.byteOffset, source.byteLength);
      for (let row = 0, at = 0; row < rows; row++, at += words) {
        const value = this.sourceWidth === 4 ? view.getInt32(row * 4, true) : view.getInt16(row * 2, true);
        const sign = value >> 31;
        target[at] = value;
        for (let word = 1; word < words; word++) target[at + word] = sign;
      }
    }
    this.data.length += rows * words * 4;
  }
  finish(length: number): arrow.Data {
    const bytes = this.data.view();
    return columnData(this.arrowType, length, this.validity, { data: new Uint32Array(bytes.buffer, bytes.byteOffset, length * this.targetWords) });
  }
}

/** The address a non-inlined string_t points at (bytes 8..16, little-endian), exact as a double: user-space addresses are below 2^53. */
function stringAddress(words: Int32Array, row: number): number {
  return (words[row * 4 + 2]! >>> 0) + (words[row * 4 + 3]! >>> 0) * 0x1_0000_0000;
}

/**
 * The memory a chunk's long strings (over 12 bytes) point into, copied in a
 * few calls instead of one `get_data_from_pointer` per string (about 0.9 µs
 * each: 1M Chinese names took 0.9 s). DuckDB lays a vector's strings out in
 * a few arena blocks, one after another in row order, so the rows fall into
 * runs: a string joins the current run when it starts inside it or less than
 * 4 KiB past its end. Each run is copied once. Within a run every 4 KiB
 * block holds bytes of some string, so each page a copy touches is one
 * DuckDB handed out, whatever the page size (4 KiB is the smallest there
 * is), and nothing unmapped is read. A run is cut before it would exceed
 * `MAX_RUN` bytes.
 */
class LongStringRuns {
  static readonly GAP = 4096;
  static readonly MAX_RUN = 16 * 1024 * 1024;
  private static readonly address = new ArrayBuffer(8);
  private readonly starts: number[] = [];
  private readonly spans: Uint8Array[] = [];
  /** Strings are copied one by one through their own pointers (see the constructor). */
  private byPointer = false;
  /** Each row's run (rows of inlined strings and nulls keep -1); allocated at the first long string. */
  private runOf = new Int32Array(0);

  constructor(words: Int32Array, rows: number, valid: (row: number) => boolean) {
    const ends: number[] = [];
    for (let row = 0; row < rows; row++) {
      const length = words[row * 4]!;
      if (length <= 12 || !valid(row)) continue;
      if (this.runOf.length === 0) this.runOf = new Int32Array(rows).fill(-1);
      if (words[row * 4 + 3]! >>> 0 >= 0x20_0000) {
        // An address at 2^53 or above (a tagged pointer) is not exact as a double: each string is read by its own pointer.
        this.byPointer = true;
        return;
      }
      const address = stringAddress(words, row);
      const run = this.starts.length - 1;
      const start = this.starts[run];
      const end = ends[run];
      if (start !== undefined && end !== undefined && address >= start && address < end + LongStringRuns.GAP && Math.max(end, address + length) - start <= LongStringRuns.MAX_RUN) {
        ends[run] = Math.max(end, address + length);
      } else {
        this.starts.push(address);
        ends.push(address + length);
      }
      this.runOf[row] = this.starts.length - 1;
    }
    const pointer = new Uint32Array(LongStringRuns.address);
    this.starts.forEach((start, run) => {
      pointer[0] = start % 0x1_0000_0000;
      pointer[1] = Math.floor(start / 0x1_0000_0000);
      this.spans.push(duckdb.get_data_from_pointer(LongStringRuns.address, 0, ends[run]! - start));
    });
  }

  /**
   * Copies row `row`'s string, and those of the rows after it whose strings
   * follow it back to back in the same run, with one copy into `target` at
   * `at`, and writes their end offsets (`offsets[offsetBase + row + 1]`).
   * Returns the last row copied.
   */
  copy(raw: Uint8Array, words: Int32Array, row: number, rows: number, target: Uint8Array, at: number, offsets: Int32Array, offsetBase: number): number {
    if (this.byPointer) {
      const length = words[row * 4]!;
      target.set(duckdb.get_data_from_pointer(raw.buffer as ArrayBuffer, raw.byteOffset + row * 16 + 8, length), at);
      offsets[offsetBase + row + 1] = at + length;
      return row;
    }
    const run = this.runOf[row]!;
    const first = stringAddress(words, row);
    let end = first + words[row * 4]!;
    offsets[offsetBase + row + 1] = at + end - first;
    let last = row;
    for (let next = row + 1; next < rows && this.runOf[next] === run && stringAddress(words, next) === end; next++) {
      end += words[next * 4]!;
      offsets[offsetBase + next + 1] = at + end - first;
      last = next;
    }
    const from = first - this.starts[run]!;
    target.set(this.spans[run]!.subarray(from, from + end - first), at);
    return last;
  }
}

class Utf8Sink implements ColumnSink {
  readonly arrowType = new arrow.Utf8();
  private readonly data: GrowableBytes;
  private offsets: Int32Array;
  private rowCount = 0;
  private readonly validity: ValidityBuilder;
  constructor(capacityRows: number) {
    this.data = new GrowableBytes(capacityRows * 8);
    this.offsets = new Int32Array(capacityRows + 1);
    this.validity = new ValidityBuilder(capacityRows);
  }
  private reserveRows(rows: number): void {
    if (this.rowCount + rows + 1 <= this.offsets.length) return;
    let capacity = this.offsets.length * 2;
    while (capacity < this.rowCount + rows + 1) capacity *= 2;
    const next = new Int32Array(capacity);
    next.set(this.offsets.subarray(0, this.rowCount + 1));
    this.offsets = next;
  }
  append(chunk: DuckDBDataChunk, column: number, rows: number): void {
    const vector = rawVector(chunk, column);
    const raw = duckdb.vector_get_data(vector, rows * 16);
    const mask = rawValidity(vector, rows);
    this.validity.append(mask, rows);
    this.reserveRows(rows);
    // string_t: u32 length, then 12 bytes inline (length <= 12) or a 4-byte prefix and a pointer.
    const words = int32View(raw, rows * 4);
    const valid = (row: number) => mask === null || (mask[row >> 3]! & (1 << (row & 7))) !== 0;
    let total = 0;
    for (let row = 0; row < rows; row++) if (valid(row)) total += words[row * 4]!;
    // One reservation per chunk; then the bytes go straight into place.
    this.data.reserve(total);
    const bytes = this.data.bytes;
    const offsets = this.offsets;
    const long = new LongStringRuns(words, rows, valid);
    let write = this.data.length;
    for (let row = 0; row < rows; row++) {
      if (valid(row)) {
        const at = row * 16;
        const length = words[row * 4]!;
        if (length > 12) {
          // This row and the ones whose strings follow it in DuckDB's memory: one copy, their offsets set.
          const last = long.copy(raw, words, row, rows, bytes, write, offsets, this.rowCount);
          write = offsets[this.rowCount + last + 1]!;
          row = last;
          continue;
        }
        // Inlined string: a byte loop beats allocating a subarray per value.
        for (let read = at + 4, end = at + 4 + length; read < end; read++) bytes[write++] = raw[read]!;
      }
      offsets[this.rowCount + row + 1] = write;
    }
    this.data.length = write;
    this.rowCount += rows;
    if (this.data.length > 0x7fffffff) {
      throw new RangeError('A text column in this window exceeds 2 GiB; fetch a smaller window');
    }
  }
  finish(length: number): arrow.Data {
    return columnData(this.arrowType, length, this.validity, {
      valueOffsets: this.offsets.subarray(0, length + 1),
      data: this.data.view(),
    });
  }
}

/** Slow path for types Arrow JS cannot carry faithfully: DuckDB's own text for each value. */
class TextFallbackSink implements ColumnSink {
  readonly arrowType = new arrow.Utf8();
  private readonly values: (string | null)[] = [];
  append(chunk: DuckDBDataChunk, column: number, rows: number): void {
    const vector = chunk.getColumnVector(column);
    for (let row = 0; row < rows; row++) {
      const value = vector.getItem(row);
      this.values.push(value === null ? null : String(value));
    }
  }
  finish(): arrow.Data {
    return arrow.vectorFromArray(this.values, this.arrowType).data[0]!;
  }
}

/** How a batch is built for where it goes. */
export interface ArrowBatchOptions {
  /**
   * DECIMAL(p <= 18) as Decimal128, sign-extended while it is copied: for
   * Arrow files other tools read (64-bit decimals entered the format only in
   * Arrow 18). The app's own windows take Decimal64, 8 bytes less a value.
   */
  decimal128?: boolean;
}

function sinkFor(type: DuckDBType, capacityRows: number, options: ArrowBatchOptions): ColumnSink {
  const fixed = <T extends arrow.DataType>(
    arrowType: T,
    byteWidth: number,
    makeArray: (bytes: Uint8Array, length: number) => NumericArray,
  ) => new FixedWidthSink(arrowType, byteWidth, capacityRows, makeArray);
  const i8 = (b: Uint8Array, n: number) => new Int8Array(b.buffer, b.byteOffset, n);
  const u8 = (b: Uint8Array, n: number) => b.subarray(0, n);
  const i16 = (b: Uint8Array, n: number) => new Int16Array(b.buffer, b.byteOffset, n);
  const u16 = (b: Uint8Array, n: number) => new Uint16Array(b.buffer, b.byteOffset, n);
  const i32 = (b: Uint8Array, n: number) => new Int32Array(b.buffer, b.byteOffset, n);
  const u32 = (b: Uint8Array, n: number) => new Uint32Array(b.buffer, b.byteOffset, n);
  const i64 = (b: Uint8Array, n: number) => new BigInt64Array(b.buffer, b.byteOffset, n);
  const u64 = (b: Uint8Array, n: number) => new BigUint64Array(b.buffer, b.byteOffset, n);
  const f32 = (b: Uint8Array, n: number) => new Float32Array(b.buffer, b.byteOffset, n);
  const f64 = (b: Uint8Array, n: number) => new Float64Array(b.buffer, b.byteOffset, n);

  switch (type.typeId) {
    case DuckDBTypeId.BOOLEAN:
      return new BooleanSink(capacityRows);
    case DuckDBTypeId.TINYINT:
      return fixed(new arrow.Int8(), 1, i8);
    case DuckDBTypeId.UTINYINT:
      return fixed(new arrow.Uint8(), 1, u8);
    case DuckDBTypeId.SMALLINT:
      return fixed(new arrow.Int16(), 2, i16);
    case DuckDBTypeId.USMALLINT:
      return fixed(new arrow.Uint16(), 2, u16);
    case DuckDBTypeId.INTEGER:
      return fixed(new arrow.Int32(), 4, i32);
    case DuckDBTypeId.UINTEGER:
      return fixed(new arrow.Uint32(), 4, u32);
    case DuckDBTypeId.BIGINT:
      return fixed(new arrow.Int64(), 8, i64);
    case DuckDBTypeId.UBIGINT:
      return fixed(new arrow.Uint64(), 8, u64);
    case DuckDBTypeId.FLOAT:
      return fixed(new arrow.Float32(), 4, f32);
    case DuckDBTypeId.DOUBLE:
      return fixed(new arrow.Float64(), 8, f64);
    case DuckDBTypeId.DATE:
      return fixed(new arrow.DateDay(), 4, i32);
    case DuckDBTypeId.TIMESTAMP:
      return fixed(new arrow.TimestampMicrosecond(), 8, i64);
    case DuckDBTypeId.TIMESTAMP_TZ:
      return fixed(new arrow.TimestampMicrosecond('UTC'), 8, i64);
    case DuckDBTypeId.TIMESTAMP_S:
      return fixed(new arrow.TimestampSecond(), 8, i64);
    case DuckDBTypeId.TIMESTAMP_MS:
      return fixed(new arrow.TimestampMillisecond(), 8, i64);
    case DuckDBTypeId.TIMESTAMP_NS:
      return fixed(new arrow.TimestampNanosecond(), 8, i64);
    case DuckDBTypeId.TIME:
      return fixed(new arrow.TimeMicrosecond(), 8, i64);
    case DuckDBTypeId.HUGEINT:
      return new DecimalSink(new arrow.Decimal(0, 38, 128), 16, capacityRows);
    case DuckDBTypeId.DECIMAL: {
      const { width, scale } = type;
      const sourceWidth = width <= 4 ? 2 : width <= 9 ? 4 : width <= 18 ? 8 : 16;
      return new DecimalSink(new arrow.Decimal(scale, width, sourceWidth === 16 || options.decimal128 ? 128 : 64), sourceWidth, capacityRows);
    }
    case DuckDBTypeId.VARCHAR:
      return new Utf8Sink(capacityRows);
    default:
      return new TextFallbackSink();
  }
}

/** Builds one record batch from the given chunks; `rowCapacity` is a sizing hint. */
export function recordBatchFromChunks(
  columns: readonly ArrowColumnSource[],
  chunks: Iterable<DuckDBDataChunk>,
  rowCapacity = 2048,
  options: ArrowBatchOptions = {},
): arrow.RecordBatch {
  const sinks = columns.map((column) => sinkFor(column.type, rowCapacity, options));
  let rows = 0;
  for (const chunk of chunks) {
    const chunkRows = chunk.rowCount;
    if (chunkRows === 0) continue;
    for (let column = 0; column < sinks.length; column++) sinks[column]!.append(chunk, column, chunkRows);
    rows += chunkRows;
  }
  const fields = columns.map(
    (column, index) =>
      new arrow.Field(
        column.name,
        sinks[index]!.arrowType,
        true,
        new Map([[DUCKDB_TYPE_METADATA_KEY, column.type.toString()]]),
      ),
  );
  const children = sinks.map((sink) => sink.finish(rows));
  const schema = new arrow.Schema(fields);
  const structData = arrow.makeData({ type: new arrow.Struct(fields), length: rows, nullCount: 0, children });
  return new arrow.RecordBatch(schema, structData);
}
