import { describe, expect, it } from 'vitest';
import { sampleTargetInputs } from '../../../tests/fixtures/projectionTargets';
import { runMonteCarlo } from './monteCarlo';
import {
  adjustProjection,
  assessScenario,
  defaultScenarios,
  evaluateScenario,
  parseScenarioFile,
  simulationTargets,
  spreadUnknown,
  type ProjectionCache,
  type Scenario,
  type ScenarioId,
  type TargetInput,
} from './scenario';
import { projectSeries } from './projectSeries';
import { scenarioResultRows, SCENARIO_RESULT_COLUMNS } from './scenarioResults';

const [baseline, optimistic, pessimistic] = defaultScenarios(sampleTargetInputs) as [Scenario, Scenario, Scenario];

describe('evaluateScenario', () => {
  it('projects every model kind to the target year', () => {
    const projections = evaluateScenario(sampleTargetInputs, baseline);
    const byId = new Map(projections.map((projection) => [projection.targetId, projection]));
    expect(projections.map((projection) => projection.method)).toEqual(['stock-flow', 'holt', 'ratio:cagr/cagr', 'year-end', 'year-end', 'logistic', 'logistic']);

    // Stock and flow (hand computation): 880 + 230 + 0.75 × 300 − 300 − 5 = 1030.
    const hte = byId.get('hte_valid')!;
    expect(hte.projectedValue).toBe(1030);
    expect(hte.meets).toBe(true);
    expect(hte.requiredPace).toEqual({ kind: 'growth', rate: expect.closeTo(1000 / 880 - 1, 12) as number, years: 1, fromYear: 2023 });
    expect(hte.gap).toEqual({ absolute: 120, relative: 0.12 });

    // Year-end estimate (hand computation): June shares 200/480, 230/560, 250/601; 150 / mean share.
    const share = (200 / 480 + 230 / 560 + 250 / 601) / 3;
    const sme = byId.get('prov_sme_new')!;
    expect(sme.projectedValue).toBeCloseTo(150 / share, 10);
    expect(sme.latest).toEqual({ year: 2024, value: 150, month: 6 });
    expect(sme.requiredPace).toEqual({ kind: 'remaining', amount: 170, monthsLeft: 6 });

    // Ratio: R&D projected two years at its 3-year CAGR, GDP one year; last actual ratio is 2022.
    const ratio = byId.get('rd_gdp')!;
    const rdRate = (93 / 68) ** (1 / 3) - 1;
    const gdpRate = (2850 / 2240) ** (1 / 3) - 1;
    expect(ratio.latest.year).toBe(2022);
    expect(ratio.path.map((point) => point.year)).toEqual([2023, 2024]);
    expect(ratio.projectedValue).toBeCloseTo((100 * 93 * (1 + rdRate) ** 2) / (2850 * (1 + gdpRate)), 10);
    expect(ratio.requiredPace.kind).toBe('points');

    for (const projection of projections) {
      expect(projection.simulation?.years.at(-1)).toBe(2024);
    }
    expect(byId.get('rd_institution_coverage')!.projectedValue).toBeLessThan(100);
  });

  it('moves with the scenario: optimistic ≥ baseline ≥ pessimistic for every target', () => {
    const values = (scenario: Scenario) => evaluateScenario(sampleTargetInputs, scenario).map((projection) => projection.projectedValue);
    const [low, middle, high] = [values(pessimistic), values(baseline), values(optimistic)];
    middle.forEach((value, index) => {
      expect(high[index]).toBeGreaterThan(value);
      expect(low[index]).toBeLessThan(value);
    });
  });

  it('applies each knob', () => {
    const custom: Scenario = {
      id: 'custom' as ScenarioId,
      name: '自定义',
      kind: 'custom',
      assumptions: {
        hte_valid: { newCertifications: 100, recertificationRate: 0.5, revoked: 0 },
        rd_industrial: { method: { method: 'growth', rate: 0.1 } },
        prov_sme_new: { paceFactor: 0 },
      },
    };
    const byId = new Map(evaluateScenario(sampleTargetInputs, custom).map((projection) => [projection.targetId, projection]));
    // 880 + 100 + 150 − 300 = 830.
    expect(byId.get('hte_valid')!.projectedValue).toBe(830);
    expect(byId.get('rd_industrial')!.projectedValue).toBeCloseTo(102.3, 10);
    expect(byId.get('rd_industrial')!.method).toBe('growth');
    // Nothing more this year: the year-end value is what is already counted.
    expect(byId.get('prov_sme_new')!.projectedValue).toBe(150);
  });

  it('reuses fitted projections from the cache across slider moves', () => {
    const cache: ProjectionCache = new Map();
    evaluateScenario(sampleTargetInputs, baseline, cache);
    const size = cache.size;
    const holt = [...cache.values()].find((projection) => projection.spec.method === 'holt');
    evaluateScenario(sampleTargetInputs, optimistic, cache);
    expect(cache.size).toBe(size);
    expect([...cache.values()].find((projection) => projection.spec.method === 'holt')).toBe(holt);
  });

  it('takes the actual value once the target year is complete', () => {
    const done: TargetInput = {
      definition: { ...sampleTargetInputs[1]!.definition, id: 'done' },
      model: { kind: 'series', series: [{ year: 2023, value: 90 }, { year: 2024, value: 101 }], method: { method: 'linear' } },
    };
    const [projection] = evaluateScenario([done], baseline);
    expect(projection).toMatchObject({ method: 'actual', projectedValue: 101, meets: true, simulation: null, path: [], requiredPace: { kind: 'met' } });
    expect(assessScenario([projection!], null)[0]).toMatchObject({ probability: 1, status: 'on-track' });
  });

  it('carries the last annual total forward when the target year has no in-year figure yet', () => {
    const early: TargetInput = {
      definition: sampleTargetInputs[3]!.definition,
      model: { ...(sampleTargetInputs[3]!.model as Extract<TargetInput['model'], { kind: 'yearEnd' }>), current: { year: 2023, month: 12, cumulativeValue: 601 } },
    };
    const [projection] = evaluateScenario([early], baseline);
    expect(projection!.projectedValue).toBe(601);
    expect(projection!.requiredPace).toEqual({ kind: 'remaining', amount: 320, monthsLeft: 12 });
  });

  it('claims no probability when the only spread would come from fewer than three years', () => {
    const model = sampleTargetInputs[3]!.model as Extract<TargetInput['model'], { kind: 'yearEnd' }>;
    // One annual total (601 in 2023), nothing in 2024 yet: carried forward with no spread to draw from.
    const single: TargetInput = { definition: sampleTargetInputs[3]!.definition, model: { ...model, annual: [{ year: 2023, value: 601 }], current: { year: 2023, month: 12, cumulativeValue: 601 } } };
    const [projection] = evaluateScenario([single], baseline);
    expect(spreadUnknown(projection!)).toBe(true);
    expect(simulationTargets([projection!])).toEqual([]);
    const [assessment] = assessScenario([projection!], null);
    expect(assessment).toMatchObject({ probability: null, status: 'on-track', projectedValue: 601 });
    expect(assessment!.fan.every((point) => point.p10 === null && point.p90 === null)).toBe(true);
    // With the full five-year history the same target is simulated.
    const [full] = evaluateScenario([{ ...single, model: { ...model, current: { year: 2023, month: 12, cumulativeValue: 601 } } }], baseline);
    expect(spreadUnknown(full!)).toBe(false);
    expect(simulationTargets([full!])).toHaveLength(1);
  });
});

