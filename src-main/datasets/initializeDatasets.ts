import type { ExecSql } from '../workspace/workspaceSql';
import { readBundledDatasetFiles } from './bundledDatasetFiles';
import { installDatasets, type DatasetLoadOutcome } from './datasetTables';

/** What start-up did with the bundled datasets (the datasets API reports it). */
export type DatasetsStartupOutcome = DatasetLoadOutcome | { error: string };

export interface InitializeDatasetsOptions {
  /** false: a blank workspace (tests that build their own `observations`); views loaded earlier stay. */
  enabled: boolean;
  /** The folder holding the bundle's manifest.json; found lazily so a missing bundle is reported, not fatal. */
  directory: () => string;
}

/**
 * Start-up: loads the bundled indicator datasets into the workspace (only
 * when their version or content changed) and (re)creates the public views.
 * A broken or missing bundle is reported, not fatal: the SQL workbench still opens.
 */
export async function initializeDatasets(exec: ExecSql, options: InitializeDatasetsOptions): Promise<DatasetsStartupOutcome> {
  if (!options.enabled) return { error: 'bundled datasets are turned off (IWB_BUNDLED_DATASETS=off)' };
  try {
    const bundle = await readBundledDatasetFiles(options.directory());
    return await installDatasets(exec, bundle);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    console.error(`[iwb] could not load the bundled datasets: ${message}`);
    return { error: message };
  }
}
