import { describe, expect, it } from 'vitest';
import { Decimal, Field, Int32, makeData, RecordBatch, Schema, Struct, Table, tableFromIPC, tableToIPC } from 'apache-arrow';
import { cellPlainText } from './arrowCells';
import { widenDecimal64 } from './arrowDecimal';

function batchOf(values: readonly bigint[], valid: readonly boolean[]): RecordBatch {
  const words = new BigInt64Array(values);
  const bitmap = new Uint8Array(Math.ceil(values.length / 8));
  valid.forEach((ok, row) => ok && (bitmap[row >> 3]! |= 1 << (row & 7)));
  const nullCount = valid.filter((ok) => !ok).length;
  const decimal = makeData({ type: new Decimal(3, 18, 64), length: values.length, nullCount, nullBitmap: bitmap, data: new Uint32Array(words.buffer) });
  const ints = makeData({ type: new Int32(), length: values.length, nullCount: 0, data: Int32Array.from(values, (_, row) => row) });
  const schema = new Schema([new Field('d', decimal.type, true), new Field('i', ints.type, false)]);
  return new RecordBatch(schema, makeData({ type: new Struct(schema.fields), length: values.length, nullCount: 0, children: [decimal, ints] }));
}

describe('widenDecimal64', () => {
  it('turns 64-bit decimals into Decimal128 with the same values and nulls, other columns untouched', () => {
    const batch = batchOf([-1234n, 5678n, 0n, 999_999_999_999_999_999n, -999_999_999_999_999_999n], [true, true, false, true, true]);
    const wide = widenDecimal64(batch);
    const field = wide.schema.fields[0]!;
    expect((field.type as Decimal).bitWidth).toBe(128);
    expect((field.type as Decimal).scale).toBe(3);
    const read = tableFromIPC(tableToIPC(new Table([wide])));
    const column = read.getChild('d')!;
    const texts = Array.from({ length: 5 }, (_, row) => (column.get(row) === null ? null : cellPlainText(column.get(row), field)));
    expect(texts).toEqual(['-1.234', '5.678', null, '999999999999999.999', '-999999999999999.999']);
    expect(read.getChild('i')!.toArray()).toEqual(Int32Array.from([0, 1, 2, 3, 4]));
  });

  it('reads a sliced batch from its offset', () => {
    const batch = batchOf([1n, -2n, 3n, -4n], [true, false, true, true]).slice(1, 4);
    const wide = widenDecimal64(batch);
    const column = tableFromIPC(tableToIPC(new Table([wide]))).getChild('d')!;
    const field = wide.schema.fields[0]!;
    expect(Array.from({ length: 3 }, (_, row) => (column.get(row) === null ? null : cellPlainText(column.get(row), field)))).toEqual([null, '0.003', '-0.004']);
  });

  it('returns a batch without 64-bit decimals as it is', () => {
    const batch = batchOf([1n], [true]);
    const wide = widenDecimal64(batch);
    expect(widenDecimal64(wide)).toBe(wide);
  });
});
