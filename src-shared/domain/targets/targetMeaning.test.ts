import { describe, expect, it } from 'vitest';
import { defaultScenarios, evaluateScenario } from '../projection/scenario';
import { defaultSpreadPriors } from '../projection/spreadPrior';
import { completeBoardTarget } from './boardTarget';
import { observation, targetFacts } from '../../../tests/fixtures/targetFacts';
import { chooseObservations, compareYearPeriod, latestObservation, periodRank } from './observationChoice';
import { factNotesText } from './targetFactText';
import { measureKindFor, readTarget, upperBoundFor } from './targetMeaning';
import { targetModelFor } from './targetModel';

const obs = observation;
const facts = targetFacts;

describe('what a target measures', () => {
  it('tells stocks, counts made within the year, percentages and coverage apart, and bounds shares and coverage at 100', () => {
    expect(measureKindFor({ code: 'hightech_enterprises', nameZh: '有效高新技术企业', unit: '家', kind: 'level' })).toBe('stock');
    expect(measureKindFor({ code: 'new_provincial_tech_smes', nameZh: '新增浙江省科技型中小企业', unit: '家', kind: 'level' })).toBe('flow');
    expect(measureKindFor({ code: 'rd_gdp_ratio', nameZh: '全社会R&D经费占GDP比重', unit: '%', kind: 'share' })).toBe('percentage');
    expect(measureKindFor({ code: 'rd_activity_coverage', nameZh: '制造业1亿元以上企业研发活动覆盖率', unit: '%', kind: 'share' })).toBe('coverage');
    expect(upperBoundFor('coverage', 'share')).toBe(100);
    expect(upperBoundFor('percentage', 'share')).toBe(100);
    expect(upperBoundFor('percentage', 'growth_rate')).toBeNull();
    expect(upperBoundFor('stock', 'level')).toBeNull();
  });

  it('reads "四大公共服务中心" (= 4) as at least 4, and = 100 % on a coverage as full coverage', () => {
    expect(readTarget('=', 4, 'stock')).toEqual({ comparator: '>=', written: '=', reading: 'count-at-least' });
    expect(readTarget('=', 100, 'coverage')).toEqual({ comparator: '=', written: '=', reading: 'full-coverage' });
    expect(readTarget('>', 1000, 'stock')).toEqual({ comparator: '>', written: '>', reading: 'as-written' });
  });
});

describe('one row, one verdict', () => {
  it('counts 5 public service centres against "四大公共服务中心" as met, exceeded by 1, never "差 -1"', () => {
    const target = completeBoardTarget(
      facts({ indicatorCode: 'smart_appliance_public_service_centers', nameZh: '智能家电技术创新中心公共服务中心', comparator: '=', value: 4, observations: [obs(2024, 'annual', 5)] }),
    );
    expect(target.comparator).toBe('>=');
    expect(target.latestMeets).toBe(true);
    expect(target.gap).toEqual({ absolute: -1, relative: -0.25 });
    expect(target.pace).toEqual({ kind: 'met' });
    expect(factNotesText(target, 'zh')).toContain('按“不少于”理解');
  });

  it('does not count 99.7 % as 全覆盖; 99.95 % is, after rounding', () => {
    const coverage = (value: number) =>
      completeBoardTarget(
        facts({ indicatorCode: 'rd_activity_coverage', nameZh: '研发活动覆盖率', unit: '%', indicatorKind: 'share', comparator: '=', value: 100, observations: [obs(2024, 'annual', value)] }),
      );
    expect(coverage(99.7).latestMeets).toBe(false);
    expect(coverage(99.7).pace).toEqual({ kind: 'missed', shortfall: expect.closeTo(0.3, 9) as unknown as number });
    expect(coverage(99.95).latestMeets).toBe(true);
    expect(coverage(99.95).upperBound).toBe(100);
  });

  it("gives 新增宁波市级及以上研发机构 the document's comparable count (新认定宁波市级企业技术研发中心 34), with its caveat", () => {
    const target = completeBoardTarget(
      facts({
        indicatorCode: 'new_ningbo_rd_institutions',
        nameZh: '新增宁波市级及以上研发机构',
        unit: '家',
        value: 20,
        observations: [obs(2023, 'annual', 34, { countedFrom: 'new_ningbo_enterprise_rd_centers' })],
      }),
    );
    expect(target.latest).toMatchObject({ year: 2023, value: 34 });
    expect(target.history).toMatchObject([{ year: 2023, value: 34, status: 'actual' }]);
    expect(target.countsCaveat?.zh).toContain('新认定宁波市级企业技术研发中心');
    expect(factNotesText(target, 'zh')).toContain('下限');
  });
});

