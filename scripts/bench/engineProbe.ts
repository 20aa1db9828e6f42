import { parseArgs } from 'node:util';
import type { QueryId } from '../../src-shared/contract/workbenchContract';
import { EngineClient } from '../../src-main/engine/EngineClient';
import { engineEntryPoint } from '../../src-main/engine/engineEntryPoint';
import { nodeEngineLauncher } from '../../src-main/engine/nodeEngineLauncher';
import { DELIVERY_SQL } from './queryBench';
import { median } from './benchFigures';

/**
 * The engine's share of a whole result, without Chromium or HTTP:
 * `node --import tsx scripts/bench/engineProbe.ts [--runs N] [--cpu-prof DIR]`.
 * DuckDB's own materialization, the engine's `run` of the 1M-row query with
 * a 1M-row window (stream, keep, convert) and the copy to the main side, and
 * the kept result with its first 1,000-row window; medians of N runs.
 */
async function main(): Promise<void> {
  const { values } = parseArgs({ options: { runs: { type: 'string', default: '7' }, 'cpu-prof': { type: 'string' } }, strict: true });
  const { entry, execArgv } = engineEntryPoint();
  const profile = values['cpu-prof'] ? ['--cpu-prof', `--cpu-prof-dir=${values['cpu-prof']}`] : [];
  const engine = new EngineClient(nodeEngineLauncher(entry, [...execArgv, ...profile]), { workspacePath: ':memory:' });
  await engine.start();
  let counter = 0;
  const materialize: number[] = [];
  const whole: number[] = [];
  const inEngine: number[] = [];
  const firstWindow: number[] = [];
  await engine.call('timeMaterialize', { sql: DELIVERY_SQL });
  for (let run = 0; run < Number(values.runs); run++) {
    materialize.push((await engine.call('timeMaterialize', { sql: DELIVERY_SQL })).elapsedMs);
    let started = performance.now();
    const result = await engine.call('run', { queryId: `probe_${++counter}` as QueryId, sql: DELIVERY_SQL, windowRows: 1_000_000 });
    whole.push(performance.now() - started);
    inEngine.push(result.elapsedMs);
    await engine.call('closeResult', { resultId: result.resultId! });
    started = performance.now();
    const kept = await engine.call('run', { queryId: `probe_${++counter}` as QueryId, sql: DELIVERY_SQL, windowRows: 1000 });
    firstWindow.push(performance.now() - started);
    await engine.call('closeResult', { resultId: kept.resultId! });
  }
  const m = median(materialize);
  const line = (label: string, ms: number) => console.log(`${label.padEnd(48)} ${ms.toFixed(0).padStart(5)} ms  ${(ms / m).toFixed(2)}×`);
  line('DuckDB materialize (connection.run)', m);
  line('run, 1M-row window: in the engine process', median(inEngine));
  line('run, 1M-row window: engine → main side', median(whole.map((total, index) => total - inEngine[index]!)));
  line('run, 1M-row window: total on the main side', median(whole));
  line('run, kept + first 1,000-row window', median(firstWindow));
  engine.dispose();
}

void main();
