import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ImportId, ImportPreview } from '../../src-shared/contract/workbenchContract';
import { WorkbenchError } from '../../src-shared/contract/WorkbenchError';
import { Importer } from '../../src-main/import/Importer';
import { ImportSources } from '../../src-main/import/importSources';
import { createWorkbench, type Workbench } from '../../src-main/services/createWorkbench';
import { resolveWorkspace } from '../../src-main/workspace/workspaceLocation';
import { fixtureSheetXml, writeFixtureXlsx, type FixtureCell } from '../fixtures/xlsxWriter';
import { writeRegressionWorkbooks } from './xlsxRegressions';

/**
 * Seeded fuzzing of .xlsx import (issue 18): generated sheets, mutated
 * sheet XML and mutated ZIP bytes, each previewed (and every fifth one that
 * previews, imported) through the workbook thread. Every input must give a
 * correct table or a user error naming the file: never an internal error,
 * a JavaScript runtime error passed off as a damaged file, or a hang.
 */
const SEED = 20_261_203;
const folder = mkdtempSync(join(tmpdir(), 'iwb-xlsx-fuzz-'));
let workbench: Workbench;
let sources: ImportSources;
let importer: Importer;
let counter = 0;

beforeAll(async () => {
  mkdirSync(join(folder, 'in'), { recursive: true });
  workbench = await createWorkbench({ workspace: resolveWorkspace(join(folder, 'ws')), host: 'browser' });
  sources = new ImportSources();
  importer = new Importer(workbench.engine, sources, undefined, { memoryMb: 256, timeoutMs: 15_000 });
});
afterAll(async () => {
  await sources?.disposeAll();
  workbench?.dispose();
  rmSync(folder, { recursive: true, force: true });
});

const RUNTIME_ERROR = /\b(TypeError|RangeError|ReferenceError|SyntaxError)\b|Maximum call stack/;

interface Outcome {
  preview: ImportPreview | null;
  error: WorkbenchError | null;
}

/** Previews a file, and imports it when asked; checks that whatever happens is a table or a clean user error. */
async function attempt(path: string, fileName: string, importToo: boolean): Promise<Outcome> {
  const { sourceId } = await sources.registerPath(path);
  try {
    const preview = await importer.preview(sourceId, {});
    if (importToo) {
      counter += 1;
      try {
        const outcome = await importer.run({ importId: `fuzz_${counter}` as ImportId, sourceId, table: `fuzz_${counter}`, mode: 'create', settings: {}, unpivot: null }, () => undefined);
        expect(outcome.rowCount).toBe(preview.rowCount);
      } catch (error) {
        return { preview, error: checkedError(error, fileName) };
      }
    }
    return { preview, error: null };
  } catch (error) {
    return { preview: null, error: checkedError(error, fileName) };
  } finally {
    await sources.discard(sourceId);
  }
}

function checkedError(error: unknown, fileName: string): WorkbenchError {
  if (!(error instanceof WorkbenchError)) throw new Error(`${fileName}: not a workbench error: ${String(error)}`);
  if (error.kind !== 'user') throw new Error(`${fileName}: ${error.kind} error: ${error.message}\n${error.detail ?? ''}`);
  expect(error.message).toContain(fileName);
  if (RUNTIME_ERROR.test(`${error.message} ${error.detail ?? ''}`)) throw new Error(`${fileName}: a runtime error passed off as the file's: ${error.message}\n${error.detail ?? ''}`);
  return error;
}

const codes = new Map<string, number>();
function tally(outcome: Outcome): void {
  const key = outcome.error ? (outcome.error.code ?? 'user') : 'imported';
  codes.set(key, (codes.get(key) ?? 0) + 1);
}

const cellValue = fc.oneof(
  { weight: 3, arbitrary: fc.constant(null) },
  { weight: 3, arbitrary: fc.double({ noNaN: true, noDefaultInfinity: true }) },
  { weight: 2, arbitrary: fc.integer() },
  { weight: 3, arbitrary: fc.string({ unit: 'grapheme', maxLength: 12 }) },
  { weight: 1, arbitrary: fc.constantFrom('１２３', '1,234.5', '6.4%', '—', '2024-01-05', 'TRUE', ' ', '\u0000', '_x0000_', '&amp;', '<v>') },
  { weight: 1, arbitrary: fc.boolean() },
);

const generatedSheet = fc.record({
  rows: fc.array(fc.array(cellValue, { minLength: 0, maxLength: 7 }), { minLength: 0, maxLength: 40 }),
  strings: fc.constantFrom('inline' as const, 'shared' as const),
  dimension: fc.constantFrom(undefined, 'A1:B6', 'A1', 'XFD1048576', 'junk'),
});

const TOKENS = ['<', '>', '"', "'", '&', '&#0;', '&#xFFFFFF;', '<c r="ZZZ9">', '<c r="A1048577">', '<row r="-1">', '<row r="0">', '<c t="s"><v>9999</v></c>', '<v>1e999</v>', '<v>NaN</v>', '<!--', '<![CDATA[', ']]>', '<?pi', '</sheetData>', '<sheetData>', '</row>', '</c>', '<mergeCell ref="B2:A1"/>', '<mergeCell ref="A1:XFD1048576"/>', '<x:c r="B2"><x:v>7</x:v></x:c>', '\u0000', '\uFFFF', '_x0000_', '<c r="B2" t="d"><v>not a date</v></c>', '<c r="C3" t="b"><v>2</v></c>', '<c r="D4" s="999"><v>1</v></c>'];

const xmlMutation = fc.array(
  fc.record({
    kind: fc.constantFrom('delete' as const, 'insert' as const, 'duplicate' as const),
    at: fc.double({ min: 0, max: 1, noNaN: true }),
    length: fc.integer({ min: 1, max: 200 }),
    token: fc.constantFrom(...TOKENS),
  }),
  { minLength: 1, maxLength: 4 },
);

