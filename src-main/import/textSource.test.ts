import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { afterAll, describe, expect, it } from 'vitest';
import { WorkbenchError } from '@shared/contract/WorkbenchError';
import { parseDelimited } from '@shared/domain/import/delimitedText';
import { transcodeInChunks, type TranscodedChunk } from './textSource';

const directory = mkdtempSync(join(tmpdir(), 'iwb-chunks-'));
afterAll(() => rmSync(directory, { recursive: true, force: true }));

/** Rows with quoted fields holding commas, doubled quotes and line breaks, and four-byte characters. */
function sampleText(rows: number): string {
  const lines = ['慈溪市科技指标', '名称,数值,说明'];
  for (let index = 0; index < rows; index++) {
    const note = index % 7 === 0 ? `"第${index}行\r\n含换行, 逗号和""引号""𠮷"` : index % 5 === 0 ? `"企业${index},有逗号"` : `备注${index}`;
    // Now and then a quote inside an unquoted field (15.6" 屏幕): a character, not the start of a quoted field.
    lines.push(`企业${index}${index % 11 === 3 ? '15.6"屏' : ''},${index * 1.5},${note}`);
  }
  return lines.join('\r\n') + '\r\n';
}

async function chunksOf(
  text: string,
  encoding: 'gb18030' | 'utf-16le',
  sizes: { chunkBytes: number; blockBytes: number; lastChunkMinBytes: number; maxChunkBytes?: number },
  firstRecords = 2,
): Promise<{ chunks: (TranscodedChunk & { text: string; bytes: number })[]; inputBytes: number }> {
  const path = join(directory, `${encoding}-${sizes.chunkBytes}-${sizes.maxChunkBytes ?? 0}.csv`);
  const bytes = encoding === 'gb18030' ? iconv.encode(text, 'gb18030') : Buffer.from(text, 'utf16le');
  writeFileSync(path, bytes);
  const folder = mkdtempSync(join(directory, 'parts-'));
  const chunks: (TranscodedChunk & { text: string; bytes: number })[] = [];
  const result = await transcodeInChunks(
    { path, fileName: 'sample.csv', sizeBytes: bytes.length, encoding },
    { directory: folder, ...sizes, delimiter: ',', firstRecords, trimLast: async () => undefined },
    async (chunk) => {
      const content = readFileSync(chunk.path);
      chunks.push({ ...chunk, text: content.toString('utf8'), bytes: content.length });
    },
    () => undefined,
    new AbortController().signal,
  );
  expect(result.chunks).toBe(chunks.length);
  // Every part is removed once loaded.
  expect(readdirSync(folder)).toEqual([]);
  return { chunks, inputBytes: bytes.length };
}

