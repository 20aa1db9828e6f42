import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cliRunner } from '../../tests/support/cliRunner';
import { csvCorpus } from '../../tests/fuzz/regressionCorpus';

process.env.IWB_BUNDLED_DATASETS = 'off';
const folder = mkdtempSync(join(tmpdir(), 'iwb-import-hardening-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));
const cli = cliRunner(join(folder, 'workspace'));

function corpusFile(name: string): string {
  const entry = csvCorpus.find((candidate) => candidate.fileName === name)!;
  const path = join(folder, entry.fileName);
  writeFileSync(path, entry.text());
  return path;
}

describe('CSV files that used to fail without saying why', () => {
  it('names the line where a file mixing LF and CRLF changes its line ending', async () => {
    const outcome = await cli('import', corpusFile('mixed.csv'));
    expect(outcome.code).toBe(1);
    expect(outcome.stderr).toContain('mixed.csv');
    expect(outcome.stderr).toContain('The file mixes line endings: its lines end with LF, but line 2 ends with CRLF.');
  });

  it('says a 50,000-column file is too wide instead of "the file has no rows"', async () => {
    const outcome = await cli('import', corpusFile('wide.csv'));
    expect(outcome.code).toBe(1);
    expect(outcome.stderr).not.toContain('no rows');
    expect(outcome.stderr).toMatch(/^Error: wide\.csv: the first record does not end within its first 262144 bytes \(\d+ fields or more, or a quote that is never closed\)/);
  });
});