describe('assessScenario and scenario results', () => {
  it('joins the Monte Carlo outcome: probabilities, fans and statuses', () => {
    const projections = evaluateScenario(sampleTargetInputs, baseline);
    const monteCarlo = runMonteCarlo({ targets: simulationTargets(projections), paths: 20_000, seed: 2024 });
    const assessments = assessScenario(projections, monteCarlo);
    for (const assessment of assessments) {
      expect(assessment.probability).toBeGreaterThanOrEqual(0);
      expect(assessment.probability).toBeLessThanOrEqual(1);
      const last = assessment.fan.at(-1)!;
      expect(last.p10!).toBeLessThanOrEqual(last.p50!);
      expect(last.p50!).toBeLessThanOrEqual(last.p90!);
    }
    const hte = assessments.find((assessment) => assessment.targetId === 'hte_valid')!;
    expect(hte.probability).toBeGreaterThan(0.8);
    expect(hte.status).toBe('on-track');
    // Same seed, same answer.
    const again = assessScenario(projections, runMonteCarlo({ targets: simulationTargets(projections), paths: 20_000, seed: 2024 }));
    expect(again.map((assessment) => assessment.probability)).toEqual(assessments.map((assessment) => assessment.probability));

    const rows = scenarioResultRows(baseline, assessments);
    expect(rows).toHaveLength(assessments.reduce((sum, assessment) => sum + assessment.fan.length, 0));
    const hteRow = rows.find((row) => row.target_id === 'hte_valid')!;
    expect(hteRow).toMatchObject({ scenario: '基准情景', scenario_id: 'baseline', indicator: 'hte_valid_count', year: 2024, method: 'stock-flow', target: 1000, comparator: '>', meets: true, status: 'on-track' });
    const ratioFirstYear = rows.find((row) => row.target_id === 'rd_gdp' && row.year === 2023)!;
    expect(ratioFirstYear).toMatchObject({ target: null, meets: null, probability: null });
    expect(Object.keys(hteRow)).toEqual(SCENARIO_RESULT_COLUMNS.map((column) => column.name));
  });
});

