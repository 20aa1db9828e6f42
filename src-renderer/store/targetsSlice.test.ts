import { describe, expect, it } from 'vitest';
import type { TargetBoard } from '@shared/contract/services/targetsContract';
import type { CallOutcome } from '@shared/contract/WorkbenchError';
import type { Scenario } from '@shared/domain/projection/scenario';
import type { ScenarioResultRow } from '@shared/domain/projection/scenarioResults';
import { defaultSpreadPriors } from '@shared/domain/projection/spreadPrior';
import { completeBoardTarget, type BoardTargetFacts } from '@shared/domain/targets/boardTarget';
import { createWorkbenchClient } from '../api/createWorkbenchClient';
import { createWorkbenchStore } from './workbenchStore';

const observation = (year: number, period: string, value: number) => ({ year, period, value, status: 'actual', origin: 'bundled', sourceTitle: null, sourceDate: null });
const annual = (values: number[], from = 2019) => values.map((value, index) => observation(from + index, 'annual', value));

function facts(partial: Partial<BoardTargetFacts> & Pick<BoardTargetFacts, 'targetId' | 'indicatorCode' | 'comparator' | 'value' | 'unit'>): BoardTargetFacts {
  return {
    nameZh: partial.indicatorCode,
    nameEn: partial.indicatorCode,
    region: '慈溪市',
    scope: '全市',
    year: 2024,
    note: null,
    sourceTitle: null,
    origin: 'bundled',
    indicatorKind: null,
    observations: [],
    newCertificationObservations: [],
    ...partial,
  };
}

/** Made-up figures shaped like the 2024 plan (not bureau data). */
const BOARD: TargetBoard = {
  missingViews: [],
  spreadPriors: defaultSpreadPriors(),
  indicators: [],
  targets: [
    facts({
      targetId: 'hte',
      indicatorCode: 'hightech_enterprises',
      comparator: '>',
      value: 1000,
      unit: '家',
      observations: annual([520, 610, 700, 790, 880]),
      newCertificationObservations: annual([150, 170, 190, 205, 219]),
    }),
    facts({ targetId: 'rd', indicatorCode: 'industrial_rd_expenditure', comparator: '>', value: 100, unit: '亿元', observations: annual([61.2, 66.8, 74.5, 82.1, 90.3]) }),
    facts({ targetId: 'two_years', indicatorCode: 'rd_gdp_ratio', comparator: '>=', value: 3.53, unit: '%', indicatorKind: 'share', observations: annual([3.26, 3.38], 2022) }),
    facts({
      targetId: 'sme',
      indicatorCode: 'new_provincial_tech_smes',
      comparator: '>=',
      value: 320,
      unit: '家',
      observations: [...annual([480, 560, 601], 2021), observation(2022, '1-6月', 230), observation(2023, '1-6月', 250), observation(2024, '1-6月', 150)],
    }),
    facts({ targetId: 'none', indicatorCode: 'rd_activity_coverage', comparator: '>=', value: 100, unit: '%' }),
  ].map(completeBoardTarget),
};

function setup(stored: Scenario[] = []) {
  const calls: { method: string; input: Record<string, unknown> }[] = [];
  const handlers: Record<string, (input: Record<string, unknown>) => unknown> = {
    'targets.board': () => BOARD,
    'scenarios.list': () => ({ scenarios: stored, problems: [] }),
    'scenarios.save': (input) => ({ scenarioId: (input.scenario as Scenario).id }),
    'scenarios.remove': () => ({ removed: false }),
    'scenarios.saveResults': (input) => ({ rows: (input.rows as unknown[]).length, scenarios: 3 }),
  };
  const api = createWorkbenchClient({
    kind: 'browser',
    async call(method, input): Promise<CallOutcome<unknown>> {
      calls.push({ method, input: input as Record<string, unknown> });
      const handler = handlers[method];
      if (!handler) return { ok: false, error: { kind: 'bug', message: `unexpected call ${method}` } };
      return { ok: true, value: await handler(input as Record<string, unknown>) };
    },
    subscribe: () => () => undefined,
  });
  return { store: createWorkbenchStore(api), calls };
}

