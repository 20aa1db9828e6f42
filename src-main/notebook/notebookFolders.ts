import { readdirSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import type { WorkspaceLocation } from '../workspace/workspaceLocation';
import { currentLayout, findResource, type ResourceLayout } from '../host/bundledResources';

/** Where a workspace keeps notebooks and their recovery copies. */
export interface NotebookFolders {
  /** New notebooks and "save as" by name go here. */
  notebooks: string;
  /** Autosaved unsaved edits, one JSON file per notebook. */
  recovery: string;
  /** The recently opened list. */
  recentFile: string;
  /** The sample notebooks shipped with the app (`queries/`), if found. */
  samples: string | null;
}

export function notebookFolders(workspace: WorkspaceLocation, samples: string | null = samplesDirectory()): NotebookFolders {
  return {
    notebooks: join(workspace.directory, 'notebooks'),
    recovery: join(workspace.directory, 'notebook-recovery'),
    recentFile: join(workspace.directory, 'notebook-recent.json'),
    samples,
  };
}

/** `queries/` of the app: the repository root's from a checkout, the packaged app's resources otherwise. */
export function samplesDirectory(layout: ResourceLayout = currentLayout(__dirname)): string | null {
  return findResource('queries', layout).found;
}

/** True when `path` is `folder` or inside it. */
export function isInside(path: string, folder: string): boolean {
  const relation = relative(resolve(folder), resolve(path));
  return relation === '' || (!relation.startsWith('..') && !isAbsolute(relation));
}

function withTrailingSeparator(folder: string): string {
  return folder.endsWith(sep) ? folder : folder + sep;
}

/**
 * The folders an untrusted notebook's SQL may read and write: its own folder
 * and the workspace's data folders (its subfolders, not its root, which
 * holds the database). A folder that contains anything protected (the
 * database, the recovery copies, the user's signing key) is left out.
 */
export function restrictedFolders(
  notebookPath: string | null,
  workspace: WorkspaceLocation,
  folders: NotebookFolders,
  protectedPaths: readonly string[],
): string[] {
  const guarded = [workspace.databaseFile, `${workspace.databaseFile}.wal`, folders.recovery, folders.recentFile, ...protectedPaths];
  const safe = (folder: string) => !guarded.some((path) => isInside(path, folder));
  const result = new Set<string>();
  if (notebookPath !== null) {
    const own = dirname(resolve(notebookPath));
    if (safe(own)) result.add(withTrailingSeparator(own));
  }
  try {
    for (const entry of readdirSync(workspace.directory, { withFileTypes: true })) {
      const folder = join(workspace.directory, entry.name);
      if (entry.isDirectory() && safe(folder)) result.add(withTrailingSeparator(resolve(folder)));
    }
  } catch {
    // No workspace folder yet: nothing of it to allow.
  }
  return [...result];
}
