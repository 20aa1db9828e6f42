import type { CreateWorkbenchOptions } from './createWorkbench';

/**
 * The `IWB_*` switches that shape a workbench, read once by an entry point
 * (the `iwb` command, the desktop app) and passed to `createWorkbench`.
 */
export function workbenchOptionsFromEnvironment(env: NodeJS.ProcessEnv): Pick<CreateWorkbenchOptions, 'bundledDatasets' | 'datasetsDirectory'> {
  return {
    bundledDatasets: env.IWB_BUNDLED_DATASETS !== 'off',
    ...(env.IWB_DATASETS_DIR ? { datasetsDirectory: env.IWB_DATASETS_DIR } : {}),
  };
}
