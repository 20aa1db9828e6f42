import { describe, expect, it } from 'vitest';
import { Table, tableFromIPC, type Decimal } from 'apache-arrow';
import { cellPlainText } from '@shared/domain/arrowCells';
import { materializedChunks, resultColumns } from './ResultStore';
import { useScratchConnection } from './scratchConnection';
import { arrowIpcFromChunks, recordBatchesFromChunks, ROWS_PER_BATCH } from './arrowIpcParts';

const connection = useScratchConnection();

async function parts(sql: string): Promise<Uint8Array[]> {
  const result = await connection().run(sql);
  return arrowIpcFromChunks(resultColumns(result), materializedChunks(result));
}

const text = (table: Table, column: string, row: number) => {
  const field = table.schema.fields.find((candidate) => candidate.name === column)!;
  return cellPlainText(table.getChild(column)!.get(row), field);
};

describe('Arrow IPC as parts', () => {
  const rows = ROWS_PER_BATCH * 2 + 5000;
  const sql = `SELECT i::INTEGER AS i, ((i - 150000) / 7)::DECIMAL(18,3) AS dec, ((i % 2000 - 1000) / 10)::DECIMAL(4,1) AS small,
      CASE WHEN i % 3 = 0 THEN NULL ELSE repeat('长文本', (i % 5)::INTEGER) || i END AS s, i % 2 = 0 AS even
    FROM range(${rows}) t(i) ORDER BY i`;

  it('is the schema, one message per batch of at most ROWS_PER_BATCH rows, and the end of stream', async () => {
    const list = await parts(sql);
    expect(list.length).toBe(1 + Math.ceil(rows / ROWS_PER_BATCH) + 1);
    expect(tableFromIPC(list[0]!).numRows).toBe(0);
    const table = tableFromIPC(list);
    expect(table.numRows).toBe(rows);
    expect(table.batches.every((batch) => batch.numRows <= ROWS_PER_BATCH)).toBe(true);
    // Concatenated, the parts are one IPC stream with the same rows.
    const joined = new Uint8Array(list.reduce((total, part) => total + part.byteLength, 0));
    list.reduce((offset, part) => (joined.set(part, offset), offset + part.byteLength), 0);
    expect(tableFromIPC(joined).numRows).toBe(rows);
  });

  it('carries every value across batch boundaries, negative decimals, long and null text included', async () => {
    const table = tableFromIPC(await parts(sql));
    for (const row of [0, 1, ROWS_PER_BATCH - 1, ROWS_PER_BATCH, rows - 1]) {
      expect(table.getChild('i')!.get(row)).toBe(row);
      const unscaled = BigInt(Math.round(((row - 150000) / 7) * 1000));
      const negative = unscaled < 0n;
      const digits = (negative ? -unscaled : unscaled).toString().padStart(4, '0');
      expect(text(table, 'dec', row)).toBe(`${negative ? '-' : ''}${digits.slice(0, -3)}.${digits.slice(-3)}`);
      const tenths = (row % 2000) - 1000;
      expect(text(table, 'small', row)).toBe(`${tenths < 0 ? '-' : ''}${Math.floor(Math.abs(tenths) / 10)}.${Math.abs(tenths) % 10}`);
      expect(table.getChild('s')!.get(row)).toBe(row % 3 === 0 ? null : '长文本'.repeat(row % 5) + row);
      expect(table.getChild('even')!.get(row)).toBe(row % 2 === 0);
    }
  });

  it('gives an empty result its schema and one empty batch', async () => {
    const list = await parts('SELECT 1::INTEGER AS a, 2.5::DECIMAL(9,2) AS b WHERE false');
    expect(list.length).toBe(3);
    const table = tableFromIPC(list);
    expect(table.numRows).toBe(0);
    expect(table.schema.fields.map((field) => field.name)).toEqual(['a', 'b']);
  });

  it('builds the same batches for a file with DECIMAL(p ≤ 18) as Decimal128, signs extended', async () => {
    const result = await connection().run(sql);
    const batches = recordBatchesFromChunks(resultColumns(result), materializedChunks(result), { decimal128: true });
    expect(batches.map((batch) => batch.numRows)).toEqual([ROWS_PER_BATCH, ROWS_PER_BATCH, 5000]);
    const wide = new Table(batches);
    const narrow = tableFromIPC(await parts(sql));
    expect(['dec', 'small'].map((name) => (wide.schema.fields.find((field) => field.name === name)!.type as Decimal).bitWidth)).toEqual([128, 128]);
    expect((narrow.schema.fields.find((field) => field.name === 'dec')!.type as Decimal).bitWidth).toBe(64);
    for (const row of [0, 1, 150_000, ROWS_PER_BATCH, rows - 1]) {
      for (const column of ['dec', 'small', 's', 'even', 'i']) expect([column, row, text(wide, column, row)]).toEqual([column, row, text(narrow, column, row)]);
    }
    // 4-byte DECIMAL(9,2), negative and null, the same way.
    const midSql = 'SELECT CASE WHEN i % 4 = 0 THEN NULL ELSE ((i - 500) / 3)::DECIMAL(9,2) END AS mid FROM range(1000) t(i)';
    const mid = await connection().run(midSql);
    const midWide = new Table(recordBatchesFromChunks(resultColumns(mid), materializedChunks(mid), { decimal128: true }));
    const midNarrow = tableFromIPC(await parts(midSql));
    expect((midWide.schema.fields[0]!.type as Decimal).bitWidth).toBe(128);
    expect([0, 1, 2, 499, 999].map((row) => text(midWide, 'mid', row))).toEqual([0, 1, 2, 499, 999].map((row) => text(midNarrow, 'mid', row)));
    expect(text(midWide, 'mid', 1)).toBe('-166.33');
    expect(midWide.getChild('mid')!.get(0)).toBeNull();
    const empty = await connection().run('SELECT 2.5::DECIMAL(9,2) AS b WHERE false');
    expect(recordBatchesFromChunks(resultColumns(empty), materializedChunks(empty)).map((batch) => batch.numRows)).toEqual([0]);
  });
});
