import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Table } from 'apache-arrow';
import { describe, expect, it } from 'vitest';
import { targetStatusCode } from '@shared/domain/targets/targetStatusTable';
import { runNotebookHeadless } from '../notebook/runNotebookHeadless';
import { bundledTestWorkbench } from '../testing/bundledTestWorkbench';
import { engineExec } from '../workspace/workspaceSql';

const overview = resolve(__dirname, '../../queries/00-targets-overview.iwb.md');
const bench = bundledTestWorkbench('iwb-target-status-');

type Row = Record<string, unknown>;

/** Runs the bundled overview notebook as `iwb run` does and returns the rows of a named result. */
async function overviewRows(cellName: string): Promise<Row[]> {
  let table: Table | null = null;
  const problems: string[] = [];
  const run = await runNotebookHeadless({
    api: bench.workbench.service.api,
    notebookPath: overview,
    overrides: [],
    outDirectory: null,
    images: { formats: [], required: false },
    createRenderer: () => Promise.reject(new Error('no images in this test')),
    log: () => undefined,
    warn: (warning) => {
      if (warning.kind === 'problem') problems.push(warning.text);
    },
    observe: (event) => {
      if (event.kind === 'result' && event.cell.kind === 'sql' && event.cell.name === cellName) table = event.table;
    },
  });
  expect(problems).toEqual([]);
  expect(run.status).toBe('ok');
  expect(table).not.toBeNull();
  return (table as Table | null)!.toArray().map((row: { toJSON(): Row }) => row.toJSON());
}

/** '1,049 家' → 1049; the unit must be the target's. */
function figureOf(text: string, unit: string): number {
  const suffix = unit === '%' ? '%' : ` ${unit}`;
  expect(text.endsWith(suffix), `${text} ends with ${suffix}`).toBe(true);
  return Number(text.slice(0, -suffix.length).replaceAll(',', ''));
}

/** The overview's short names by target id, read from the notebook itself. */
function shortNames(): Map<string, string> {
  const text = readFileSync(overview, 'utf8');
  return new Map([...text.matchAll(/\('(t2024_[a-z_]+)', '([^']+)', \d+\)/g)].map((match) => [match[1]!, match[2]!]));
}

describe('the overview notebook reads the board’s evaluation', () => {
  it('gives, target by target, the latest value, period and status the board gives', async () => {
    const board = await bench.workbench.client.targets.board({});
    const rows = await overviewRows('目标总览');
    const names = shortNames();
    const targets = board.targets.filter((target) => target.year === 2024);
    expect(targets).toHaveLength(10);
    expect(rows).toHaveLength(targets.length);
    for (const target of targets) {
      const row = rows.find((candidate) => candidate.目标 === names.get(target.targetId));
      expect(row, target.targetId).toBeDefined();
      const { latest } = target;
      const shown = row!.最新实际值 === null ? null : String(row!.最新实际值);
      expect({ id: target.targetId, value: shown === null ? null : figureOf(shown, target.unit) }).toEqual({ id: target.targetId, value: latest?.value ?? null });
      if (latest === null) expect(row!.实际值时期).toBeNull();
      else expect(String(row!.实际值时期).replace(/（.+）$/, ''), target.targetId).toBe(`${latest.year}年${latest.period === 'annual' ? '' : latest.period}`);
      const status = { met: '已达到', missed: '未达到', 'in-progress': '进行中', 'no-actual': '尚无实际值' }[targetStatusCode(target)];
      expect({ id: target.targetId, 状态: row!.状态 }).toEqual({ id: target.targetId, 状态: status });
    }
  });

  it('counts 2023’s new Ningbo-level enterprise R&D centres toward 新增宁波市级以上研发机构, with the caveat', async () => {
    const board = await bench.workbench.client.targets.board({});
    const ningbo = board.targets.find((target) => target.targetId === 't2024_new_ningbo_rd_institutions')!;
    expect(ningbo.latest).toMatchObject({ year: 2023, value: 34, countedFrom: 'new_ningbo_enterprise_rd_centers' });
    const row = (await overviewRows('目标总览')).find((candidate) => candidate.目标 === '新增宁波市级以上研发机构')!;
    expect(row).toMatchObject({ 最新实际值: '34 家', 实际值时期: '2023年', 状态: '进行中' });
    expect(row.说明).toBe('2023 年的数值，仅作参考，不代表目标年已完成；暂按新认定宁波市级企业技术研发中心计数，为下限');
  });

  it('sees a planner’s new figure at once: target_status is refreshed before a cell reads it', async () => {
    const exec = engineExec(bench.workbench.engine);
    await bench.workbench.client.datasets.saveObservations({
      changes: [{ indicatorCode: 'new_ningbo_rd_institutions', region: '慈溪市', scope: '全市', year: 2024, period: '1-6月', value: 12, unit: '家' }],
    });
    const row = (await overviewRows('目标总览')).find((candidate) => candidate.目标 === '新增宁波市级以上研发机构')!;
    expect(row).toMatchObject({ 最新实际值: '12 家', 实际值时期: '2024年1-6月', 状态: '进行中', 实际值出处: '自填' });
    const [stored] = await exec(`SELECT latest_value, latest_origin FROM target_status WHERE target_id = 't2024_new_ningbo_rd_institutions'`);
    expect(stored).toEqual({ latest_value: 12, latest_origin: 'user' });
  });
});
