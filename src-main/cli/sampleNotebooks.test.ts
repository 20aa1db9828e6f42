import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { cliRunner } from '../../tests/support/cliRunner';

// The sample notebooks on the real bundled datasets (notebookCommands.test.ts runs them on multi-year stand-ins).
const root = mkdtempSync(join(tmpdir(), 'iwb-samples-'));
const samples = resolve(__dirname, '../../queries');
vi.stubEnv('XDG_DATA_HOME', join(root, 'user-data'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const cli = cliRunner(join(root, 'workspace'));

describe('the sample notebooks on the bundled datasets', () => {
  const files = readdirSync(samples).filter((name) => name.endsWith('.iwb.md'));
  it('are all there', () => expect(files.length).toBeGreaterThanOrEqual(8));
  it.each(files)('%s runs cleanly', async (name) => {
    const out = join(root, 'out', name);
    const { code, stderr, stdout } = await cli('run', join(samples, name), '--out', out, '--images', 'none');
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(stdout).toContain('Done:');
    expect(readdirSync(out).some((file) => file.endsWith('.csv'))).toBe(true);
  });
});
