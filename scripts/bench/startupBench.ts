import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../../tests/e2e/browserHarness';
import { median, type BenchFigures } from './benchFigures';

/** One `iwb serve` start: until the address is printed, then until the target board (the start page) has painted its first target row. */
async function startOnce(workspace: string, browser: Browser): Promise<{ addressMs: number; boardMs: number }> {
  const started = performance.now();
  const server = spawn(process.execPath, [join(process.cwd(), 'bin/iwb.cjs'), 'serve', '--port', '0', '--workspace', workspace], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  try {
    const url = await new Promise<string>((resolve, reject) => {
      server.stdout.on('data', (part: Buffer) => {
        output += part.toString();
        const match = /http:\/\/127\.0\.0\.1:\d+\/#token=[0-9a-f]+/.exec(output);
        if (match) resolve(match[0]);
      });
      server.stderr.on('data', (part: Buffer) => (output += part.toString()));
      server.on('exit', (code) => reject(new Error(`iwb serve exited with ${code}:\n${output}`)));
    });
    const addressMs = performance.now() - started;
    const page = await browser.newPage({ viewport: { width: 1366, height: 768 } });
    await page.goto(url);
    await page.locator('[data-testid^="target-row-"]').first().waitFor({ timeout: 60_000 });
    const boardMs = performance.now() - started;
    await page.close();
    return { addressMs, boardMs };
  } finally {
    const exited = new Promise((resolve) => server.once('exit', resolve));
    server.kill('SIGINT');
    await exited;
  }
}

/**
 * Start-up as a planner sees it: `iwb serve` until the address is printed and
 * until the target board has painted, on a new workspace (first start creates
 * and loads it) and on an existing one.
 */
export async function startupBench(log: (line: string) => void): Promise<BenchFigures> {
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
  const fresh: { addressMs: number; boardMs: number }[] = [];
  const existing: { addressMs: number; boardMs: number }[] = [];
  try {
    for (let run = 0; run < 3; run++) {
      const folder = mkdtempSync(join(tmpdir(), 'iwb-bench-startup-'));
      try {
        fresh.push(await startOnce(folder, browser));
        existing.push(await startOnce(folder, browser));
      } finally {
        rmSync(folder, { recursive: true, force: true });
      }
    }
  } finally {
    await browser.close();
  }
  const figure = (runs: typeof fresh, key: 'addressMs' | 'boardMs') => median(runs.map((run) => run[key]));
  const show = (runs: typeof fresh) => runs.map((run) => `${run.addressMs.toFixed(0)}/${run.boardMs.toFixed(0)}`).join(', ');
  log(`iwb serve, address/board painted (ms): new workspace ${show(fresh)}; existing workspace ${show(existing)}`);
  const note = (what: string) => `${what}, from spawning \`node bin/iwb.cjs serve\`; median of 3 (each with its own Chromium page)`;
  return {
    startup_address_new_ms: { value: figure(fresh, 'addressMs'), goal: 1500, better: 'lower', unit: 'ms', note: note('until the address is printed, new workspace') },
    startup_address_existing_ms: { value: figure(existing, 'addressMs'), goal: 1500, better: 'lower', unit: 'ms', note: note('until the address is printed, existing workspace') },
    startup_board_new_ms: { value: figure(fresh, 'boardMs'), goal: 3000, better: 'lower', unit: 'ms', note: note('until the target board has painted its first target row, new workspace') },
    startup_board_existing_ms: { value: figure(existing, 'boardMs'), goal: 3000, better: 'lower', unit: 'ms', note: note('until the target board has painted its first target row, existing workspace') },
  };
}