describe('scenario files', () => {
  it('round-trips the default scenarios', () => {
    const file = { version: 1, scenarios: defaultScenarios(sampleTargetInputs) };
    expect(parseScenarioFile(JSON.parse(JSON.stringify(file)))).toEqual(file);
  });

  it('names the bad field', () => {
    expect(() =>
      parseScenarioFile({ version: 1, scenarios: [{ id: 'a', name: 'A', kind: 'custom', assumptions: { hte: { recertificationRate: 1.5 } } }] }),
    ).toThrow(/^Scenario file at scenarios\[0\]\.assumptions\.hte\.recertificationRate: /);
    expect(() =>
      parseScenarioFile({
        version: 1,
        scenarios: [
          { id: 'a', name: 'A', kind: 'custom', assumptions: {} },
          { id: 'a', name: 'B', kind: 'custom', assumptions: {} },
        ],
      }),
    ).toThrow('Scenario file at scenarios[1].id: the id "a" is used twice');
    expect(() => parseScenarioFile({ version: 2, scenarios: [] })).toThrow(/^Scenario file at version: /);
  });
});

describe('adjustProjection', () => {
  it('compounds the adjustment, and keeps logistic paths under the ceiling', () => {
    const growth = projectSeries([{ year: 2023, value: 100 }], { method: 'growth', rate: 0.1 }, 2025);
    expect(adjustProjection(growth, 0.1).path.map((point) => point.value)).toEqual([expect.closeTo(121, 10), expect.closeTo(146.41, 10)]);
    const shares = projectSeries([{ year: 2022, value: 80 }, { year: 2023, value: 90 }], { method: 'logistic' }, 2030);
    for (const point of adjustProjection(shares, 5).path) expect(point.value).toBeLessThanOrEqual(100);
  });
});

describe('pooled drift on the board', () => {
  const prior = { spreadClass: 'count' as const, sd: 0.18, source: 'bundled' as const, changes: 8, series: 3, drift: 0.1, driftChanges: 8 };
  const definition = { id: 'd', indicatorCode: 'd', name: 'd', unit: '家', paceKind: 'stock' as const, target: { comparator: '>=' as const, value: 130, year: 2025 } };
  it('grows a single value at the pooled drift instead of a flat line, and says so on the spread', () => {
    const input: TargetInput = { definition: { ...definition, spreadPrior: prior }, model: { kind: 'series', series: [{ year: 2023, value: 100 }], method: { method: 'growth', rate: 0 } } };
    const [projection] = evaluateScenario([input], baseline);
    expect(projection!.projectedValue).toBeCloseTo(121, 9);
    expect(projection!.spread?.drift).toMatchObject({ drift: 0.1, ownWeight: 0, steps: 0 });
    // Without a prior it stays flat; a planner's own method is left alone.
    expect(evaluateScenario([{ ...input, definition }], baseline)[0]!.projectedValue).toBe(100);
    const own = { ...baseline, assumptions: { d: { method: { method: 'growth' as const, rate: 0 } } } };
    expect(evaluateScenario([input], own)[0]!.projectedValue).toBe(100);
  });
  it('carries a year-end total forward at the drift', () => {
    const input: TargetInput = {
      definition: { ...definition, spreadPrior: prior, target: { ...definition.target, year: 2024 } },
      model: { kind: 'yearEnd', current: { year: 2023, month: 12, cumulativeValue: 100 }, cumulative: [], annual: [{ year: 2023, value: 100 }] },
    };
    expect(evaluateScenario([input], baseline)[0]!.projectedValue).toBeCloseTo(110, 9);
  });
});
