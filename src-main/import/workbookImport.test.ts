import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ImportId } from '@shared/contract/workbenchContract';
import { WorkbenchError } from '@shared/contract/WorkbenchError';
import { writeFixtureXlsx, type FixtureCell } from '../../tests/fixtures/xlsxWriter';
import { createWorkbench, type Workbench } from '../services/createWorkbench';
import { resolveWorkspace } from '../workspace/workspaceLocation';
import { Importer } from './Importer';
import { ImportSources } from './importSources';

/**
 * Workbooks through the whole import (workbook thread, staging, DuckDB):
 * what the streamed reader changes for the planner, and what a hostile
 * workbook can no longer do to the process.
 */
const directory = mkdtempSync(join(tmpdir(), 'iwb-workbook-import-'));
const files = join(directory, 'files');
let workbench: Workbench;
let sources: ImportSources;
let counter = 0;

beforeAll(async () => {
  mkdirSync(files, { recursive: true });
  workbench = await createWorkbench({ workspace: resolveWorkspace(join(directory, 'ws')), host: 'browser' });
  sources = new ImportSources();
});
afterAll(async () => {
  await sources?.disposeAll();
  workbench?.dispose();
  rmSync(directory, { recursive: true, force: true });
});

function importId(): ImportId {
  counter += 1;
  return `wb_${counter}` as ImportId;
}

const rows = async (sql: string): Promise<Record<string, unknown>[]> => (await workbench.engine.call('exec', { sql })).rows;

function* companies(count: number): Generator<FixtureCell[]> {
  yield ['企业', '研发投入'];
  for (let row = 1; row <= count; row++) yield [`企业${row}`, row * 0.25];
}

