import { runCli } from '../../src-main/cli/iwb';

export interface CliOutcome {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * `iwb` in-process for tests: runs the CLI with `args` (plus
 * `--workspace WORKSPACE` when one is given), capturing what it prints.
 * The interrupt promise never settles, as when nobody presses Ctrl+C.
 * `env` is the environment the CLI reads its `IWB_*` switches from.
 */
export function cliRunner(workspace?: string, env: NodeJS.ProcessEnv = process.env): (...args: string[]) => Promise<CliOutcome> {
  return async (...args) => {
    let stdout = '';
    let stderr = '';
    const code = await runCli(
      workspace === undefined ? args : [...args, '--workspace', workspace],
      { stdout: (text) => void (stdout += text), stderr: (text) => void (stderr += text) },
      new Promise(() => undefined),
      env,
    );
    return { code, stdout, stderr };
  };
}
