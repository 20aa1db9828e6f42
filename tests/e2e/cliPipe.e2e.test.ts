import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const workspace = mkdtempSync(join(tmpdir(), 'iwb-pipe-'));
afterAll(() => rmSync(workspace, { recursive: true, force: true }));

describe('iwb on a pipe', () => {
  it('stops quietly when the reader closes the pipe early (iwb query | head)', async () => {
    const child = spawn(process.execPath, [join(root, 'bin/iwb.cjs'), 'query', 'select range from range(200000)', '--format', 'csv', '--workspace', workspace], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    // Read the first chunk, then close our end, as `head -1` does.
    const first = await new Promise<string>((done) => child.stdout.once('data', (chunk: Buffer) => done(chunk.toString())));
    child.stdout.destroy();
    const code = await new Promise<number | null>((done) => child.on('close', done));
    expect(first.startsWith('range\n0\n')).toBe(true);
    expect(stderr).not.toMatch(/EPIPE|Unhandled|Error/);
    expect(code).toBe(0);
  });
});