describe('transcodeInChunks', () => {
  for (const encoding of ['gb18030', 'utf-16le'] as const) {
    it(`cuts ${encoding} into parts at record ends only, with the records before each part`, async () => {
      const text = sampleText(3000);
      const sizes = { chunkBytes: 9000, blockBytes: 4096, lastChunkMinBytes: 5000 };
      const { chunks, inputBytes } = await chunksOf(text, encoding, sizes);
      expect(chunks.length).toBeGreaterThan(5);
      expect(chunks.map((chunk) => chunk.text).join('')).toBe(text);
      expect(chunks.map((chunk) => chunk.index)).toEqual(chunks.map((_, index) => index));
      expect(chunks.map((chunk) => chunk.last)).toEqual(chunks.map((_, index) => index === chunks.length - 1));
      let records = 0;
      for (const chunk of chunks) {
        expect(chunk.recordsBefore).toBe(records);
        records += parseDelimited(chunk.text, ',', true).rows.length;
        // A whole number of records: each row has three fields, the last of each part ends its record.
        const parsed = parseDelimited(chunk.text, ',', true);
        for (const row of parsed.rows.filter((row) => row.length > 1)) expect(row).toHaveLength(3);
        expect(chunk.text.startsWith('第') || chunk.text.startsWith('含')).toBe(false);
        expect(chunk.text.endsWith('\r\n')).toBe(true);
      }
      // Cut at the last record end of the block that takes a part to chunkBytes.
      for (const chunk of chunks.slice(0, -1)) expect(chunk.bytes).toBeGreaterThan(sizes.chunkBytes - 2 * sizes.blockBytes);
      // The last part holds at least the input's last lastChunkMinBytes (its UTF-8 is no shorter for GB18030).
      if (encoding === 'gb18030') expect(chunks.at(-1)!.bytes).toBeGreaterThanOrEqual(sizes.lastChunkMinBytes);
      expect(inputBytes).toBeGreaterThan(sizes.chunkBytes * 5);
    });
  }

  it('keeps the rows the reader skips, and more, in the first part', async () => {
    const text = sampleText(400);
    const { chunks } = await chunksOf(text, 'gb18030', { chunkBytes: 100, blockBytes: 512, lastChunkMinBytes: 100 }, 50);
    expect(chunks.length).toBeGreaterThan(3);
    expect(parseDelimited(chunks[0]!.text, ',', true).rows.length).toBeGreaterThan(50);
  });

  /** Converts a 3,000-row GB18030 file in small parts with `load`; returns the attempt and the parts folder. */
  function convertWith(name: string, load: (chunk: TranscodedChunk) => Promise<void>, signal = new AbortController().signal): { attempt: Promise<unknown>; folder: string } {
    const path = join(directory, `${name}.csv`);
    const bytes = iconv.encode(sampleText(3000), 'gb18030');
    writeFileSync(path, bytes);
    const folder = mkdtempSync(join(directory, `${name}-`));
    const attempt = transcodeInChunks(
      { path, fileName: `${name}.csv`, sizeBytes: bytes.length, encoding: 'gb18030' },
      { directory: folder, chunkBytes: 4000, blockBytes: 2048, lastChunkMinBytes: 2048, delimiter: ',', firstRecords: 2, trimLast: async () => undefined },
      load,
      () => undefined,
      signal,
    );
    return { attempt, folder };
  }

  it('stops when a part fails to load, and removes every part', async () => {
    const seen: string[] = [];
    const { attempt, folder } = convertWith('fails', async (chunk) => {
      seen.push(chunk.path);
      if (chunk.index === 2) throw new WorkbenchError({ kind: 'user', message: 'part 2 is bad', code: 'test' });
    });
    await expect(attempt).rejects.toThrow('part 2 is bad');
    expect(seen).toHaveLength(3);
    expect(seen.some((part) => existsSync(part))).toBe(false);
    expect(readdirSync(folder)).toEqual([]);
  });

  it('starts no further load after Cancel between two loads', async () => {
    const controller = new AbortController();
    const loaded: number[] = [];
    const { attempt, folder } = convertWith(
      'cancelled',
      async (chunk) => {
        loaded.push(chunk.index);
        if (chunk.index === 1) controller.abort();
      },
      controller.signal,
    );
    await expect(attempt).rejects.toMatchObject({ kind: 'cancelled' });
    expect(loaded).toEqual([0, 1]);
    expect(readdirSync(folder)).toEqual([]);
  });

  it('makes each part twice the one before, up to the largest size', async () => {
    const { chunks } = await chunksOf(sampleText(3000), 'gb18030', { chunkBytes: 4000, blockBytes: 512, lastChunkMinBytes: 512, maxChunkBytes: 32_000 });
    const sizes = chunks.slice(0, -1).map((chunk) => chunk.bytes);
    // 4,000, 8,000, 16,000, then 32,000 each.
    expect(sizes.length).toBeGreaterThanOrEqual(5);
    sizes.forEach((size, index) => {
      const target = Math.min(4000 * 2 ** index, 32_000);
      // Cut at the last record end of the block that reaches the target.
      expect(size).toBeGreaterThan(target - 2 * 512);
      expect(size).toBeLessThan(target + 2 * 512);
    });
  });
});
