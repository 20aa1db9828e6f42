import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import {
  DATASET_FILES,
  parseBundledDataset,
  parseDatasetManifest,
  type BundledDataset,
  type DatasetManifest,
} from '@shared/domain/datasets/datasetRecords';

export interface BundledDatasetFiles {
  directory: string;
  manifest: DatasetManifest;
  dataset: BundledDataset;
  /** sha-256 of the manifest and the tables: a changed file reloads even without a version bump. */
  contentHash: string;
}

/** Reads and validates `datasets/` (manifest.json and the CSV tables of DATASET_FILES). */
export async function readBundledDatasetFiles(directory: string): Promise<BundledDatasetFiles> {
  const manifestText = await readFile(join(directory, 'manifest.json'), 'utf8');
  const manifest = parseDatasetManifest(manifestText);
  const hash = createHash('sha256').update(manifestText);
  const files: Record<string, string> = {};
  for (const name of Object.values(DATASET_FILES)) {
    const text = await readFile(join(directory, name), 'utf8');
    files[name] = text;
    hash.update(`\u0000${name}\u0000`).update(text);
  }
  return { directory, manifest, dataset: parseBundledDataset(files), contentHash: hash.digest('hex') };
}
