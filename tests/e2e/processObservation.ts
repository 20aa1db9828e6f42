import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

/**
 * Looking at processes from a test (Linux /proc and ps): whether one runs,
 * its children, and the CPU time it has used, to observe "the engine is
 * busy with the query" instead of sleeping.
 */
export const canObserveProcesses = process.platform === 'linux';

export function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    // A zombie has exited; only its parent has not collected it yet.
    return !/^\d+ \(.*\) Z /.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return false;
  }
}

export function childPids(pid: number): number[] {
  try {
    return execFileSync('ps', ['-o', 'pid=', '--ppid', String(pid)], { encoding: 'utf8' })
      .split('\n')
      .map((line) => Number(line.trim()))
      .filter((value) => value > 0);
  } catch {
    return [];
  }
}

/** User + system CPU time of a process, in clock ticks (1/100 s on Linux). */
export function cpuTicks(pid: number): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').replace(/^.*\) /, '').split(' ');
    return Number(fields[11]) + Number(fields[12]);
  } catch {
    return 0;
  }
}

/** Polls `probe` until it returns a value that is not null/false, or throws after `timeoutMs` saying what was awaited. */
export async function waitFor<T>(what: string, probe: () => T | null | false | Promise<T | null | false>, timeoutMs = 30_000, intervalMs = 50): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== null && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`Gave up after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}

/** The engine child of an `iwb` process once it is busy: it has used `ticks` of CPU (an idle engine uses almost none). */
export function busyEngine(cliPid: number, ticks = 150, seen: number[] = []): Promise<number> {
  return waitFor(`the engine child of ${cliPid} to be busy`, () => {
    const children = childPids(cliPid);
    for (const pid of children) if (!seen.includes(pid)) seen.push(pid);
    return children.find((pid) => cpuTicks(pid) >= ticks) ?? null;
  });
}
