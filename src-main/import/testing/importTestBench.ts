import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { afterAll, beforeAll, expect } from 'vitest';
import type { ImportId, ImportSourceId } from '@shared/contract/workbenchContract';
import { resolveWorkspace } from '../../workspace/workspaceLocation';
import { createWorkbench, type Workbench } from '../../services/createWorkbench';
import { expectWorkbenchError } from '../../testing/expectWorkbenchError';

/**
 * One workbench over a temporary workspace for an importer test file, with the
 * helpers those files share: upload as the renderer does, numbered import ids,
 * SQL rows, the error a call fails with, the workspace's tables.
 */
export function importTestBench() {
  const directory = mkdtempSync(join(tmpdir(), 'iwb-import-'));
  const files = join(directory, 'files');
  let workbench: Workbench | undefined;
  let counter = 0;

  beforeAll(async () => {
    rmSync(files, { recursive: true, force: true });
    mkdirSync(files);
    workbench = await createWorkbench({ workspace: resolveWorkspace(join(directory, 'ws')), host: 'browser' });
  });
  afterAll(() => {
    workbench?.dispose();
    rmSync(directory, { recursive: true, force: true });
  });

  const bench = {
    files,
    get workbench(): Workbench {
      if (!workbench) throw new Error('the test workbench is not open yet');
      return workbench;
    },
    /** Uploads a file the way the renderer does: in chunks, then returns its source id. */
    async upload(path: string, chunkBytes = 1000): Promise<ImportSourceId> {
      const bytes = new Uint8Array(readFileSync(path));
      let sourceId: ImportSourceId | undefined;
      let offset = 0;
      do {
        const chunk = bytes.subarray(offset, offset + chunkBytes);
        const reply = await bench.workbench.client.import.upload({ ...(sourceId ? { sourceId } : {}), fileName: basename(path), totalBytes: bytes.length, offset, chunk });
        sourceId = reply.sourceId;
        offset += chunk.length;
        if (reply.source) expect(reply.source.sizeBytes).toBe(bytes.length);
      } while (offset < bytes.length);
      return sourceId;
    },
    importId(): ImportId {
      counter += 1;
      return `test_${counter}` as ImportId;
    },
    async rows(sql: string): Promise<Record<string, unknown>[]> {
      return (await bench.workbench.engine.call('exec', { sql })).rows;
    },
    failure: expectWorkbenchError,
    async tableNames(): Promise<string[]> {
      return (await bench.rows(`SELECT table_name FROM duckdb_tables() WHERE database_name = current_database() ORDER BY 1`)).map((row) => String(row.table_name));
    },
  };
  return bench;
}
