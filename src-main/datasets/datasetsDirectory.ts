import { existsSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The bundled `datasets/` folder, found the way the renderer folder is: from
 * the built bundle (out/main → ../../datasets), from source (src-main/datasets
 * → ../../datasets), or beside the packaged app's resources. `override`
 * (IWB_DATASETS_DIR, read at the entry point) comes first: tests, and installs
 * that keep data elsewhere.
 */
export function datasetsDirectory(override?: string): string {
  const resourcesPath = (process as NodeJS.Process & { resourcesPath?: string }).resourcesPath;
  const candidates = [
    override,
    join(__dirname, '../../datasets'),
    resourcesPath ? join(resourcesPath, 'datasets') : undefined,
    join(__dirname, '../../../datasets'),
  ].filter((candidate): candidate is string => candidate !== undefined && candidate !== '');
  const found = candidates.find((candidate) => existsSync(join(candidate, 'manifest.json')));
  if (!found) {
    throw new Error(`The bundled datasets were not found (no manifest.json in ${candidates.join(' or ')}). Set IWB_DATASETS_DIR or reinstall.`);
  }
  return found;
}
