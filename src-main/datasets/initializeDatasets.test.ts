import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { WorkbenchError } from '@shared/contract/WorkbenchError';
import type { QueryId } from '@shared/contract/workbenchContract';
import { createWorkbench } from '../services/createWorkbench';
import { resolveWorkspace } from '../workspace/workspaceLocation';
import { datasetsDirectory } from './datasetsDirectory';

const scratch = mkdtempSync(join(tmpdir(), 'iwb-datasets-init-'));
afterAll(() => {
  rmSync(scratch, { recursive: true, force: true });
});

describe('datasetsDirectory', () => {
  it('finds the repository datasets from source, and honours an override (IWB_DATASETS_DIR)', () => {
    expect(datasetsDirectory()).toBe(resolve(__dirname, '../../datasets'));
    expect(datasetsDirectory(resolve(__dirname, '../../datasets/'))).toBe(resolve(__dirname, '../../datasets/'));
    expect(datasetsDirectory(scratch + '-missing')).toBe(resolve(__dirname, '../../datasets'));
  });
});

describe('initializeDatasets', () => {
  it('reports a broken bundle instead of failing to open the workspace', async () => {
    writeFileSync(join(scratch, 'manifest.json'), '{"name": "broken"');
    const workbench = await createWorkbench({ workspace: resolveWorkspace(join(scratch, 'workspace')), host: 'browser', datasetsDirectory: scratch });
    try {
      const info = await workbench.client.datasets.info({});
      expect(info.loadError).toMatch(/^manifest\.json, line 1: not valid JSON/);
      const error = await workbench.client.datasets.listIndicators({}).catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(WorkbenchError);
      expect((error as WorkbenchError).message).toContain('The bundled datasets could not be loaded: manifest.json, line 1');
      const result = await workbench.client.query.run({ queryId: 'q1' as QueryId, sql: 'select 1 as ok', windowRows: 1 });
      expect(result.rowCount).toBe(1);
    } finally {
      workbench.dispose();
    }
  });

  it('leaves a blank workspace when the bundled datasets are off', async () => {
    const workbench = await createWorkbench({ workspace: resolveWorkspace(join(scratch, 'blank')), host: 'browser', bundledDatasets: false });
    try {
      expect((await workbench.client.datasets.info({})).loadError).toBe('bundled datasets are turned off (IWB_BUNDLED_DATASETS=off)');
      const relations = await workbench.engine.call('exec', { sql: "SELECT count(*) AS n FROM duckdb_views() WHERE view_name = 'observations'" });
      expect(Number(relations.rows[0]!.n)).toBe(0);
    } finally {
      workbench.dispose();
    }
  });
});
