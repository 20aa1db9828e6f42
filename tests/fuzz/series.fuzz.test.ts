import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { cliRunner } from '../support/cliRunner';
import { expectCleanExit, fuzzParameters, hostileText, InputCounter } from './fuzzSupport';
import { seriesCorpus } from './regressionCorpus';

process.env.IWB_BUNDLED_DATASETS = 'off';
const folder = mkdtempSync(join(tmpdir(), 'iwb-fuzz-series-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));
const cli = cliRunner(join(folder, 'workspace'));
const counter = new InputCounter();

const value = fc.oneof(
  fc.double({ noNaN: false }),
  fc.double({ min: -1e3, max: 1e3, noNaN: true }),
  fc.double({ min: 0, max: 100, noNaN: true }),
  fc.constantFrom(0, 100, 1e-300, 1e308, -1, 99.9999999),
  fc.integer({ min: -5, max: 1_000_000 }),
);
const year = fc.oneof(fc.integer({ min: 2000, max: 2030 }), fc.constantFrom(-1, 0, 1e9, 2023.5));
const row = fc.oneof(
  { weight: 8, arbitrary: fc.tuple(year, value).map(([y, v]) => `${y},${v}`) },
  { weight: 1, arbitrary: hostileText(4) },
);
const seriesText = fc
  .tuple(fc.constantFrom('year,value\n', '\uFEFFyear,value\r\n', '', '年份,数值\n'), fc.array(row, { maxLength: 12 }), fc.constantFrom('\n', '\r\n'))
  .map(([header, rows, end]) => header + rows.join(end) + end);
const method = fc.constantFrom('cagr', 'growth', 'linear', 'holt', 'damped', 'logistic');
const options = fc.record(
  {
    rate: fc.constantFrom('0.05', '-2', 'x', '1e9'),
    years: fc.constantFrom('3', '0', '-1', '100'),
    alpha: fc.constantFrom('0.5', '2', '0'),
    phi: fc.constantFrom('0.9', '1.5'),
    capacity: fc.constantFrom('100', '0', '1e-9', '50'),
    to: fc.constantFrom('2030', '2024', '1999', '3000'),
    target: fc.constantFrom('150', '-1', '1e300'),
    simulate: fc.constantFrom('50', '0', '10001'),
    init: fc.constantFrom('simple', 'fitted', 'bogus'),
  },
  { requiredKeys: [] },
);

async function forecast(text: string, args: string[]): Promise<void> {
  counter.add();
  const path = join(folder, 'series.csv');
  writeFileSync(path, text);
  const outcome = await cli('forecast', '--series', path, ...args);
  expectCleanExit(outcome, `iwb forecast ${args.join(' ')} on ${JSON.stringify(text.slice(0, 200))}`);
}

describe('series fuzz: iwb forecast --series never fails internally', () => {
  it.each(seriesCorpus)('regression: $name ($origin)', async (entry) => {
    await forecast(entry.text, entry.args);
  });

  it('generated series, methods and options', async () => {
    await fc.assert(
      fc.asyncProperty(seriesText, method, options, (text, chosen, given) =>
        forecast(text, ['--method', chosen, ...Object.entries(given).flatMap(([key, setting]) => [`--${key}`, setting])]),
      ),
      fuzzParameters(400),
    );
  });

  it('tried at least 400 series', () => {
    expect(counter.count).toBeGreaterThanOrEqual(400 * Number(process.env.IWB_FUZZ_SCALE ?? 1));
  });
});
