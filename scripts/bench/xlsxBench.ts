import { spawnSync } from 'node:child_process';
import { readFileSync, statSync } from 'node:fs';
import * as XLSX from '@e965/xlsx';
import { readXlsx } from '../../src-main/import/xlsx/xlsxReader';
import { join } from 'node:path';
import type { ImportOutcome, ImportSourceId } from '../../src-shared/contract/workbenchContract';
import { writeFixtureXlsx, type FixtureCell } from '../../tests/fixtures/xlsxWriter';
import { timed, type BenchFigures } from './benchFigures';

function* numericRows(rows: number, columns: number): Generator<FixtureCell[]> {
  yield Array.from({ length: columns }, (_, column) => `列${column + 1}`);
  for (let row = 0; row < rows; row++) yield Array.from({ length: columns }, (_, column) => row * columns + column + 0.5);
}

function* millionRows(rows: number): Generator<FixtureCell[]> {
  yield ['编号', '企业', '营业收入'];
  for (let row = 0; row < rows; row++) yield [row + 1, `企业${row % 5000}`, Math.round(row * 37) / 100];
}

/**
 * .xlsx import figures: a 100,000 × 20 numeric sheet (time from Import to
 * committed), and a 1,000,000-row × 3-column sheet with a stale
 * `<dimension ref="A1:C6">` (imported by the built `iwb import` in a fresh
 * process, xlsxMemoryProbe: its peak resident memory, and that every row
 * arrived).
 */
export async function xlsxBench(
  folder: string,
  run: (sourceId: ImportSourceId, table: string) => Promise<ImportOutcome>,
  fromPath: (path: string) => Promise<ImportSourceId>,
  log: (line: string) => void,
): Promise<BenchFigures> {
  const wide = join(folder, 'bench-100k.xlsx');
  log('writing a 100,000 × 20 .xlsx…');
  writeFixtureXlsx(wide, [{ name: 'data', rows: numericRows(100_000, 20) }]);
  const times: number[] = [];
  for (let round = 0; round < 2; round++) {
    const imported = await timed(async () => run(await fromPath(wide), 'bench_xlsx'));
    if (imported.value.rowCount !== 100_000) throw new Error(`the 100,000-row sheet imported ${imported.value.rowCount} rows`);
    times.push(imported.ms);
  }
  log(`.xlsx 100,000 × 20 (${(statSync(wide).size / 1024 / 1024).toFixed(1)} MB): ${times.map((ms) => `${(ms / 1000).toFixed(2)} s`).join(', ')}`);
  // The reader alone, side by side with the one it replaced (SheetJS, as the importer called it), alternating.
  const streamed: number[] = [];
  const sheetJs: number[] = [];
  for (let round = 0; round < 2; round++) {
    streamed.push((await timed(() => readXlsx(wide))).ms);
    sheetJs.push((await timed(async () => XLSX.read(readFileSync(wide), { type: 'buffer', cellDates: true, dense: true, cellText: false, cellHTML: false, cellNF: true, cellStyles: false }))).ms);
  }
  log(`reader alone: streamed ${streamed.map((ms) => `${ms.toFixed(0)} ms`).join(', ')}; SheetJS ${sheetJs.map((ms) => `${ms.toFixed(0)} ms`).join(', ')}`);

  const tall = join(folder, 'bench-1m.xlsx');
  log('writing a 1,000,000 × 3 .xlsx with a stale <dimension>…');
  writeFixtureXlsx(tall, [{ name: 'data', rows: millionRows(1_000_000), dimension: 'A1:C6' }]);
  // In a fresh process, so that nothing measured before adds to the peak.
  const probe = spawnSync(process.execPath, ['--import', 'tsx', join(__dirname, 'xlsxMemoryProbe.ts'), tall], { encoding: 'utf8', maxBuffer: 1 << 20 });
  if (probe.status !== 0) throw new Error(`the memory probe failed: ${probe.stderr}`);
  const million = JSON.parse(probe.stdout.trim().split('\n').pop()!) as { code: number; ms: number; startRssMb: number; peakRssMb: number };
  const rowCount = Number(/Imported (\d+) rows/.exec(probe.stdout)?.[1] ?? 0);
  if (million.code !== 0 || rowCount !== 1_000_000) throw new Error(`the 1,000,000-row sheet imported ${rowCount} rows: ${probe.stdout}${probe.stderr}`);
  log(
    `.xlsx 1,000,000 × 3 (${(statSync(tall).size / 1024 / 1024).toFixed(1)} MB), fresh process: ${(million.ms / 1000).toFixed(2)} s, ${rowCount.toLocaleString('en-US')} rows, peak RSS ${million.peakRssMb.toFixed(0)} MB (${million.startRssMb.toFixed(0)} MB before the import)`,
  );
  return {
    'import.xlsx100kx20': { value: Math.min(...times) / 1000, goal: 5, better: 'lower', unit: 's', note: '100,000 rows × 20 numeric columns, streamed reader on the workbook thread; faster of two imports' },
    'import.xlsxReaderVsSheetJs': {
      value: Math.min(...streamed) / Math.min(...sheetJs),
      goal: 1,
      better: 'lower',
      unit: 'ratio',
      note: 'reading the 100,000 × 20 sheet into cells, streamed reader against SheetJS (the previous reader) in this process, faster of two each, alternating',
    },
    'import.xlsx1mPeakRss': {
      value: million.peakRssMb,
      goal: 500,
      better: 'lower',
      unit: 'MB',
      note: `1,000,000 rows × 3 columns with a stale <dimension>, imported by the built \`iwb import\` in a fresh process: its peak resident memory (main side and workbook thread; DuckDB is the engine process), ${million.startRssMb.toFixed(0)} MB before the import`,
    },
    'import.xlsx1mSeconds': { value: million.ms / 1000, goal: 30, better: 'lower', unit: 's', note: '1,000,000 rows × 3 columns, all rows imported' },
  };
}
