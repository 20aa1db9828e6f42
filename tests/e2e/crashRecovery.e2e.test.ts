import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { busyEngine, canObserveProcesses, isRunning, waitFor } from './processObservation';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const folder = mkdtempSync(join(tmpdir(), 'iwb-crash-'));
const started: number[] = [];
afterAll(() => {
  // A failing run must not leave a computing engine behind on a shared machine.
  for (const pid of started) if (isRunning(pid)) process.kill(pid, 'SIGKILL');
  rmSync(folder, { recursive: true, force: true });
});

const LONG_QUERY = 'select count(*) from range(1e13::bigint) t(i) where hash(i) % 7 = 3';

function iwb(args: string[], workspace: string): { child: ChildProcess; done: Promise<{ code: number | null; stdout: string; stderr: string }> } {
  const child = spawn(process.execPath, [join(root, 'bin/iwb.cjs'), ...args, '--workspace', workspace], {
    cwd: root,
    env: { ...process.env, IWB_BUNDLED_DATASETS: 'off', XDG_DATA_HOME: join(folder, 'user-data') },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  started.push(child.pid!);
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (part: Buffer) => (stdout += part.toString()));
  child.stderr!.on('data', (part: Buffer) => (stderr += part.toString()));
  const done = new Promise<{ code: number | null; stdout: string; stderr: string }>((resolveDone) =>
    child.on('close', (code) => resolveDone({ code, stdout, stderr })),
  );
  return { child, done };
}

describe.skipIf(!canObserveProcesses)('after a crash or Ctrl+C', () => {
  it('the engine exits when the host is killed during a long query, and the workspace reopens within seconds', async () => {
    const workspace = join(folder, 'killed-host');
    expect((await iwb(['query', 'create table kept as select 42 as answer'], workspace).done).code).toBe(0);
    const host = iwb(['query', LONG_QUERY], workspace);
    const engine = await busyEngine(host.child.pid!, 150, started);
    host.child.kill('SIGKILL');
    await host.done;
    // The orphaned engine notices and leaves, releasing the workspace lock.
    await waitFor('the orphaned engine to exit', () => !isRunning(engine), 10_000);
    const reopened = await waitFor(
      'the workspace to reopen',
      async () => {
        const attempt = await iwb(['query', 'select answer from kept', '--format', 'csv'], workspace).done;
        return attempt.code === 0 ? attempt : null;
      },
      15_000,
      200,
    );
    expect(reopened.stdout).toBe('answer\n42\n');
  });

  it.each([
    ['query', () => ['query', LONG_QUERY]],
    [
      'run',
      () => {
        const notebook = join(folder, 'long.iwb.md');
        writeFileSync(notebook, `---\niwb-notebook: 1\ntitle: long\n---\n\n\`\`\`sql\n${LONG_QUERY}\n\`\`\`\n`);
        return ['run', notebook, '--out', join(folder, 'long-out'), '--images', 'none'];
      },
    ],
  ])('Ctrl+C stops iwb %s: the engine work ends and the exit code is 3', async (name, args) => {
    const workspace = join(folder, `interrupted-${name}`);
    const cli = iwb(args(), workspace);
    const engine = await busyEngine(cli.child.pid!, 150, started);
    cli.child.kill('SIGINT');
    const outcome = await cli.done;
    expect(outcome.code).toBe(3);
    expect(outcome.stderr).toContain('已取消');
    expect(outcome.stderr).not.toMatch(/\n\s+at /);
    await waitFor('the engine to stop', () => !isRunning(engine), 10_000);
  });
});
