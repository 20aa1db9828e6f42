import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

/**
 * `node --import tsx scripts/bench/xlsxMemoryProbe.ts FILE`: runs the built
 * `iwb import FILE` (out/main, as the app ships it: the workbook thread runs
 * plain JavaScript) in this fresh process and prints, as JSON, its time and
 * the process's peak resident memory (the main side and the workbook
 * thread; DuckDB runs in the engine process). Run by xlsxBench so that
 * nothing measured before adds to the peak.
 *
 * The peak is the process's own high-water mark, `VmHWM` in
 * /proc/self/status, which starts afresh at exec; `maxRSS` only where there
 * is no /proc. On Linux `maxRSS` carries the parent's resident size across
 * fork and exec: a probe spawned by the large bench process read 357 MB
 * "before the import" where it had 75 MB.
 */
function peakRssMb(): number {
  try {
    const kb = /^VmHWM:\s+(\d+) kB$/m.exec(readFileSync('/proc/self/status', 'utf8'))?.[1];
    if (kb) return Number(kb) / 1024;
  } catch {
    // not Linux: maxRSS below
  }
  return process.resourceUsage().maxRSS / 1024;
}
const path = process.argv[2];
if (!path) throw new Error('usage: xlsxMemoryProbe FILE');
const folder = mkdtempSync(join(tmpdir(), 'iwb-xlsx-probe-'));
const startRssMb = peakRssMb();
const started = performance.now();
process.argv = [process.argv[0]!, 'iwb', 'import', path, '--table', 'probe', '--workspace', join(folder, 'ws')];
process.on('exit', (code) => {
  rmSync(folder, { recursive: true, force: true });
  process.stdout.write(`\n${JSON.stringify({ code, ms: performance.now() - started, startRssMb, peakRssMb: peakRssMb() })}\n`);
});
(require(resolve(__dirname, '../../out/main/iwb.js')) as { main: () => void }).main();
