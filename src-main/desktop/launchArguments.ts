import * as nodePath from 'node:path';

/** What a launch (or a second launch, forwarded to the first) asks for. */
export interface LaunchRequest {
  /** `--workspace PATH` or `--workspace=PATH`, as given. */
  workspace: string | undefined;
  /** Notebook files to open (absolute), in order: a double-clicked .iwb.md arrives this way. */
  notebooks: string[];
}

export const NOTEBOOK_EXTENSION = '.iwb.md';

/**
 * Reads Electron's argv: [executable, (app folder when run unpackaged), ...].
 * Switches Chromium or Electron add (`--allow-file-access-from-files`,
 * `--original-process-start-time=…`) and their values are skipped; only
 * paths ending in .iwb.md count as files, resolved against the launch's
 * working folder with the platform's path rules.
 */
export function parseLaunchArguments(
  argv: readonly string[],
  options: { cwd: string; packaged: boolean; platform?: NodeJS.Platform },
): LaunchRequest {
  const path = (options.platform ?? process.platform) === 'win32' ? nodePath.win32 : nodePath.posix;
  const rest = argv.slice(options.packaged ? 1 : 2);
  let workspace: string | undefined;
  const notebooks: string[] = [];
  for (let index = 0; index < rest.length; index++) {
    const arg = rest[index]!;
    if (arg === '--workspace') {
      workspace = rest[++index];
    } else if (arg.startsWith('--workspace=')) {
      workspace = arg.slice('--workspace='.length);
    } else if (!arg.startsWith('-') && arg.toLowerCase().endsWith(NOTEBOOK_EXTENSION)) {
      notebooks.push(path.resolve(options.cwd, arg));
    }
  }
  return { workspace, notebooks };
}
