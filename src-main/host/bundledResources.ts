import { existsSync } from 'node:fs';
import * as nodePath from 'node:path';

/** What the app ships beside its code: the built UI, the datasets and the sample notebooks. */
export type BundledResource = 'renderer' | 'datasets' | 'queries';

/**
 * Where the running code sits. From a checkout, `moduleDirectory` is out/main
 * (built) or a folder under src-main (tests); in the packaged app it is
 * resources/app.asar/out/main and Electron sets `resourcesPath` to resources/,
 * which holds datasets/ and queries/ outside the archive (electron-builder's
 * extraResources, see electron-builder.config.cjs).
 */
export interface ResourceLayout {
  moduleDirectory: string;
  resourcesPath?: string | undefined;
  /** path.win32 or path.posix: the rules of the platform the app runs on. */
  path: Pick<typeof nodePath, 'join'>;
}

/** The layout of this process. */
export function currentLayout(moduleDirectory: string): ResourceLayout {
  return { moduleDirectory, resourcesPath: (process as NodeJS.Process & { resourcesPath?: string }).resourcesPath, path: nodePath };
}

/** The folders tried for `resource`, in order. */
export function resourceCandidates(resource: BundledResource, layout: ResourceLayout): string[] {
  const { join } = layout.path;
  const { moduleDirectory, resourcesPath } = layout;
  if (resource === 'renderer') return [join(moduleDirectory, '../renderer'), join(moduleDirectory, '../../out/renderer')];
  return [join(moduleDirectory, '../..', resource), ...(resourcesPath ? [join(resourcesPath, resource)] : []), join(moduleDirectory, '../../..', resource)];
}

/** The file whose presence marks a folder as the real thing. */
const MARKER: Record<BundledResource, string> = { renderer: 'index.html', datasets: 'manifest.json', queries: '' };

/** The first candidate folder holding the resource's marker file, with the folders tried. */
export function findResource(
  resource: BundledResource,
  layout: ResourceLayout,
  exists: (path: string) => boolean = existsSync,
): { found: string | null; tried: string[] } {
  const tried = resourceCandidates(resource, layout);
  const found = tried.find((candidate) => exists(MARKER[resource] ? layout.path.join(candidate, MARKER[resource]) : candidate)) ?? null;
  return { found, tried };
}
