import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { createWorkbench, type Workbench } from '../services/createWorkbench';
import { resolveWorkspace } from '../workspace/workspaceLocation';

/**
 * A workbench over a fresh temporary workspace with the repository's bundled
 * datasets, opened before the test file's tests and removed after them.
 * Read `bench.workbench` inside a test (it is open by then).
 */
export function bundledTestWorkbench(prefix: string): { readonly workbench: Workbench } {
  const root = mkdtempSync(join(tmpdir(), prefix));
  let workbench: Workbench | undefined;
  beforeAll(async () => {
    workbench = await createWorkbench({
      workspace: resolveWorkspace(join(root, 'workspace')),
      host: 'browser',
      datasetsDirectory: resolve(__dirname, '../../datasets'),
      signingKeyFile: join(root, 'key'),
    });
  }, 60_000);
  afterAll(() => {
    workbench?.dispose();
    rmSync(root, { recursive: true, force: true });
  });
  return {
    get workbench(): Workbench {
      if (!workbench) throw new Error('the test workbench is not open yet');
      return workbench;
    },
  };
}