function mutate(text: string, operations: { kind: 'delete' | 'insert' | 'duplicate'; at: number; length: number; token: string }[]): string {
  let result = text;
  for (const operation of operations) {
    const at = Math.floor(operation.at * result.length);
    if (operation.kind === 'delete') result = result.slice(0, at) + result.slice(at + operation.length);
    else if (operation.kind === 'insert') result = result.slice(0, at) + operation.token + result.slice(at);
    else result = result.slice(0, at) + result.slice(at, at + operation.length).repeat(2) + result.slice(at + operation.length);
  }
  return result;
}

/** A place in the file, spread evenly (fast-check's doubles favour 0, which would cut most files to nothing). */
const position = fc.integer({ min: 1, max: 9_999 }).map((tenThousandths) => tenThousandths / 10_000);
const byteMutation = fc.oneof(
  fc.record({ kind: fc.constant('flip' as const), positions: fc.array(position, { minLength: 1, maxLength: 8 }), value: fc.integer({ min: 0, max: 255 }) }),
  fc.record({ kind: fc.constant('truncate' as const), positions: fc.tuple(position), value: fc.constant(0) }),
  fc.record({ kind: fc.constant('splice' as const), positions: fc.tuple(position), value: fc.integer({ min: 1, max: 64 }) }),
);

function baseRows(): FixtureCell[][] {
  return [['指标', '2021年', '2022年'], ['研发投入', 1.5, '2,000'], ['专利', 12, '—'], ['企业', '１２', 3.25]];
}

describe('xlsx fuzzing', () => {
  it('gives each regression workbook a correct table or a clean message', async () => {
    for (const regression of writeRegressionWorkbooks(join(folder, 'in'))) {
      const fileName = regression.path.split('/').pop()!;
      const outcome = await attempt(regression.path, fileName, true);
      tally(outcome);
      if (regression.rows !== undefined) {
        expect(outcome.error, `${fileName} (${regression.guards}): ${outcome.error?.message}`).toBeNull();
        expect(outcome.preview?.gridRowsTotal, `${fileName} (${regression.guards})`).toBe(regression.rows);
      } else {
        expect(outcome.error, `${fileName} (${regression.guards})`).not.toBeNull();
      }
    }
  }, 60_000);

  it('reads 140 generated sheets exactly: as many rows as the cells present span, whatever <dimension> says', async () => {
    const sheets = fc.sample(generatedSheet, { seed: SEED, numRuns: 140 });
    for (const [index, sheet] of sheets.entries()) {
      const fileName = `generated-${index}.xlsx`;
      const path = writeFixtureXlsx(join(folder, 'in', fileName), [{ name: 'S', rows: sheet.rows, strings: sheet.strings, ...(sheet.dimension ? { dimension: sheet.dimension } : {}) }]);
      const outcome = await attempt(path, fileName, index % 5 === 0);
      tally(outcome);
      const valued = sheet.rows.map((row, rowIndex) => (row.some((value) => value !== null) ? rowIndex : -1)).filter((rowIndex) => rowIndex >= 0);
      if (outcome.preview) {
        expect(outcome.preview.sheets[0]!.rows, fileName).toBe(valued.length === 0 ? 0 : valued[valued.length - 1]! - valued[0]! + 1);
      } else {
        // Only an empty sheet, or one whose cells are all blank, has no table.
        expect(outcome.error!.code, `${fileName}: ${outcome.error!.message}`).toMatch(/^import-(empty-workbook|empty-sheet)$/);
      }
    }
  }, 120_000);

  it('gives 160 workbooks with mutated sheet XML a table or a clean message', async () => {
    const base = fixtureSheetXml({ name: 'S', rows: baseRows(), merges: ['A1:A2'] });
    const mutations = fc.sample(xmlMutation, { seed: SEED + 1, numRuns: 160 });
    for (const [index, operations] of mutations.entries()) {
      const fileName = `xml-${index}.xlsx`;
      const path = writeFixtureXlsx(join(folder, 'in', fileName), [{ name: 'S', rows: [], xml: mutate(base, operations) }]);
      tally(await attempt(path, fileName, index % 5 === 0));
    }
  }, 120_000);

  it('gives 120 workbooks with mutated ZIP bytes a table or a clean message', async () => {
    const basePath = writeFixtureXlsx(join(folder, 'in', 'base.xlsx'), [{ name: 'S', rows: baseRows() }]);
    const base = readFileSync(basePath);
    const mutations = fc.sample(byteMutation, { seed: SEED + 2, numRuns: 120 });
    for (const [index, mutation] of mutations.entries()) {
      let bytes = Buffer.from(base);
      const at = (fraction: number): number => Math.floor(fraction * bytes.length);
      if (mutation.kind === 'flip') for (const position of mutation.positions) bytes[at(position)] = mutation.value;
      else if (mutation.kind === 'truncate') bytes = bytes.subarray(0, at(mutation.positions[0]));
      else bytes = Buffer.concat([bytes.subarray(0, at(mutation.positions[0])), Buffer.alloc(mutation.value, 0x41), bytes.subarray(at(mutation.positions[0]))]);
      const fileName = `bytes-${index}.xlsx`;
      const path = join(folder, 'in', fileName);
      writeFileSync(path, bytes);
      tally(await attempt(path, fileName, index % 5 === 0));
    }
    const total = [...codes.values()].reduce((sum, count) => sum + count, 0);
    expect(total).toBeGreaterThanOrEqual(400);
    console.log(`xlsx fuzz: ${total} inputs: ${[...codes].map(([code, count]) => `${code} ${count}`).join(', ')}`);
  }, 120_000);
});
