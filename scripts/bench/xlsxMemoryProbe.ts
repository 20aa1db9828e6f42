import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

/**
 * `node --import tsx scripts/bench/xlsxMemoryProbe.ts FILE`: runs the built
 * `iwb import FILE` (out/main, as the app ships it: the workbook thread runs
 * plain JavaScript) in this fresh process and prints, as JSON, its time and
 * the process's peak resident memory (`maxRSS`: the main side and the
 * workbook thread; DuckDB runs in the engine process). Run by xlsxBench so
 * that nothing measured before adds to the peak.
 */
const path = process.argv[2];
if (!path) throw new Error('usage: xlsxMemoryProbe FILE');
const folder = mkdtempSync(join(tmpdir(), 'iwb-xlsx-probe-'));
const startRssMb = process.resourceUsage().maxRSS / 1024;
const started = performance.now();
process.argv = [process.argv[0]!, 'iwb', 'import', path, '--table', 'probe', '--workspace', join(folder, 'ws')];
process.on('exit', (code) => {
  rmSync(folder, { recursive: true, force: true });
  process.stdout.write(`\n${JSON.stringify({ code, ms: performance.now() - started, startRssMb, peakRssMb: process.resourceUsage().maxRSS / 1024 })}\n`);
});
(require(resolve(__dirname, '../../out/main/iwb.js')) as { main: () => void }).main();
