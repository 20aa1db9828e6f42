import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cliRunner } from '../../../tests/support/cliRunner';

const scratch = mkdtempSync(join(tmpdir(), 'iwb-gen-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const cli = cliRunner();

describe('iwb gen-sample', () => {
  it('writes the same labelled synthetic CSV for the same seed', async () => {
    const first = await cli('gen-sample', '--rows', '12', '--seed', '3');
    expect(first.code).toBe(0);
    const lines = first.stdout.trimEnd().split('\n');
    expect(lines[0]).toBe('synthetic,enterprise,town,industry,year,revenue,rd_expenditure,is_hightech');
    expect(lines).toHaveLength(13);
    expect(lines.slice(1).every((line) => line.startsWith('true,SYN-'))).toBe(true);
    expect((await cli('gen-sample', '--rows', '12', '--seed', '3')).stdout).toBe(first.stdout);
    expect((await cli('gen-sample', '--rows', '12', '--seed', '4')).stdout).not.toBe(first.stdout);
  });

  it('writes a file with --out through a temporary file, replacing an older one', async () => {
    const out = join(scratch, 'synthetic-panel.csv');
    const written = await cli('gen-sample', '--rows', '20000', '--out', out);
    expect(written.code).toBe(0);
    expect(written.stderr).toContain('Wrote 20,000 SYNTHETIC rows');
    expect(readFileSync(out, 'utf8').trimEnd().split('\n')).toHaveLength(20001);
    const again = await cli('gen-sample', '--rows', '5', '--out', out);
    expect(again.code).toBe(0);
    expect(readFileSync(out, 'utf8').trimEnd().split('\n')).toHaveLength(6);
  });

  it('rejects bad flags with exit code 2', async () => {
    const missing = await cli('gen-sample');
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('--rows N is required');
    expect((await cli('gen-sample', '--rows', '1.5')).stderr).toContain('--rows must be a whole number from 1 to 100,000,000 (got "1.5")');
    expect((await cli('gen-sample', '--rows', '3', '--seed', '-1')).code).toBe(2);
  });
});
