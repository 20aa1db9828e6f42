import * as nodePath from 'node:path';

/** The kinds of file a dialog opens or saves; each remembers its own last folder. */
export const DIALOG_KINDS = ['notebook', 'export', 'data'] as const;
export type DialogKind = (typeof DIALOG_KINDS)[number];

export type LastFolders = Partial<Record<DialogKind, string>>;

/** The remembered folders from a JSON value, keeping only absolute paths of known kinds. */
export function parseLastFolders(value: unknown, platform: NodeJS.Platform = process.platform): LastFolders {
  const path = platform === 'win32' ? nodePath.win32 : nodePath.posix;
  const folders: LastFolders = {};
  if (typeof value !== 'object' || value === null) return folders;
  for (const kind of DIALOG_KINDS) {
    const folder = (value as Record<string, unknown>)[kind];
    if (typeof folder === 'string' && path.isAbsolute(folder)) folders[kind] = folder;
  }
  return folders;
}

/** After a dialog returned `chosen`: its folder is the one to start in next time for that kind. */
export function rememberFolder(folders: LastFolders, kind: DialogKind, chosen: string, platform: NodeJS.Platform = process.platform): LastFolders {
  const path = platform === 'win32' ? nodePath.win32 : nodePath.posix;
  return { ...folders, [kind]: path.dirname(chosen) };
}

/**
 * Where a dialog starts: the kind's last folder, else `fallback`; with `fileName` joined when saving.
 * A remembered folder that no longer exists (`exists` says no: a removed USB stick, a renamed share) gives way to `fallback`.
 */
export function dialogStartPath(
  folders: LastFolders,
  kind: DialogKind,
  fallback: string,
  fileName?: string,
  platform: NodeJS.Platform = process.platform,
  exists: (folder: string) => boolean = () => true,
): string {
  const path = platform === 'win32' ? nodePath.win32 : nodePath.posix;
  const remembered = folders[kind];
  const folder = remembered !== undefined && exists(remembered) ? remembered : fallback;
  return fileName ? path.join(folder, fileName) : folder;
}
