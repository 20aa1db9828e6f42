import { describe, expect, it } from 'vitest';
import { assessScenario, evaluateScenario, defaultScenarios } from '../projection/scenario';
import { defaultSpreadPriors } from '../projection/spreadPrior';
import { runMonteCarlo } from '../projection/monteCarlo';
import { simulationTargets } from '../projection/scenario';
import { completeBoardTarget } from './boardTarget';
import { chartSourceNote, targetFanChart } from './targetFanChart';
import { targetModelFor } from './targetModel';

const target = completeBoardTarget({
  targetId: 't2024_rd',
  indicatorCode: 'industrial_rd_expenditure',
  nameZh: '规模以上工业企业研发费用',
  nameEn: 'R&D',
  unit: '亿元',
  region: '慈溪市',
  scope: '全市',
  year: 2024,
  comparator: '>',
  value: 100,
  note: null,
  sourceTitle: '2024年工作思路',
  origin: 'bundled',
  indicatorKind: 'level',
  observations: [80, 86, 92].map((value, index) => ({ year: 2021 + index, period: 'annual', value, status: 'actual', origin: index === 2 ? 'user' : 'bundled', sourceTitle: index === 2 ? null : '慈溪统计年鉴', sourceDate: null })),
  newCertificationObservations: [],
});
const labels = { title: '研发费用：各情景预测', year: '年份', history: '实际值', target: '目标 超过 100 亿元', language: 'zh' as const };

describe('the board chart through the chart module', () => {
  it('draws history, the selected scenario with its P10–P90 fan, the other scenarios and the target line', () => {
    const { input } = targetModelFor(target, defaultSpreadPriors());
    const scenarios = defaultScenarios([input!]);
    const lines = scenarios.map((scenario, index) => {
      const projections = evaluateScenario([input!], scenario);
      const monteCarlo = runMonteCarlo({ targets: simulationTargets(projections), paths: 500, seed: 1 });
      return { name: scenario.name, assessment: assessScenario(projections, monteCarlo)[0]!, selected: index === 0 };
    });
    const outcome = targetFanChart(target, lines, labels);
    expect(outcome?.ok).toBe(true);
    const { data, layout } = (outcome as Extract<typeof outcome, { ok: true }>).figure;
    const names = data.map((trace) => trace.name);
    expect(names).toEqual(['基准情景', '基准情景（预测）', 'P10', 'P10–P90', '乐观情景', '悲观情景']);
    // The target is the chart module's target line, labelled.
    expect(layout.shapes).toContainEqual(expect.objectContaining({ type: 'line', y0: 100, y1: 100 }));
    expect(JSON.stringify(layout.annotations)).toContain('目标 超过 100 亿元');
    // The history stops at 2023 and the projection starts there.
    expect(data[0]!.y).toEqual([80, 86, 92, null]);
    expect((data[1]!.y as (number | null)[])[2]).toBe(92);
    // The source line names where the plotted figures come from, then the target.
    expect(JSON.stringify(layout.annotations)).toContain('数据来源：实际值：慈溪统计年鉴（2021–2022年）；自填（2023年）。目标：2024年工作思路');
  });

  it('names each plotted figure’s source in the UI language, and only the target’s when nothing is plotted', () => {
    expect(chartSourceNote(target, 'en')).toBe('Actuals: 慈溪统计年鉴 (2021–2022); your own figures (2023). Target: 2024年工作思路');
    expect(chartSourceNote({ ...target, history: [] }, 'zh')).toBe('目标：2024年工作思路');
    // A planner's correction between two bundled years: the yearbook is not credited with it.
    const gap = [2019, 2020, 2021, 2023].map((year) => ({ year, value: 1, status: 'actual', origin: year === 2020 ? 'user' : 'bundled', sourceTitle: year === 2020 ? null : '慈溪统计年鉴' }));
    expect(chartSourceNote({ ...target, history: gap }, 'zh')).toBe('实际值：慈溪统计年鉴（2019、2021、2023年）；自填（2020年）。目标：2024年工作思路');
    expect(chartSourceNote({ ...target, history: gap.map((point) => ({ ...point, origin: 'bundled', sourceTitle: '年鉴' })) }, 'en')).toBe('Actuals: 年鉴 (2019–2021, 2023). Target: 2024年工作思路');
    expect(chartSourceNote({ ...target, history: [], sourceTitle: null }, 'zh')).toBeNull();
    const outcome = targetFanChart(target, [], { ...labels, language: 'en' });
    expect(outcome?.ok && JSON.stringify(outcome.figure.layout.annotations)).toContain('Source: Actuals:');
  });

  it('leaves room under the plot for every line of a long source note', () => {
    const longSource = '慈溪市科学技术局2023年度工作总结和2024年工作思路（慈溪市人民政府门户网站，2024-02-01 发布）';
    const outcome = targetFanChart({ ...target, sourceTitle: longSource, history: target.history.map((point) => ({ ...point, sourceTitle: longSource, origin: 'bundled' })) }, [], labels);
    if (!outcome?.ok) throw new Error('no chart');
    const source = (outcome.figure.layout.annotations as { name?: string; text: string; yshift: number }[]).find((annotation) => annotation.name === 'source')!;
    const lines = source.text.split('<br>').length;
    expect(lines).toBeGreaterThan(1);
    // 16 px a line at 12 px type, under the tick labels and axis title the annotation is shifted past.
    expect(Number((outcome.figure.layout.margin as { b: number }).b)).toBeGreaterThanOrEqual(-source.yshift + lines * 16);
  });

  it('is a line chart without a fan when no scenario has a spread, and nothing without data', () => {
    const flat = { ...target, history: [] as typeof target.history };
    expect(targetFanChart(flat, [], labels)).toBeNull();
    const outcome = targetFanChart(target, [], labels);
    expect(outcome?.ok && outcome.figure.data.map((trace) => trace.name)).toEqual(['实际值']);
  });
});
