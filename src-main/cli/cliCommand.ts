import type { Workbench } from '../services/createWorkbench';

export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
}

export interface CliContext extends CliIo {
  /** Opens the workspace chosen by --workspace / IWB_WORKSPACE (once). */
  openWorkbench(host?: 'browser'): Promise<Workbench>;
  /** Resolves when the user presses Ctrl+C (used by long-running commands). */
  interrupted: Promise<void>;
}

export interface CliCommand {
  name: string;
  summary: string;
  usage: string;
  /** Options parsed with node:util parseArgs. */
  options: Record<string, { type: 'string' | 'boolean'; short?: string; multiple?: boolean }>;
  allowPositionals: boolean;
  /**
   * The command reacts to Ctrl+C itself (an import rolls back and cleans up;
   * serve stops its server). Other commands are stopped by `runCli`: the
   * engine is shut down, which ends its work, and the exit code is 3.
   */
  handlesInterrupt?: boolean;
  run(values: Record<string, string | boolean | string[] | undefined>, positionals: string[], context: CliContext): Promise<number>;
}

/** A usage problem: printed with the command's usage, exit code 2. */
export class UsageError extends Error {}

/**
 * A repeatable `--option NAME=VALUE` as pairs, in order. `split` is the
 * `=` the name ends at (the first for --param, the last for --map). The
 * same name given twice with other values is refused: the command cannot
 * know which one was meant. `example` completes "must read".
 */
export function namedValues(option: string, entries: readonly string[] | undefined, example: string, split: 'first' | 'last' = 'first'): [string, string][] {
  const pairs: [string, string][] = [];
  for (const text of entries ?? []) {
    const at = split === 'first' ? text.indexOf('=') : text.lastIndexOf('=');
    if (at <= 0) throw new UsageError(`--${option} must read ${example} (got "${text}")`);
    const name = text.slice(0, at).trim();
    const value = text.slice(at + 1);
    const earlier = pairs.find(([seen]) => seen === name);
    if (earlier && earlier[1].trim() !== value.trim()) throw new UsageError(`--${option} gives "${name}" twice ("${earlier[1]}" and "${value}"); give it once`);
    if (!earlier) pairs.push([name, value]);
  }
  return pairs;
}

export const EXIT = { ok: 0, userError: 1, usage: 2, cancelled: 3, bug: 70 } as const;
