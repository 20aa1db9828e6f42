import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { parentIsAlive } from './parentWatchdog';

describe('parentIsAlive', () => {
  it('is true for the running parent and false once it is gone or the process was re-parented', () => {
    expect(parentIsAlive(process.ppid)).toBe(true);
    const exited = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
    const deadPid = Number(exited.stdout);
    expect(parentIsAlive(deadPid, deadPid)).toBe(false);
    if (process.platform !== 'win32') expect(parentIsAlive(process.ppid, 1)).toBe(false);
  });
});