describe('choosing the figures', () => {
  it('orders periods by the month they end with, not as text', () => {
    const rows = [obs(2024, '1-6月', 1), obs(2024, '1-11月', 2), obs(2023, 'annual', 3), obs(2023, '上半年', 4)];
    expect([...rows].sort(compareYearPeriod).map((row) => row.period)).toEqual(['上半年', 'annual', '1-6月', '1-11月']);
    expect(latestObservation(rows, 2024)?.period).toBe('1-11月');
    expect(latestObservation(rows, 2023)?.period).toBe('annual');
    expect(periodRank('1-12月')! < periodRank('annual')!).toBe(true);
  });

  it("lets a user's correction win and says so", () => {
    const { chosen, notes } = chooseObservations([obs(2023, 'annual', 880), obs(2023, 'annual', 901, { origin: 'user' })]);
    expect(chosen.map((row) => row.value)).toEqual([901]);
    expect(notes).toEqual([{ kind: 'user-correction', year: 2023, period: 'annual', bundledValue: 880 }]);
  });

  it('uses the later-published of two bundled sources that disagree, and says which', () => {
    const { chosen, notes } = chooseObservations([
      obs(2022, 'annual', 2330.1, { sourceTitle: '2022年统计公报', sourceDate: '2023-03-20' }),
      obs(2022, 'annual', 2345.6, { sourceTitle: '2023年统计年鉴', sourceDate: '2023-10-10' }),
    ]);
    expect(chosen.map((row) => row.value)).toEqual([2345.6]);
    expect(notes).toEqual([
      {
        kind: 'sources-disagree',
        year: 2022,
        period: 'annual',
        used: { value: 2345.6, sourceTitle: '2023年统计年鉴', sourceDate: '2023-10-10' },
        other: { value: 2330.1, sourceTitle: '2022年统计公报', sourceDate: '2023-03-20' },
      },
    ]);
  });

  it('prefers a measured figure to a derived one whatever their dates, and the indicator\'s own figure to a comparable count', () => {
    const { chosen } = chooseObservations([
      obs(2022, 'annual', 155.36, { status: 'derived', sourceDate: '2024-02-01' }),
      obs(2022, 'annual', 156, { sourceDate: '2023-02-01' }),
      obs(2023, 'annual', 34, { countedFrom: 'other' }),
      obs(2023, 'annual', 30),
    ]);
    expect(chosen.map((row) => row.value)).toEqual([156, 30]);
  });
});

describe('bounded projections', () => {
  it('never projects a coverage of 90 % then 96 % past 100 % (CAGR gave 102.4 %)', () => {
    const target = completeBoardTarget(
      facts({
        indicatorCode: 'rd_activity_coverage',
        nameZh: '制造业1亿元以上企业研发活动覆盖率',
        unit: '%',
        indicatorKind: 'share',
        comparator: '=',
        value: 100,
        year: 2024,
        observations: [obs(2022, 'annual', 90), obs(2023, 'annual', 96)],
      }),
    );
    const { input } = targetModelFor(target, defaultSpreadPriors());
    const scenario = { id: 'baseline', name: '基准情景', kind: 'baseline', assumptions: {} } as const;
    const [projection] = evaluateScenario([input!], { ...scenario, id: scenario.id as never });
    expect(projection!.projectedValue).toBeLessThan(100);
    expect(projection!.projectedValue).toBeGreaterThan(96);
    // Even a method without a ceiling, and an optimistic growth adjustment, stop at the bound.
    const [cagr] = evaluateScenario([input!], { ...scenario, id: scenario.id as never, assumptions: { [input!.definition.assumptionKey!]: { method: { method: 'cagr' }, growthAdjustment: 0.1 } } });
    expect(cagr!.projectedValue).toBe(100);
  });
});