describe('workbooks through the import', () => {
  it('imports all 1,000 rows of a sheet whose <dimension> says A1:B6', async () => {
    const importer = new Importer(workbench.engine, sources);
    const path = writeFixtureXlsx(join(files, 'stale-dimension.xlsx'), [{ name: '企业', rows: companies(1000), dimension: 'A1:B6' }]);
    const { sourceId } = await sources.registerPath(path);
    const preview = await importer.preview(sourceId, {});
    expect(preview.rowCount).toBe(1000);
    expect(preview.sheets).toEqual([{ name: '企业', rows: 1001, columns: 2, hasData: true }]);
    const outcome = await importer.run({ importId: importId(), sourceId, table: 'stale_dimension', mode: 'create', settings: {}, unpivot: null }, () => undefined);
    expect(outcome.rowCount).toBe(1000);
    expect(outcome.provenance.range).toBe('A1:B1001');
    expect(await rows(`SELECT count(*)::INTEGER AS n, sum("研发投入") AS total, max("企业") FILTER (WHERE "研发投入" = 250) AS last FROM stale_dimension`)).toEqual([
      { n: 1000, total: 125_125, last: '企业1000' },
    ]);
  });

  it('imports a sheet of inline strings whole', async () => {
    const importer = new Importer(workbench.engine, sources);
    function* inline(): Generator<FixtureCell[]> {
      yield ['名称', '说明'];
      for (let row = 1; row <= 30_000; row++) yield [`企业${row}`, `第${row}行的说明，含“引号”与 <尖括号> & 符号`];
    }
    const path = writeFixtureXlsx(join(files, 'inline.xlsx'), [{ name: 'S', rows: inline(), strings: 'inline', dimension: 'A1:B2' }]);
    const { sourceId } = await sources.registerPath(path);
    const outcome = await importer.run({ importId: importId(), sourceId, table: 'inline_strings', mode: 'create', settings: {}, unpivot: null }, () => undefined);
    expect(outcome.rowCount).toBe(30_000);
    expect(await rows(`SELECT "说明" AS note FROM inline_strings WHERE "名称" = '企业30000'`)).toEqual([{ note: '第30000行的说明，含“引号”与 <尖括号> & 符号' }]);
  });

  it('removes NUL and other control characters from header cells, says so, and imports', async () => {
    const importer = new Importer(workbench.engine, sources);
    const header = '<row r="1"><c r="A1" t="inlineStr"><is><t>名_x0000_称</t></is></c><c r="B1" t="inlineStr"><is><t>数_x001B_值</t></is></c><c r="C1" t="inlineStr"><is><t>名称</t></is></c></row>';
    const path = writeFixtureXlsx(join(files, 'nul-header.xlsx'), [{ name: 'S', rows: [header, ['甲', 1.5, '乙'], ['丙', 2, '丁']], strings: 'inline' }]);
    const { sourceId } = await sources.registerPath(path);
    const preview = await importer.preview(sourceId, {});
    expect(preview.columns.map((column) => column.name)).toEqual(['名称', '数值', '名称_2']);
    expect(preview.warnings.map((warning) => warning.en)).toEqual([expect.stringContaining('control characters (such as NUL)')]);
    await importer.run({ importId: importId(), sourceId, table: 'nul_header', mode: 'create', settings: {}, unpivot: null }, () => undefined);
    expect(await rows(`SELECT * FROM nul_header`)).toEqual([
      { 名称: '甲', 数值: 1.5, 名称_2: '乙' },
      { 名称: '丙', 数值: 2, 名称_2: '丁' },
    ]);
  });

  it('stops a workbook that needs more memory than the thread may use with a message naming the file; the process and the next import carry on', async () => {
    const importer = new Importer(workbench.engine, sources, undefined, { memoryMb: 24, timeoutMs: 120_000 });
    function* wide(): Generator<FixtureCell[]> {
      for (let row = 0; row < 60_000; row++) yield Array.from({ length: 12 }, (_, column) => `单元格 ${row}-${column}`);
    }
    const path = writeFixtureXlsx(join(files, 'hungry.xlsx'), [{ name: 'S', rows: wide(), strings: 'inline' }]);
    const { sourceId } = await sources.registerPath(path);
    const preview = importer.preview(sourceId, {});
    await expect(preview).rejects.toThrow(WorkbenchError);
    await expect(preview).rejects.toMatchObject({
      kind: 'user',
      code: 'import-workbook-memory',
      message: expect.stringMatching(/^hungry\.xlsx: reading the workbook needed more than 24 MB/),
    });
    const small = writeFixtureXlsx(join(files, 'small.xlsx'), [{ name: 'S', rows: companies(3) }]);
    expect((await importer.preview((await sources.registerPath(small)).sourceId, {})).rowCount).toBe(3);
  }, 120_000);

  it('cancels a workbook import while it is read, and leaves no table', async () => {
    const importer = new Importer(workbench.engine, sources);
    const path = writeFixtureXlsx(join(files, 'cancelled.xlsx'), [{ name: 'S', rows: companies(20_000) }]);
    const { sourceId } = await sources.registerPath(path);
    const id = importId();
    const phases: string[] = [];
    const running = importer.run({ importId: id, sourceId, table: 'cancelled_workbook', mode: 'create', settings: {}, unpivot: null }, (progress) => {
      phases.push(progress.phase);
      // The import reports that it reads the file and hands it to the workbook thread in the same turn: Cancel
      // in the next one ends the thread while it reads.
      if (progress.phase === 'read') setImmediate(() => expect(importer.cancel(id)).toBe(true));
    });
    await expect(running).rejects.toMatchObject({ kind: 'cancelled' });
    expect(phases[0]).toBe('read');
    expect(await rows(`SELECT count(*)::INTEGER AS n FROM duckdb_tables() WHERE table_name = 'cancelled_workbook'`)).toEqual([{ n: 0 }]);
    // The thread is usable again for the next import.
    expect((await importer.preview(sourceId, {})).rowCount).toBe(20_000);
  });

  it('stops a read that overruns its time limit with a message naming the file', async () => {
    const importer = new Importer(workbench.engine, sources, undefined, { memoryMb: 512, timeoutMs: 1 });
    const path = writeFixtureXlsx(join(files, 'slow.xlsx'), [{ name: 'S', rows: companies(50_000) }]);
    await expect(importer.preview((await sources.registerPath(path)).sourceId, {})).rejects.toMatchObject({ kind: 'user', code: 'import-workbook-timeout', message: 'slow.xlsx: reading the workbook took longer than 0.001 s and was stopped; nothing was imported.' });
  });
});
