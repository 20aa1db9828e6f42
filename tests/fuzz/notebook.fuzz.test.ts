import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { cliRunner } from '../support/cliRunner';
import { expectCleanExit, fuzzParameters, hostileText, InputCounter } from './fuzzSupport';
import { notebookCorpus } from './regressionCorpus';

const folder = mkdtempSync(join(tmpdir(), 'iwb-fuzz-nb-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));
const cli = cliRunner();
const counter = new InputCounter();

const VALID = [
  '---',
  'iwb-notebook: 1',
  'title: 研发投入',
  '---',
  '',
  '# 标题',
  '',
  '```parameter 年份',
  'control: slider',
  'value: 2023',
  'min: 2019',
  'max: 2025',
  '```',
  '',
  '```sql 序列',
  "select year, value from observations where year <= getvariable('年份')",
  '```',
  '',
  '```chart 图',
  'kind: line',
  'source: 序列',
  'x: year',
  'y: ["value"]',
  '```',
  '',
  '```target t1',
  'target: rd_gdp_ratio',
  'method: holt',
  '```',
  '',
].join('\n');

/** A valid notebook with random edits: pieces inserted, lines dropped or repeated, bytes flipped. */
const mutatedNotebook = fc
  .tuple(
    fc.array(fc.tuple(fc.nat(), hostileText(6)), { maxLength: 6 }),
    fc.array(fc.nat(), { maxLength: 4 }),
    fc.array(fc.nat(), { maxLength: 3 }),
  )
  .map(([insertions, drops, repeats]) => {
    const lines = VALID.split('\n');
    for (const at of drops) lines.splice(at % lines.length, 1);
    for (const at of repeats) lines.splice(at % lines.length, 0, ...lines.slice(at % lines.length, (at % lines.length) + 4));
    let text = lines.join('\n');
    for (const [at, piece] of insertions) {
      const position = at % (text.length + 1);
      text = text.slice(0, position) + piece + text.slice(position);
    }
    return text;
  });

async function check(name: string, content: string | Uint8Array): Promise<void> {
  counter.add();
  const path = join(folder, name);
  writeFileSync(path, content);
  const outcome = await cli('check', path);
  expectCleanExit(outcome, `iwb check ${name}`);
  expect(outcome.code === 0 ? outcome.stdout : outcome.stdout + outcome.stderr, name).not.toBe('');
}

describe('notebook fuzz: iwb check never fails internally', () => {
  it.each(notebookCorpus)('regression: $name ($origin)', async (entry) => {
    await check(entry.fileName, entry.text());
  });

  it('mutated notebooks', async () => {
    await fc.assert(fc.asyncProperty(mutatedNotebook, (text) => check('mutated.iwb.md', text)), fuzzParameters(450));
  });

  it('arbitrary bytes after a notebook header', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 400 }), (bytes) => check('bytes.iwb.md', new Uint8Array([...new TextEncoder().encode('---\niwb-notebook: 1\n---\n'), ...bytes]))),
      fuzzParameters(150),
    );
  });

  it('tried at least 600 notebooks', () => {
    expect(counter.count).toBeGreaterThanOrEqual(600 * Number(process.env.IWB_FUZZ_SCALE ?? 1));
  });
});
