import { describe, expect, it } from 'vitest';
import type { DuckDBDataChunk, DuckDBResult } from '@duckdb/node-api';
import { Table } from 'apache-arrow';
import { materializedChunks, resultColumns } from './ResultStore';
import { useScratchConnection } from './scratchConnection';
import { recordBatchesFromChunks } from './arrowIpcParts';

const connection = useScratchConnection();

/**
 * Text as planners' results hold it: Chinese names are over 12 bytes, so
 * DuckDB keeps them out of line (a pointer in the string_t), where the sink
 * copies them by runs of neighbouring strings. Every value is compared with
 * DuckDB's own reading of the same rows.
 */
const TEXT_SQL = `SELECT
    CASE WHEN i % 11 = 0 THEN NULL
         WHEN i % 7 = 0 THEN ''
         WHEN i % 5 = 0 THEN 'k' || (i % 10)
         WHEN i % 3 = 0 THEN repeat('高新技术产业投资', 1 + (i % 4)::INTEGER) || i
         ELSE '慈溪市科技型中小企业' || (i % 300) || '𠀀😀' END AS mixed,
    CASE WHEN i % 1000 = 1 THEN repeat('研发', 3000) || i ELSE '规上工业企业研发费用' || (i % 50) END AS with_long,
    ['宁波市高新技术企业认定名单', '慈溪市', '浙江省科技型中小企业名单（第一批）'][1 + (i % 3)::INTEGER] AS repeated
  FROM range(20000) t(i)`;

const columnNames = ['mixed', 'with_long', 'repeated'] as const;

async function chunksOf(result: DuckDBResult, materialized: boolean): Promise<DuckDBDataChunk[]> {
  if (materialized) return [...materializedChunks(result as Parameters<typeof materializedChunks>[0])];
  const chunks: DuckDBDataChunk[] = [];
  for (let chunk = await result.fetchChunk(); chunk && chunk.rowCount > 0; chunk = await result.fetchChunk()) chunks.push(chunk);
  return chunks;
}

async function expectSameText(sql: string, materialized: boolean): Promise<void> {
  const expected = (await connection().runAndReadAll(sql)).getRowObjectsJS();
  const result = materialized ? await connection().run(sql) : await connection().stream(sql);
  const table = new Table(recordBatchesFromChunks(resultColumns(result), await chunksOf(result, materialized)));
  expect(table.numRows).toBe(expected.length);
  for (const name of columnNames) {
    const column = table.getChild(name)!.toArray() as (string | null)[];
    const mismatches = expected.flatMap((row, index) => (row[name] === column[index] ? [] : [index])).slice(0, 5);
    expect({ name, mismatches }).toEqual({ name, mismatches: [] });
  }
}

describe('text columns to Arrow', () => {
  it('copies every value of a materialized result: inlined, out of line, empty, null, four-byte characters', async () => {
    await expectSameText(TEXT_SQL, true);
  });

  it('copies every value of a streamed result', async () => {
    await expectSameText(TEXT_SQL, false);
  });

  it('copies every value read back from a kept table, and from a sorted view of it', async () => {
    await connection().run(`CREATE OR REPLACE TABLE kept_text AS ${TEXT_SQL}`);
    await expectSameText('SELECT * FROM kept_text', true);
    await expectSameText('SELECT * FROM kept_text ORDER BY with_long DESC, mixed', true);
    await expectSameText('SELECT * FROM kept_text WHERE mixed LIKE \'%高新%\' ORDER BY repeated', false);
  });

  it('copies a single value larger than a run (16 MiB) whole', async () => {
    await expectSameText(`SELECT repeat('科', 6000000) || i AS mixed, 'x' || i AS with_long, '慈溪市科技局' AS repeated FROM range(3) t(i)`, true);
  });
});
