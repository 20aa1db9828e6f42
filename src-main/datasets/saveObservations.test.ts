import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WorkbenchError } from '@shared/contract/WorkbenchError';
import { localizedMessage } from '@shared/contract/errorTexts';
import { resolveWorkspace } from '../workspace/workspaceLocation';
import { createWorkbench, type Workbench } from '../services/createWorkbench';

const directory = mkdtempSync(join(tmpdir(), 'iwb-save-observations-'));
let workbench: Workbench;

beforeAll(async () => {
  workbench = await createWorkbench({ workspace: resolveWorkspace(directory), host: 'browser' });
});
afterAll(() => {
  workbench?.dispose();
  rmSync(directory, { recursive: true, force: true });
});

const cell = (year: number, value: number | null, unit = '亿元', period = 'annual') => ({ indicatorCode: 'industrial_rd_expenditure', year, period, value, unit });

async function userRows(code: string) {
  const { rows } = await workbench.engine.call('exec', {
    sql: `SELECT obs_id, year, period, value, unit, entered_value, entered_unit, note FROM user_observations WHERE indicator_code = $code ORDER BY year, period`,
    params: { code },
  });
  return rows.map((row) => ({ ...row, obs_id: String(row.obs_id).replace(/^u_.*/, 'u_…') }));
}

describe('datasets.saveObservations (the history grid’s batch)', () => {
  it('adds, corrects in place (an imported row keeps its id and note) and removes cells in one call', async () => {
    await workbench.engine.call('exec', {
      sql: `INSERT INTO user_observations VALUES ('imp_9_1', 'industrial_rd_expenditure', '慈溪市', '全市', 2020, 'annual', 60, '亿元', 'actual', 'import 9', 60, '亿元', now())`,
    });
    const first = await workbench.client.datasets.saveObservations({ changes: [cell(2021, 712_300, '万元'), cell(2022, 85.01), cell(2024, 90, '亿元', '1-11月')], note: '表格录入' });
    expect(first).toEqual({ inserted: 3, updated: 0, deleted: 0 });
    const second = await workbench.client.datasets.saveObservations({ changes: [cell(2020, 650_000, '万元'), cell(2022, null), cell(2019, null)] });
    expect(second).toEqual({ inserted: 0, updated: 1, deleted: 1 });
    expect(await userRows('industrial_rd_expenditure')).toEqual([
      { obs_id: 'imp_9_1', year: 2020, period: 'annual', value: 65, unit: '亿元', entered_value: 650000, entered_unit: '万元', note: 'import 9' },
      { obs_id: 'u_…', year: 2021, period: 'annual', value: 71.23, unit: '亿元', entered_value: 712300, entered_unit: '万元', note: '表格录入' },
      { obs_id: 'u_…', year: 2024, period: '1-11月', value: 90, unit: '亿元', entered_value: 90, entered_unit: '亿元', note: '表格录入' },
    ]);
    const detail = await workbench.client.datasets.indicator({ code: 'industrial_rd_expenditure' });
    expect(detail.observations.filter((point) => point.origin === 'user').map((point) => [point.year, point.period, point.value])).toEqual([
      [2020, 'annual', 65],
      [2021, 'annual', 71.23],
      [2024, '1-11月', 90],
    ]);
  });

  it('writes nothing when one cell is refused, and says which cells and why', async () => {
    const before = await userRows('hightech_enterprises');
    const error = await workbench.client.datasets
      .saveObservations({
        changes: [
          { indicatorCode: 'hightech_enterprises', year: 2022, period: 'annual', value: 821, unit: '家' },
          { indicatorCode: 'hightech_enterprises', year: 2023, period: 'annual', value: 9, unit: '万元' },
          { indicatorCode: 'no_such_indicator', year: 2023, period: 'annual', value: 1, unit: '家' },
          { indicatorCode: 'hightech_enterprises', year: 2022, period: 'annual', value: 822, unit: '家' },
        ],
      })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(WorkbenchError);
    expect((error as WorkbenchError).message).toBe(
      'Nothing was saved; these cells were refused: hightech_enterprises 2023: 万元 cannot be converted to 家; no_such_indicator 2023: no indicator has this code; hightech_enterprises 2022: given twice.',
    );
    expect(await userRows('hightech_enterprises')).toEqual(before);
  });

  it('refuses a value the indicator cannot have, from the grid and from the form, in both languages', async () => {
    const grid = await workbench.client.datasets
      .saveObservations({ changes: [{ indicatorCode: 'rd_gdp_ratio', year: 2023, period: 'annual', value: 150, unit: '%' }, cell(2021, -3)] })
      .catch((caught: unknown) => caught);
    expect((grid as WorkbenchError).message).toBe('Nothing was saved; these cells were refused: rd_gdp_ratio 2023: 150%: a share cannot be over 100%; industrial_rd_expenditure 2021: -3 亿元: it cannot be below zero.');
    const form = await workbench.client.datasets.addObservation({ indicatorCode: 'rd_gdp_ratio', year: 2023, value: 150, unit: '%' }).catch((caught: unknown) => caught);
    expect((form as WorkbenchError).toEnvelope()).toMatchObject({ kind: 'user', code: 'observation-impossible' });
    expect(localizedMessage((form as WorkbenchError).toEnvelope(), 'zh')).toBe('全社会R&D经费占GDP比重（rd_gdp_ratio）不可能是 150%：比重不能超过 100%。');
    expect(localizedMessage((form as WorkbenchError).toEnvelope(), 'en')).toBe('R&D expenditure as a share of GDP (rd_gdp_ratio) cannot be 150%: a share cannot be over 100%.');
    expect(await userRows('rd_gdp_ratio')).toEqual([]);
  });

  it('validates the batch at the boundary', async () => {
    const empty = await workbench.client.datasets.saveObservations({ changes: [] }).catch((caught: unknown) => caught);
    expect((empty as WorkbenchError).message).toContain('changes must hold at least one cell');
    const year = await workbench.client.datasets.saveObservations({ changes: [cell(1800, 1)] }).catch((caught: unknown) => caught);
    expect((year as WorkbenchError).message).toContain('must be 1949 or later');
    const infinite = await workbench.client.datasets.saveObservations({ changes: [cell(2020, Number.POSITIVE_INFINITY)] }).catch((caught: unknown) => caught);
    expect((infinite as WorkbenchError).kind).toBe('user');
  });
});