describe('two targets on one indicator', () => {
  it('share the indicator\'s assumptions (2024 and 2025 move together)', () => {
    const history = [obs(2021, 'annual', 70), obs(2022, 'annual', 80), obs(2023, 'annual', 90)];
    const make = (targetId: string, year: number, value: number) =>
      targetModelFor(completeBoardTarget(facts({ targetId, indicatorCode: 'industrial_rd_expenditure', unit: '亿元', comparator: '>', value, year, observations: history })), defaultSpreadPriors())
        .input!;
    const inputs = [make('t2024_rd', 2024, 100), make('t2025_rd', 2025, 110)];
    expect(inputs[0]!.definition.assumptionKey).toBe(inputs[1]!.definition.assumptionKey);
    const scenario = { id: 'custom' as never, name: 'x', kind: 'custom' as const, assumptions: {} };
    const before = evaluateScenario(inputs, scenario).map((projection) => projection.projectedValue);
    const moved = evaluateScenario(inputs, { ...scenario, assumptions: { [inputs[0]!.definition.assumptionKey!]: { growthAdjustment: 0.1 } } }).map(
      (projection) => projection.projectedValue,
    );
    expect(moved[0]).toBeCloseTo(before[0]! * 1.1, 9);
    expect(moved[1]).toBeCloseTo(before[1]! * 1.1 ** 2, 9);
  });
});

describe('optimistic and pessimistic scenarios', () => {
  it('come from the same spread as the fan (±1.28 σ), not a fixed ±10 %', () => {
    const rd = (value: number) => obs(2023, 'annual', value);
    const input = targetModelFor(completeBoardTarget(facts({ indicatorCode: 'industrial_rd_expenditure', unit: '亿元', comparator: '>', value: 100, observations: [rd(90)] })), defaultSpreadPriors()).input!;
    const [, optimistic, pessimistic] = defaultScenarios([input]);
    const key = input.definition.assumptionKey!;
    // One value: σ is the money prior 0.12, widened √(1 + 1/4) for the unknown trend, one year ahead.
    const expected = Math.round(1.2816 * 0.12 * Math.sqrt(1.25) * 1000) / 1000;
    expect(optimistic!.assumptions[key]).toEqual({ growthAdjustment: expected });
    expect(pessimistic!.assumptions[key]).toEqual({ growthAdjustment: -expected });
    expect(expected).not.toBe(0.1);
  });
});

describe('values an indicator cannot have', () => {
  it('refuses a share or coverage over 100 % and a negative count, amount or share; a growth rate may be anything', async () => {
    const { impossibleValue } = await import('./targetMeaning');
    const rdGdp = { code: 'rd_gdp_ratio', nameZh: '全社会R&D经费占GDP比重', unit: '%', kind: 'share' };
    expect(impossibleValue(rdGdp, 150)).toEqual({ en: 'a share cannot be over 100%', zh: '比重不能超过 100%' });
    expect(impossibleValue(rdGdp, 100)).toBeNull();
    expect(impossibleValue({ code: 'rd_activity_coverage', nameZh: '研发活动覆盖率', unit: '%', kind: 'share' }, 100.5)?.zh).toBe('覆盖率不能超过 100%');
    expect(impossibleValue({ code: 'hightech_enterprises', nameZh: '有效高新技术企业', unit: '家', kind: 'level' }, -1)?.zh).toBe('不能为负数');
    expect(impossibleValue({ code: 'gdp_growth', nameZh: '地区生产总值增长', unit: '%', kind: 'growth_rate' }, -12)).toBeNull();
    expect(impossibleValue({ code: 'gdp_growth', nameZh: '地区生产总值增长', unit: '%', kind: 'growth_rate' }, 150)).toBeNull();
    expect(impossibleValue({ code: 'x', nameZh: '某比率', unit: '%', kind: null }, 150)).toBeNull();
  });
});
