import { writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { parseArgs } from 'node:util';
import { meetsGoal, type BenchFigures } from './bench/benchFigures';
import { importBench } from './bench/importBench';
import { boardBench } from './bench/boardBench';
import { calibrationBench } from './bench/calibrationBench';
import { chartBench } from './bench/chartBench';
import { projectionBench } from './bench/projectionBench';
import { queryBench } from './bench/queryBench';
import { startupBench } from './bench/startupBench';
import { wholeResultBench } from './bench/wholeResultBench';

/**
 * `npm run bench [-- --json FILE] [-- --only NAME]`: every figure is a ratio
 * or a time measured side by side in this run; nothing here is asserted in
 * tests, because these machines are noisy.
 */
const suites: Record<string, (log: (line: string) => void) => Promise<BenchFigures>> = {
  query: queryBench,
  whole: wholeResultBench,
  projection: async () => projectionBench(),
  board: boardBench,
  import: importBench,
  startup: startupBench,
  chart: chartBench,
  calibration: calibrationBench,
};

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { json: { type: 'string' }, only: { type: 'string', multiple: true } }, strict: true });
  const selected = values.only?.length ? values.only : Object.keys(suites);
  const unknown = selected.filter((name) => !(name in suites));
  if (unknown.length > 0) throw new Error(`Unknown suite(s): ${unknown.join(', ')}. Known: ${Object.keys(suites).join(', ')}`);
  const machine = `${cpus()[0]?.model ?? 'unknown CPU'} × ${cpus().length}, ${(totalmem() / 1024 ** 3).toFixed(0)} GiB, Node ${process.version}, ${process.platform}`;
  console.log(`Machine: ${machine}\n`);
  const figures: BenchFigures = {};
  for (const name of selected) {
    console.log(`== ${name}`);
    Object.assign(figures, await suites[name]!((line) => console.log(`   ${line}`)));
  }
  const rows = Object.entries(figures).map(([name, figure]) => [
    name,
    figure.value.toFixed(figure.value < 10 ? 2 : 0),
    `${figure.better === 'lower' ? '≤' : '≥'} ${figure.goal}`,
    figure.unit,
    meetsGoal(figure) ? 'met' : 'MISSED',
  ]);
  const header = ['figure', 'value', 'goal', 'unit', ''];
  const widths = header.map((title, index) => Math.max(title.length, ...rows.map((row) => row[index]!.length)));
  const line = (cells: string[]) => cells.map((cell, index) => (index === 1 ? cell.padStart(widths[index]!) : cell.padEnd(widths[index]!))).join('  ');
  console.log(`\n${line(header)}\n${widths.map((width) => '-'.repeat(width)).join('  ')}`);
  for (const row of rows) console.log(line(row));
  console.log('');
  for (const [name, figure] of Object.entries(figures)) if (figure.note) console.log(`${name}: ${figure.note}`);
  if (values.json) {
    const json = Object.fromEntries(Object.entries(figures).map(([name, { value, goal, better, unit }]) => [name, { value, goal, better, unit }]));
    writeFileSync(values.json, JSON.stringify(json, null, 2) + '\n');
    console.log(`\nWrote ${values.json}`);
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
