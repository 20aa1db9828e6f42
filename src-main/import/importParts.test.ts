import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ImportProgress } from '@shared/contract/workbenchContract';
import iconv from 'iconv-lite';
import type { EngineMethod } from '../engine/engineProtocol';
import { Importer } from './Importer';
import { importTestBench } from './testing/importTestBench';
import { ImportSources } from './importSources';

const bench = importTestBench();
const { files, importId, rows, failure, tableNames } = bench;

describe('a large CSV in another encoding, loaded part by part', () => {
  const sizes = { chunkBytes: 16 * 1024, blockBytes: 4096, lastChunkMinBytes: 4096 };
  /** An importer with small parts, over the test workbench's engine, recording the engine methods it calls. */
  function chunkedImporter(
    onCall: (method: string, importer: Importer) => void = () => undefined,
    partSizes: typeof sizes = sizes,
  ): { importer: Importer; sources: ImportSources; calls: string[] } {
    const calls: string[] = [];
    const sources = new ImportSources();
    const engine = new Proxy(bench.workbench.engine, {
      get(target, property, receiver) {
        if (property !== 'call') return Reflect.get(target, property, receiver) as unknown;
        return (method: EngineMethod, params: never) => {
          calls.push(method);
          onCall(method, importer);
          return target.call(method, params);
        };
      },
    });
    const importer = new Importer(engine, sources, partSizes);
    return { importer, sources, calls };
  }
  const rowCount = 3000;
  /** A title row, a header, rows with quoted commas, doubled quotes and line breaks, then footnotes; row i's value is i * 1.25. */
  function writeLarge(name: string, badRow: number | null = null, encoding: 'gb18030' | 'utf-16le' = 'gb18030'): string {
    const lines = ['慈溪市企业研发投入（测试）', '名称,研发投入,说明'];
    for (let index = 0; index < rowCount; index++) {
      // Every other multi-line cell has one space before its quote, which DuckDB (and so the cuts) still read as a quoted field.
      const note = index % 9 === 0 ? `${index % 18 === 0 ? ' ' : ''}"第${index}行\r\n跨行, 含""引号""𠮷"` : index % 4 === 0 ? `"逗号,${index}"` : `备注${index}`;
      // Now and then a quote inside an unquoted field (15.6"): DuckDB reads it as a character, and so must the cuts.
      lines.push(`企业${index}𪚥${index % 11 === 3 ? '15.6"屏' : ''},${index === badRow ? '不是数' : (index * 1.25).toFixed(2)},${note}`);
    }
    lines.push('注：数值为虚构。', '资料来源：测试生成。');
    const path = join(files, name);
    writeFileSync(path, iconv.encode(lines.join('\r\n') + '\r\n', encoding, { addBOM: encoding === 'utf-16le' }));
    return path;
  }

  for (const encoding of ['gb18030', 'utf-16le'] as const) {
    it(`imports every value of a ${encoding} file exactly, across many parts, and skips the footnotes`, async () => {
      const { importer, sources, calls } = chunkedImporter();
      const table = `large_${encoding.replace('-', '_')}`;
      const path = writeLarge(`large-${encoding}.csv`, null, encoding);
      const source = await sources.registerPath(path);
      const preview = await importer.preview(source.sourceId, {});
      expect(preview.settings.encoding).toBe(encoding);
      const progress: ImportProgress[] = [];
      const outcome = await importer.run({ importId: importId(), sourceId: source.sourceId, table, settings: {}, mode: 'replace', unpivot: null }, (report) => progress.push(report));
      expect(calls.filter((method) => method === 'importContinue').length).toBeGreaterThan(5);
      // The bar moves with the share of the file loaded, part after part, and stops short of 100 until the save.
      const loading = progress.filter((report) => report.phase === 'load' && report.percent !== null).map((report) => report.percent!);
      expect(loading.length).toBeGreaterThan(5);
      expect(loading.every((percent, index) => percent >= 0 && percent <= 99 && (index === 0 || percent >= loading[index - 1]!))).toBe(true);
      expect(progress.at(-1)?.phase).toBe('save');
      // Converting (reported every 16 MB, so not for this small file) comes first, then loading: the label never goes back.
      const order = ['read', 'transcode', 'load', 'save'];
      const phases = progress.map((report) => order.indexOf(report.phase));
      expect(phases.every((phase, index) => index === 0 || phase >= phases[index - 1]!)).toBe(true);
      expect(outcome.rowCount).toBe(rowCount);
      expect(outcome.provenance).toMatchObject({ encoding, rowCount, format: 'csv' });
      const imported = await rows(`SELECT * FROM ${table}`);
      expect(imported).toHaveLength(rowCount);
      imported.forEach((row, index) => {
        expect(row['名称']).toBe(`企业${index}𪚥${index % 11 === 3 ? '15.6"屏' : ''}`);
        expect(row['研发投入']).toBe(Number((index * 1.25).toFixed(2)));
        expect(row['说明']).toBe(index % 9 === 0 ? `第${index}行\r\n跨行, 含"引号"𠮷` : index % 4 === 0 ? `逗号,${index}` : `备注${index}`);
      });
      // Appending the same file adds as many rows again, and says so.
      const appended = await importer.run({ importId: importId(), sourceId: source.sourceId, table, settings: {}, mode: 'append', unpivot: null }, () => undefined);
      expect(appended.rowCount).toBe(rowCount);
      expect(await rows(`SELECT count(*)::INTEGER AS n FROM ${table}`)).toEqual([{ n: 2 * rowCount }]);
      await sources.disposeAll();
    });
  }

  it('imports a 50 MB quoted cell in a later part whole (the reader is retried with long-line buffers)', async () => {
    // Parts of 1 MB read in 8 MB blocks: the cell's part starts with rows, and the cell crosses DuckDB's 32 MB buffer.
    const { importer, sources } = chunkedImporter(undefined, { chunkBytes: 1024 * 1024, blockBytes: 8 * 1024 * 1024, lastChunkMinBytes: 4096 });
    const big = 'x'.repeat(50 * 1024 * 1024);
    const path = join(files, 'large-long-cell.csv');
    const head = ['编号,说明', ...Array.from({ length: 20_000 }, (_, index) => `${index},短${index}`)].join('\n');
    writeFileSync(path, Buffer.concat([iconv.encode(`${head}\n20000,"`, 'gb18030'), Buffer.from(big), iconv.encode('"\n20001,完\n', 'gb18030')]));
    const source = await sources.registerPath(path);
    const outcome = await importer.run({ importId: importId(), sourceId: source.sourceId, table: 'large_long_cell', settings: { encoding: 'gb18030' }, mode: 'replace', unpivot: null }, () => undefined);
    expect(outcome.rowCount).toBe(20_002);
    expect(await rows(`SELECT length(说明)::INTEGER AS n FROM large_long_cell WHERE 编号 = 20000`)).toEqual([{ n: big.length }]);
    expect(await rows(`SELECT 说明 FROM large_long_cell WHERE 编号 = 20001`)).toEqual([{ 说明: '完' }]);
    await sources.disposeAll();
  }, 120_000);

  it("names the file's own line of a bad value in a later part, and changes nothing", async () => {
    const { importer, sources, calls } = chunkedImporter();
    const bad = 2500;
    const path = writeLarge('large-bad-value.csv', bad);
    const source = await sources.registerPath(path);
    const before = await tableNames();
    const error = await failure(importer.run({ importId: importId(), sourceId: source.sourceId, table: 'large_bad', settings: {}, mode: 'replace', unpivot: null }, () => undefined));
    expect(calls.filter((method) => method === 'importContinue').length).toBeGreaterThan(3);
    // DuckDB counts records, as WPS and Excel number rows: title 1, header 2, the first data row 3.
    expect(error.message).toContain(`CSV Error on Line: ${bad + 3}`);
    expect(error.message).toContain('不是数');
    expect(await tableNames()).toEqual(before);
    await sources.disposeAll();
  });

  it('rolls back the parts already loaded when bytes in a later part are not GB18030, or on Cancel', async () => {
    const path = writeLarge('large-bad-bytes.csv');
    const bytes = readFileSync(path);
    const at = bytes.length - 20_000;
    bytes[at] = 0xff;
    bytes[at + 1] = 0xff;
    writeFileSync(path, bytes);
    const before = await tableNames();
    const provenanceBefore = await rows(`SELECT count(*)::INTEGER AS n FROM import_provenance`);
    {
      const { importer, sources, calls } = chunkedImporter();
      const source = await sources.registerPath(path);
      const error = await failure(importer.run({ importId: importId(), sourceId: source.sourceId, table: 'large_bad_bytes', settings: {}, mode: 'replace', unpivot: null }, () => undefined));
      expect(error.message).toMatch(/bytes that are not valid GB18030 on line \d+ \(byte offset \d+\)/);
      expect(calls).toContain('importContinue');
      expect(calls.at(-1)).toBe('importFinish');
      await sources.disposeAll();
    }
    {
      const id = importId();
      const { importer, sources, calls } = chunkedImporter((method, self) => {
        if (method === 'importContinue' && calls.filter((called) => called === 'importContinue').length === 3) self.cancel(id);
      });
      const source = await sources.registerPath(writeLarge('large-cancelled.csv'));
      const error = await failure(importer.run({ importId: id, sourceId: source.sourceId, table: 'large_cancelled', settings: {}, mode: 'replace', unpivot: null }, () => undefined));
      expect(error.kind).toBe('cancelled');
      await sources.disposeAll();
    }
    expect(await tableNames()).toEqual(before);
    expect(await rows(`SELECT count(*)::INTEGER AS n FROM import_provenance`)).toEqual(provenanceBefore);
    // The import connection is free again: a new import works.
    const { importer, sources } = chunkedImporter();
    const source = await sources.registerPath(writeLarge('large-after.csv'));
    expect((await importer.run({ importId: importId(), sourceId: source.sourceId, table: 'large_after', settings: {}, mode: 'replace', unpivot: null }, () => undefined)).rowCount).toBe(rowCount);
    await sources.disposeAll();
  });
});
