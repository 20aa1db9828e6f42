import { homedir } from 'node:os';
import { posix, win32 } from 'node:path';

/** Where a workspace lives: a folder holding the DuckDB file and the workspace's other files. */
export interface WorkspaceLocation {
  directory: string;
  databaseFile: string;
}

export const WORKSPACE_ENV = 'IWB_WORKSPACE';
export const DATABASE_FILE_NAME = 'workspace.duckdb';

/** Paths follow the rules of the platform the app runs on (a parameter, so Windows rules are testable anywhere). */
function pathRules(platform: NodeJS.Platform): typeof posix {
  return platform === 'win32' ? win32 : posix;
}

/** The user's data folder for the app, per platform conventions. */
export function defaultDataDirectory(
  env: NodeJS.ProcessEnv = process.env,
  platform: NodeJS.Platform = process.platform,
  home: string = homedir(),
): string {
  const { join } = pathRules(platform);
  if (platform === 'win32') return join(env.APPDATA ?? join(home, 'AppData', 'Roaming'), 'IndicatorWorkbench');
  if (platform === 'darwin') return join(home, 'Library', 'Application Support', 'IndicatorWorkbench');
  return join(env.XDG_DATA_HOME ?? join(home, '.local', 'share'), 'indicator-workbench');
}

/**
 * `--workspace PATH` wins, then IWB_WORKSPACE, then the data folder. PATH may
 * name a folder (the database is `workspace.duckdb` inside it) or a `.duckdb`
 * file directly (its folder holds the workspace's other files).
 */
export function resolveWorkspace(
  option: string | undefined,
  env: NodeJS.ProcessEnv = process.env,
  platform: NodeJS.Platform = process.platform,
): WorkspaceLocation {
  const { basename, dirname, join, resolve } = pathRules(platform);
  const chosen = option ?? env[WORKSPACE_ENV];
  if (!chosen) {
    const directory = join(defaultDataDirectory(env, platform), 'workspace');
    return { directory, databaseFile: join(directory, DATABASE_FILE_NAME) };
  }
  const absolute = resolve(chosen);
  if (/\.(duckdb|db)$/i.test(absolute)) {
    return { directory: join(dirname(absolute), `${basename(absolute)}.files`), databaseFile: absolute };
  }
  return { directory: absolute, databaseFile: join(absolute, DATABASE_FILE_NAME) };
}
