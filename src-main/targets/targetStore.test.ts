import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localizedMessage } from '@shared/contract/errorTexts';
import { WorkbenchError } from '@shared/contract/WorkbenchError';
import type { Scenario, ScenarioId } from '@shared/domain/projection/scenario';
import { datasetStandInSql, LIST_RELATIONS_SQL } from '../../tests/support/datasetStandIns';
import { createWorkbench, type Workbench } from '../services/createWorkbench';
import { resolveWorkspace } from '../workspace/workspaceLocation';
import { engineExec } from '../workspace/workspaceSql';

const root = mkdtempSync(join(tmpdir(), 'iwb-targets-'));
let workbench: Workbench;

beforeAll(async () => {
  // The figures asserted below are the stand-ins' (tests/support/datasetStandIns.ts), so the bundled datasets stay off.
  workbench = await createWorkbench({ workspace: resolveWorkspace(join(root, 'workspace')), host: 'browser', bundledDatasets: false });
  const exec = engineExec(workbench.engine);
  const existing = (await exec(LIST_RELATIONS_SQL)).map((row) => String(row.name));
  for (const statement of datasetStandInSql(existing).split(';\n').filter((sql) => sql.trim())) await exec(statement);
}, 60_000);

afterAll(() => {
  workbench?.dispose();
  rmSync(root, { recursive: true, force: true });
});

