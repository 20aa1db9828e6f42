import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkNotebook } from '@shared/domain/notebook/notebookCheck';
import { parseNotebook, serializeNotebook } from '@shared/domain/notebook/notebookText';

const folder = join(__dirname, '../../queries');
const samples = readdirSync(folder).filter((name) => name.endsWith('.iwb.md'));

describe('sample notebooks in queries/', () => {
  it('cover the overview and every 2024 target', () => {
    expect(samples).toHaveLength(8);
    const targets = samples.flatMap((name) => [...readFileSync(join(folder, name), 'utf8').matchAll(/^target: (\S+)$/gm)].map((match) => match[1]));
    expect(new Set(targets)).toEqual(
      new Set([
        't2024_hightech_enterprises',
        't2024_industrial_rd_expenditure',
        't2024_rd_gdp_ratio',
        't2024_new_provincial_tech_smes',
        't2024_new_ningbo_rd_institutions',
        't2024_rd_institution_coverage',
        't2024_rd_activity_coverage',
        't2024_innovation_clusters',
      ]),
    );
  });

  it.each(samples)('%s reads and writes back byte for byte, in canonical form, without problems', (name) => {
    const text = readFileSync(join(folder, name), 'utf8');
    const parsed = parseNotebook(text);
    expect(serializeNotebook(parsed.document, text)).toBe(text);
    expect(serializeNotebook(parsed.document)).toBe(text);
    expect(checkNotebook(parsed)).toEqual([]);
    expect(parsed.document.cells.some((cell) => cell.kind === 'raw')).toBe(false);
  });
});
