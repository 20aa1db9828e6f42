import { DataType, Decimal, Field, makeData, RecordBatch, Schema, Struct, type Data } from 'apache-arrow';

const isDecimal64 = (type: DataType) => DataType.isDecimal(type) && type.bitWidth === 64;

/**
 * A record batch with its 64-bit decimal columns widened to 128 bits (sign
 * extended, values unchanged). The app sends DECIMAL(p <= 18) as 64-bit
 * decimals to its own window, but an Arrow file written for other tools keeps
 * the Decimal128 every Arrow reader knows (64-bit decimals entered the format
 * only in Arrow 18). A batch without 64-bit decimals is returned as it is.
 */
export function widenDecimal64(batch: RecordBatch): RecordBatch {
  const fields = batch.schema.fields;
  if (!fields.some((field) => isDecimal64(field.type))) return batch;
  const children = batch.data.children.map((data, index) => (isDecimal64(fields[index]!.type) ? widened(data as Data<Decimal>) : data));
  const schema = new Schema(
    fields.map((field, index) => (isDecimal64(field.type) ? new Field(field.name, children[index]!.type, field.nullable, field.metadata) : field)),
    batch.schema.metadata,
  );
  return new RecordBatch(schema, makeData({ type: new Struct(schema.fields), length: batch.numRows, nullCount: 0, children }));
}

function widened(data: Data<Decimal>): Data<Decimal> {
  // A slice's values already start at its first row (Arrow JS slices fixed-width buffers); its validity bits do not.
  const source = new Int32Array(data.values.buffer, data.values.byteOffset, data.length * 2);
  const target = new Int32Array(data.length * 4);
  for (let row = 0; row < data.length; row++) {
    const high = source[row * 2 + 1]!;
    const sign = high >> 31;
    target[row * 4] = source[row * 2]!;
    target[row * 4 + 1] = high;
    target[row * 4 + 2] = sign;
    target[row * 4 + 3] = sign;
  }
  const type = new Decimal(data.type.scale, data.type.precision, 128);
  const nullBitmap = data.nullCount > 0 ? copyBits(data.nullBitmap!, data.offset, data.length) : undefined;
  return makeData({ type, length: data.length, nullCount: data.nullCount, ...(nullBitmap ? { nullBitmap } : {}), data: new Uint32Array(target.buffer) });
}

/** The validity bits of rows [offset, offset + length) moved to start at bit 0. */
function copyBits(bits: Uint8Array, offset: number, length: number): Uint8Array {
  if (offset === 0) return bits.subarray(0, Math.ceil(length / 8));
  const out = new Uint8Array(Math.ceil(length / 8));
  for (let row = 0; row < length; row++) if ((bits[(offset + row) >> 3]! >> ((offset + row) & 7)) & 1) out[row >> 3]! |= 1 << (row & 7);
  return out;
}