async function failure(promise: Promise<unknown>): Promise<WorkbenchError> {
  const error = await promise.then(
    () => null,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(WorkbenchError);
  return error as WorkbenchError;
}

describe('targets.board', () => {
  it('lists every target with its latest actual, gap and pace', async () => {
    const board = await workbench.client.targets.board({});
    expect(board.missingViews).toEqual([]);
    expect(board.indicators).toContainEqual({ code: 'rd_gdp_ratio', nameZh: '全社会R&D经费占GDP比重', nameEn: 'R&D expenditure as a share of GDP', unit: '%' });
    expect(board.indicators).toHaveLength(9);
    expect(board.targets.map((target) => target.targetId)).toContain('t2024_hightech_enterprises');
    const hte = board.targets.find((target) => target.targetId === 't2024_hightech_enterprises')!;
    expect(hte).toMatchObject({ nameZh: '有效高新技术企业', unit: '家', comparator: '>', value: 1000, paceKind: 'stock', origin: 'test-stand-in' });
    expect(hte.latest).toMatchObject({ year: 2023, period: 'annual', month: 12, value: 880, status: 'actual' });
    expect(hte.gap).toEqual({ absolute: 120, relative: 0.12 });
    expect(hte.pace.kind).toBe('growth');
    expect(hte.pace.kind === 'growth' && hte.pace.rate).toBeCloseTo(1000 / 880 - 1, 12);
    expect(hte.newCertifications.map((point) => point.value)).toEqual([150, 170, 190, 205, 219]);
    expect(hte.sourceTitle).toBe('慈溪市科学技术局2023年度工作总结和2024年工作思路');
  });

  it('takes the latest in-year cumulative figure of a flow and the amount still to add', async () => {
    const board = await workbench.client.targets.board({});
    const sme = board.targets.find((target) => target.targetId === 't2024_new_provincial_tech_smes')!;
    expect(sme.paceKind).toBe('flow');
    expect(sme.latest).toMatchObject({ year: 2024, period: '1-6月', month: 6, value: 150, status: 'actual' });
    expect(sme.gap).toEqual({ absolute: 170, relative: 170 / 320 });
    expect(sme.pace).toEqual({ kind: 'remaining', amount: 170, monthsLeft: 6 });
    expect(sme.cumulative).toHaveLength(4);
    const ratio = board.targets.find((target) => target.targetId === 't2024_rd_gdp_ratio')!;
    expect(ratio.pace.kind === 'points' && ratio.pace.points).toBeCloseTo(0.15, 12);
  });
});

describe('user targets', () => {
  it('adds, edits and removes a target with its source note, and the board shows it', async () => {
    const { targetId } = await workbench.client.targets.add({
      indicatorCode: 'industrial_rd_expenditure',
      year: 2025,
      comparator: '>=',
      value: 110,
      note: '2025年工作要点（征求意见稿）',
    });
    expect(targetId).toMatch(/^u_2025_[0-9a-f]{8}$/);
    let board = await workbench.client.targets.board({});
    const added = board.targets.find((target) => target.targetId === targetId)!;
    expect(added).toMatchObject({ origin: 'user', unit: '亿元', year: 2025, value: 110, note: '2025年工作要点（征求意见稿）', region: '慈溪市', scope: '全市' });
    expect(added.pace.kind === 'growth' && added.pace.years).toBe(2);

    await workbench.client.targets.update({
      targetId,
      target: { indicatorCode: 'industrial_rd_expenditure', year: 2025, comparator: '>', value: 120, note: '2025年工作要点' },
    });
    board = await workbench.client.targets.board({});
    expect(board.targets.find((target) => target.targetId === targetId)).toMatchObject({ comparator: '>', value: 120, note: '2025年工作要点' });

    expect(await workbench.client.targets.remove({ targetId })).toEqual({ removed: true });
    board = await workbench.client.targets.board({});
    expect(board.targets.some((target) => target.targetId === targetId)).toBe(false);
  });

  it('refuses bad targets with a message naming the problem', async () => {
    expect((await failure(workbench.client.targets.add({ indicatorCode: 'nosuch', year: 2024, comparator: '>', value: 1, note: 'x' }))).message).toContain(
      'no indicator with code nosuch',
    );
    expect(
      (await failure(workbench.client.targets.add({ indicatorCode: 'rd_gdp_ratio', year: 2024, comparator: '>', value: 1, unit: '亿元', note: 'x' }))).message,
    ).toContain("the unit must be the indicator's unit, %");
    // A value the indicator cannot have is no target (impossibleValue, the rule the figures follow too).
    const overFull = await failure(workbench.client.targets.add({ indicatorCode: 'rd_gdp_ratio', year: 2024, comparator: '>=', value: 120, note: '测试' }));
    expect(overFull.message).toBe('A target for R&D expenditure as a share of GDP (rd_gdp_ratio) cannot be 120%: a share cannot be over 100%.');
    expect(localizedMessage(overFull.toEnvelope(), 'zh')).toBe('全社会R&D经费占GDP比重（rd_gdp_ratio）的目标不能是 120%：比重不能超过 100%。');
    const negative = await failure(workbench.client.targets.add({ indicatorCode: 'hightech_enterprises', year: 2024, comparator: '>=', value: -5, note: '测试' }));
    expect(negative.message).toContain('cannot be -5 家: it cannot be below zero');
    const noNote = await failure(workbench.client.targets.add({ indicatorCode: 'rd_gdp_ratio', year: 2024, comparator: '>', value: 1, note: ' ' }));
    expect(noNote.message).toContain('note');
    expect(noNote.message).toContain('give the source of the target');
    expect((await failure(workbench.client.targets.remove({ targetId: 't2024_rd_gdp_ratio' }))).message).toContain('is bundled');
    expect((await failure(workbench.client.targets.remove({ targetId: 'u_none' }))).message).toContain('no target u_none');
  });
});

describe('scenarios and scenario_results', () => {
  const scenario: Scenario = {
    id: 'my-plan' as ScenarioId,
    name: '加大认定力度',
    kind: 'custom',
    assumptions: { t2024_hightech_enterprises: { newCertifications: 260, recertificationRate: 0.8 } },
  };

  it('saves, lists and deletes scenarios, and validates them', async () => {
    await workbench.client.scenarios.save({ scenario });
    expect((await workbench.client.scenarios.list({})).scenarios).toEqual([scenario]);
    const bad = await failure(
      workbench.client.scenarios.save({ scenario: { ...scenario, assumptions: { x: { recertificationRate: 1.5 } } } }),
    );
    expect(bad.message).toContain('recertificationRate');
    expect(await workbench.client.scenarios.remove({ scenarioId: 'my-plan' })).toEqual({ removed: true });
    expect((await workbench.client.scenarios.list({})).scenarios).toEqual([]);
  });

  it('migrates a stored version 1 document on read (assumptions by indicator) and writes it back as version 2', async () => {
    const exec = engineExec(workbench.engine);
    const v1 = readFileSync(join(__dirname, '../../tests/fixtures/scenarios/scenario-v1.json'), 'utf8');
    await exec(`INSERT INTO scenarios VALUES ('plan-2024', '稳中求进', 'custom', $document, now()::TIMESTAMP)`, { document: v1 });
    const listed = await workbench.client.scenarios.list({});
    expect(listed.problems).toEqual([]);
    const migrated = listed.scenarios.find((candidate) => candidate.id === 'plan-2024')!;
    expect(migrated.assumptions['hightech_enterprises|慈溪市|全市']).toEqual({ newCertifications: 240, recertificationRate: 0.72 });
    expect(migrated.assumptions.t2024_hightech_enterprises).toBeUndefined();
    const stored = JSON.parse(String((await exec(`SELECT document FROM scenarios WHERE scenario_id = 'plan-2024'`))[0]!.document)) as { version: number };
    expect(stored.version).toBe(2);
    await workbench.client.scenarios.remove({ scenarioId: 'plan-2024' });
  });

  it('reports a stored document that no longer validates instead of failing the list', async () => {
    const exec = engineExec(workbench.engine);
    await exec(`INSERT INTO scenarios VALUES ('broken', 'b', 'custom', '{"id":"broken"}', now()::TIMESTAMP)`);
    const listed = await workbench.client.scenarios.list({});
    expect(listed.problems).toHaveLength(1);
    expect(listed.problems[0]!.scenarioId).toBe('broken');
    await workbench.client.scenarios.remove({ scenarioId: 'broken' });
  });

  it('replaces one scenario\'s rows of scenario_results in one transaction', async () => {
    const row = {
      scenario: '基准情景',
      scenario_id: 'baseline',
      target_id: 't2024_hightech_enterprises',
      indicator: 'hightech_enterprises',
      year: 2024,
      method: 'stock-flow',
      p10: 950,
      p50: 1010,
      p90: 1070,
      target: 1000,
      comparator: '>',
      meets: true,
      probability: 0.62,
      status: 'at-risk',
    };
    expect(await workbench.client.scenarios.saveResults({ rows: [row, { ...row, scenario_id: 'optimistic', scenario: '乐观情景', p50: 1050 }] })).toEqual({ rows: 2, scenarios: 2 });
    expect(await workbench.client.scenarios.saveResults({ rows: [{ ...row, p50: 990, meets: false }] })).toEqual({ rows: 1, scenarios: 1 });
    const exec = engineExec(workbench.engine);
    const rows = await exec('SELECT scenario_id, p50, meets, probability, status FROM scenario_results ORDER BY scenario_id');
    expect(rows).toEqual([
      { scenario_id: 'baseline', p50: 990, meets: false, probability: 0.62, status: 'at-risk' },
      { scenario_id: 'optimistic', p50: 1050, meets: true, probability: 0.62, status: 'at-risk' },
    ]);
    // A bad row is refused before anything is written.
    await failure(workbench.client.scenarios.saveResults({ rows: [{ ...row, p50: Number.NaN }] }));
    expect((await exec("SELECT count(*)::INTEGER AS n FROM scenario_results WHERE scenario_id = 'baseline'"))[0]!.n).toBe(1);
  });
});
