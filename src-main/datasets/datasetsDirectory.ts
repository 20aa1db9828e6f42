import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { currentLayout, findResource, type ResourceLayout } from '../host/bundledResources';

/**
 * The bundled `datasets/` folder, found the way the renderer folder is: from
 * the built bundle (out/main → ../../datasets), from source (src-main/datasets
 * → ../../datasets), or in the packaged app's resources. `override`
 * (IWB_DATASETS_DIR, read at the entry point) comes first: tests, and installs
 * that keep data elsewhere.
 */
export function datasetsDirectory(override?: string, layout: ResourceLayout = currentLayout(__dirname)): string {
  if (override && existsSync(join(override, 'manifest.json'))) return override;
  const { found, tried } = findResource('datasets', layout);
  if (!found) {
    const looked = override ? [override, ...tried] : tried;
    throw new Error(`The bundled datasets were not found (no manifest.json in ${looked.join(' or ')}). Set IWB_DATASETS_DIR or reinstall.`);
  }
  return found;
}
