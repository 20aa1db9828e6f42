import type { ServiceContext } from '../services/ServiceContext';
import { readBundledDatasetFiles } from './bundledDatasetFiles';
import { datasetsDirectory } from './datasetsDirectory';
import { installDatasets, type DatasetLoadOutcome, type ExecSql } from './datasetTables';

/** What the last start-up did with the bundled datasets, per workspace context (the datasets API reports it). */
const outcomes = new WeakMap<ServiceContext, DatasetLoadOutcome | { error: string }>();

export function datasetsOutcome(context: ServiceContext): DatasetLoadOutcome | { error: string } | undefined {
  return outcomes.get(context);
}

export function engineExec(context: ServiceContext): ExecSql {
  return async (sql, params) => (await context.engine.call('exec', { sql, ...(params ? { params } : {}) })).rows;
}

/**
 * Start-up: loads the bundled indicator datasets into the workspace (only
 * when their version or content changed) and (re)creates the public views.
 * A broken or missing bundle is reported, not fatal: the SQL workbench still opens.
 * IWB_BUNDLED_DATASETS=off skips loading (a blank workspace, e.g. for tests
 * that build their own `observations`); views loaded earlier stay.
 */
export async function initializeDatasets(context: ServiceContext): Promise<void> {
  if (process.env.IWB_BUNDLED_DATASETS === 'off') {
    outcomes.set(context, { error: 'bundled datasets are turned off (IWB_BUNDLED_DATASETS=off)' });
    return;
  }
  try {
    const bundle = await readBundledDatasetFiles(datasetsDirectory());
    outcomes.set(context, await installDatasets(engineExec(context), bundle));
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    console.error(`[iwb] could not load the bundled datasets: ${message}`);
    outcomes.set(context, { error: message });
  }
}
