import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ImportId } from '../../src-shared/contract/workbenchContract';
import { createWorkbench } from '../../src-main/services/createWorkbench';
import { importStateFor } from '../../src-main/services/importApi';
import { resolveWorkspace } from '../../src-main/workspace/workspaceLocation';

/**
 * `node --import tsx scripts/bench/xlsxMemoryProbe.ts FILE`: imports one
 * workbook in a fresh process and prints, as JSON, its rows, time and the
 * process's peak resident memory (`maxRSS`: the main side and the workbook
 * thread; DuckDB runs in the engine process). Run by xlsxBench so that
 * nothing measured before adds to the peak.
 */
async function main(): Promise<void> {
  const path = process.argv[2];
  if (!path) throw new Error('usage: xlsxMemoryProbe FILE');
  const folder = mkdtempSync(join(tmpdir(), 'iwb-xlsx-probe-'));
  const workbench = await createWorkbench({ workspace: resolveWorkspace(join(folder, 'ws')), host: 'browser' });
  const sources = importStateFor(workbench.service.context).sources;
  try {
    const startRssMb = process.resourceUsage().maxRSS / 1024;
    const started = performance.now();
    const { sourceId } = await sources.registerPath(path);
    const outcome = await workbench.client.import.run({ importId: 'probe' as ImportId, sourceId, table: 'probe', mode: 'replace' });
    const ms = performance.now() - started;
    console.log(JSON.stringify({ rowCount: outcome.rowCount, ms, startRssMb, peakRssMb: process.resourceUsage().maxRSS / 1024 }));
  } finally {
    await sources.disposeAll();
    workbench.dispose();
    rmSync(folder, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
