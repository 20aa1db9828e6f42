import { it } from 'vitest';
import type { QueryId } from '@shared/contract/workbenchContract';
import { DuckDBEngine } from './src-main/engine/process/DuckDBEngine';
it('dbg', async () => {
  const engine = await DuckDBEngine.open({ workspacePath: ':memory:' });
  try {
    const r = await engine.run({ queryId: 'q1' as QueryId, sql: "SELECT CASE WHEN i = 150000 THEN error('bad row') ELSE i END AS v FROM range(300000) t(i)", windowRows: 100, stream: true }, undefined, (rep) => console.log('report', rep.rowsSoFar));
    console.log('resolved', r.rowCount, r.kind);
  } catch (e) { console.log('rejected', e); }
  const r2 = await engine.run({ queryId: 'q2' as QueryId, sql: "SELECT i FROM range(200000000) t(i)", windowRows: 100, stream: true }, undefined, (rep) => { console.log('report2', rep.rowsSoFar); console.log(engine.interrupt('q2' as QueryId)); }).catch(e => e);
  console.log('r2', r2.rowCount ?? r2);
  engine.close();
});