const assessment = (store: ReturnType<typeof setup>['store'], scenarioId: string, targetId: string) => {
  const outcome = store.getState().outcomes[scenarioId]?.[targetId];
  if (!outcome?.ok) throw new Error(`no assessment for ${scenarioId}/${targetId}: ${outcome ? outcome.message : 'missing'}`);
  return outcome.assessment;
};

describe('targets slice', () => {
  it('loads the board, models each target by what its data allow, and simulates every scenario', async () => {
    const { store } = setup();
    await store.getState().loadBoard();
    const state = store.getState();
    expect(state.scenarios.map((scenario) => scenario.id)).toEqual(['baseline', 'optimistic', 'pessimistic']);
    expect(state.selectedTargetId).toBe('hte');
    // A share with two values: the logistic curve (bounded at 100 %), and a spread from the prior, not from one growth rate.
    expect(state.modelNotes.two_years).toEqual([]);
    expect(assessment(store, 'baseline', 'two_years').method).toBe('logistic');
    expect(assessment(store, 'baseline', 'two_years').spread).toMatchObject({ ownWeight: 0, prior: { spreadClass: 'share', source: 'default' } });
    expect(state.modelNotes.none).toEqual([{ kind: 'no-actual' }]);
    expect(state.outcomes.baseline!.none).toBeUndefined();
    expect(assessment(store, 'baseline', 'hte').method).toBe('stock-flow');
    expect(assessment(store, 'baseline', 'rd').method).toBe('holt');
    expect(assessment(store, 'baseline', 'sme').method).toBe('year-end');
    expect(assessment(store, 'baseline', 'hte').probability).toBeNull();
    await store.getState().settleSimulations();
    expect(store.getState().simulatingScenarioIds).toEqual([]);
    for (const scenario of ['baseline', 'optimistic', 'pessimistic']) {
      const probability = assessment(store, scenario, 'hte').probability;
      expect(probability).toBeGreaterThanOrEqual(0);
      expect(probability).toBeLessThanOrEqual(1);
    }
    expect(assessment(store, 'optimistic', 'rd').projectedValue).toBeGreaterThan(assessment(store, 'pessimistic', 'rd').projectedValue);
    const twoYears = assessment(store, 'baseline', 'two_years').probability;
    expect(twoYears).toBeGreaterThan(0.05);
    expect(twoYears).toBeLessThan(0.95);
  });

  it('moves a projection at once when an assumption changes, and the probability after the simulation', async () => {
    const { store } = setup();
    await store.getState().loadBoard();
    await store.getState().settleSimulations();
    const before = assessment(store, 'baseline', 'sme');
    expect(before.projectedValue).toBeGreaterThan(320);
    store.getState().setAssumption('baseline', 'sme', { paceFactor: 0.3 });
    const moved = assessment(store, 'baseline', 'sme');
    // 150 so far; the rest of the year at 30 % of the usual pace.
    expect(moved.projectedValue).toBeCloseTo(150 + (before.projectedValue - 150) * 0.3, 9);
    // A quick in-page simulation answers at once; the worker's larger one follows.
    expect(moved.probability).toBeLessThan(0.4);
    expect(moved.status).toBe('off-track');
    expect(store.getState().simulatingScenarioIds).toContain('baseline');
    expect(store.getState().unsavedScenarioIds).toEqual(['baseline']);
    await store.getState().settleSimulations();
    expect(assessment(store, 'baseline', 'sme').probability).toBeLessThan(0.4);
    expect(assessment(store, 'baseline', 'sme').status).toBe('off-track');
  });

  it('goal-seeks the smallest whole number of new certifications that meets the target', async () => {
    const { store } = setup();
    await store.getState().loadBoard();
    const outcome = store.getState().goalSeek('baseline', 'hte');
    expect(outcome.assumption).toBe('newCertifications');
    expect(Number.isInteger(outcome.value)).toBe(true);
    expect(assessment(store, 'baseline', 'hte').projectedValue).toBeGreaterThan(1000);
    store.getState().setAssumption('baseline', 'hte', { newCertifications: outcome.value - 1 });
    expect(assessment(store, 'baseline', 'hte').projectedValue).toBeLessThanOrEqual(1000);
  });

  it('goal-seeks the extra growth of a series so the projection reaches the target', async () => {
    const { store } = setup();
    await store.getState().loadBoard();
    store.getState().setAssumption('baseline', 'rd', { method: { method: 'growth', rate: 0 } });
    expect(assessment(store, 'baseline', 'rd').projectedValue).toBeCloseTo(90.3, 9);
    const outcome = store.getState().goalSeek('baseline', 'rd');
    expect(outcome.assumption).toBe('growthAdjustment');
    // The smallest value on the slider's step (0.1 point, from the one assumption table) that meets "> 100": 100 / 90.3 − 1 = 10.74 %.
    expect(outcome.value).toBe(0.108);
    expect(assessment(store, 'baseline', 'rd').meets).toBe(true);
    store.getState().setAssumption('baseline', 'rd', { growthAdjustment: 0.107 });
    expect(assessment(store, 'baseline', 'rd').meets).toBe(false);
  });

  it('uses a saved version of a built-in scenario, saves edits and writes every scenario\'s results', async () => {
    const saved: Scenario = { id: 'baseline' as Scenario['id'], name: '基准情景', kind: 'baseline', assumptions: { 'industrial_rd_expenditure|慈溪市|全市': { growthAdjustment: 0.05 } } };
    const { store, calls } = setup([saved]);
    await store.getState().loadBoard();
    expect(store.getState().scenarios[0]).toEqual(saved);
    store.getState().createScenario('我的情景');
    const custom = store.getState().scenarios[3]!;
    expect(custom).toMatchObject({ name: '我的情景', kind: 'custom', assumptions: saved.assumptions });
    await store.getState().saveScenario(custom.id);
    expect(calls.find((call) => call.method === 'scenarios.save')!.input).toEqual({ scenario: custom });
    const written = await store.getState().saveScenarioResults();
    const rows = calls.find((call) => call.method === 'scenarios.saveResults')!.input.rows as ScenarioResultRow[];
    expect(written).toBe(rows.length);
    expect(new Set(rows.map((row) => row.scenario_id))).toEqual(new Set(['baseline', 'optimistic', 'pessimistic', custom.id]));
    const targetYear = rows.filter((row) => row.target_id === 'hte' && row.year === 2024);
    expect(targetYear).toHaveLength(4);
    for (const row of targetYear) {
      expect(row.probability).not.toBeNull();
      expect(row.p10).toBeLessThanOrEqual(row.p90!);
    }
  });
});

describe('targets slice: reloading', () => {
  it('keeps unsaved scenario edits when the board reloads, and resetting a built-in scenario drops them', async () => {
    const { store } = setup();
    await store.getState().loadBoard();
    store.getState().setAssumption('baseline', 'rd', { growthAdjustment: 0.1 });
    store.getState().createScenario('草稿');
    const draftId = store.getState().scenarios[3]!.id;
    await store.getState().loadBoard();
    // Kept under the indicator's key, which every target of the indicator shares.
    expect(store.getState().scenarios.find((scenario) => scenario.id === 'baseline')!.assumptions['industrial_rd_expenditure|慈溪市|全市']).toEqual({ growthAdjustment: 0.1 });
    expect(store.getState().scenarios.map((scenario) => scenario.id)).toContain(draftId);
    expect(store.getState().unsavedScenarioIds.sort()).toEqual(['baseline', draftId].sort());
    await store.getState().deleteScenario('baseline');
    expect(store.getState().scenarios.find((scenario) => scenario.id === 'baseline')!.assumptions).toEqual({});
    expect(store.getState().unsavedScenarioIds).toEqual([draftId]);
  });
});
