import { describe, expect, it } from 'vitest';
import type { QueryId } from '@shared/contract/workbenchContract';
import { bundledTestWorkbench } from '../testing/bundledTestWorkbench';
import { engineExec } from '../workspace/workspaceSql';

const bench = bundledTestWorkbench('iwb-target-evaluation-');
const TARGET = 't2024_new_ningbo_rd_institutions';

/** Which `target_status` table there is: every evaluation writes a new one (CREATE OR REPLACE), with a new oid. */
async function statusTable(): Promise<string> {
  const rows = await engineExec(bench.workbench.engine)(
    "SELECT CAST(table_oid AS VARCHAR) AS oid FROM duckdb_tables() WHERE schema_name = 'main' AND table_name = 'target_status'",
  );
  expect(rows).toHaveLength(1);
  return String(rows[0]!.oid);
}

async function sql(text: string, queryId: string): Promise<void> {
  await bench.workbench.client.query.run({ queryId: queryId as QueryId, sql: text, windowRows: 0, stream: false });
}

async function latestValue(): Promise<unknown> {
  const [row] = await engineExec(bench.workbench.engine)(`SELECT latest_value FROM target_status WHERE target_id = '${TARGET}'`);
  return row?.latest_value;
}

describe('the board’s evaluation (target_status) is made once per change of its inputs', () => {
  it('evaluates once when a fresh workspace opens and the board loads, and again after a user value is saved', async () => {
    const opened = await statusTable();
    const board = await bench.workbench.client.targets.board({});
    expect(board.targets.length).toBeGreaterThan(0);
    await sql('SELECT count(*) FROM target_status', 'read-status');
    expect(await statusTable()).toBe(opened);

    await bench.workbench.client.datasets.saveObservations({
      changes: [{ indicatorCode: 'new_ningbo_rd_institutions', region: '慈溪市', scope: '全市', year: 2024, period: '1-6月', value: 12, unit: '家' }],
    });
    const edited = await bench.workbench.client.targets.board({});
    const written = await statusTable();
    expect(written).not.toBe(opened);
    expect(edited.targets.find((target) => target.targetId === TARGET)?.latest).toMatchObject({ value: 12, origin: 'user' });
    expect(await latestValue()).toBe(12);

    await bench.workbench.client.targets.board({});
    expect(await statusTable()).toBe(written);
  });

  // The next tests go on from the user value the first one saved.
  it('sees a change made by the user’s own SQL at the next read of target_status', async () => {
    const before = await statusTable();
    await sql(`UPDATE user_observations SET value = 15 WHERE indicator_code = 'new_ningbo_rd_institutions' AND year = 2024`, 'edit-by-sql');
    await sql('SELECT * FROM target_status', 'read-after-edit');
    expect(await statusTable()).not.toBe(before);
    expect(await latestValue()).toBe(15);
  });

  it('writes target_status again when it was dropped, and hands out copies of the board', async () => {
    await sql('DROP TABLE target_status', 'drop-status');
    const board = await bench.workbench.client.targets.board({});
    expect(await latestValue()).toBe(15);
    board.targets.length = 0;
    expect((await bench.workbench.client.targets.board({})).targets.length).toBeGreaterThan(0);
  });
});
