import { describe, expect, it } from 'vitest';
import { defaultChartSpec, movedTarget, type ChartColumn } from './ChartSpec';
import { axisTicks, buildChartFigure, CHART_FONT_FAMILY, MAX_LABELLED_POINTS, projectedName, type ChartFigure } from './buildChartFigure';

const year: ChartColumn = { name: '年份', numeric: true, yearLike: true, values: [2021, 2022, 2023] };
const amount: ChartColumn = { name: '研发经费', numeric: true, yearLike: false, values: [6_200_000_000, 7_900_000_000, 9_300_000_000] };
const growth: ChartColumn = { name: '同比增速', numeric: true, yearLike: false, values: [12.5, 27.4, 17.7] };
const other: ChartColumn = { name: '规上工业', numeric: true, yearLike: false, values: [5_000_000_000, 6_000_000_000, null] };
const label: ChartColumn = { name: '区域', numeric: false, yearLike: false, values: ['全市', '宗汉', '坎墩'] };

function figureOf(outcome: ReturnType<typeof buildChartFigure>): ChartFigure {
  if (!outcome.ok) throw new Error(outcome.problem.en);
  return outcome.figure;
}

describe('buildChartFigure', () => {
  it('combo: bars in 亿元 on the left axis, growth line in % on the right', () => {
    const figure = figureOf(buildChartFigure({ kind: 'combo', x: '年份', y: ['研发经费'], y2: ['同比增速'], unit: '元', title: '研发经费', subtitle: '2021—2023年', sourceNote: '慈溪市统计局' }, [year, amount, growth]));
    expect(figure.data).toHaveLength(2);
    expect(figure.data[0]).toMatchObject({ type: 'bar', name: '研发经费', x: ['2021', '2022', '2023'], y: [62, 79, 93] });
    expect(figure.data[1]).toMatchObject({ type: 'scatter', name: '同比增速', yaxis: 'y2', y: [12.5, 27.4, 17.7], mode: 'lines+markers' });
    expect(figure.layout.yaxis).toMatchObject({ title: { text: '研发经费（亿元）' } });
    expect(figure.layout.yaxis2).toMatchObject({ title: { text: '同比增速（%）' }, overlaying: 'y', side: 'right' });
    // Bars in the lower part (0 to 1.9 × the largest bar), the growth line above them.
    expect(figure.layout.yaxis).toMatchObject({ range: [0, 176.7] });
    expect(figure.layout.yaxis2).toMatchObject({ range: [-20.28, 31.125] });
    // Ticks only where each axis has data: no negative growth ticks under a line of positive rates.
    expect(figure.layout.yaxis).toMatchObject({ tickmode: 'array', tickvals: [0, 20, 40, 60, 80, 100] });
    expect(figure.layout.yaxis2).toMatchObject({ tickmode: 'array', tickvals: [0, 10, 20, 30] });
    expect(figure.layout.xaxis).toMatchObject({ type: 'category', title: { text: '年份' }, categoryorder: 'array', categoryarray: ['2021', '2022', '2023'] });
    expect(figure.layout.title).toMatchObject({ text: '研发经费', yref: 'container', yanchor: 'top', subtitle: { text: '2021—2023年', font: { size: 13 } } });
    expect(figure.layout.annotations).toEqual([
      // Below the tick labels (one line) and the axis title: 10 + 17 + 30 px.
      { name: 'source', xref: 'paper', x: 0, xanchor: 'left', yref: 'paper', y: 0, yanchor: 'top', yshift: -57, text: '数据来源：慈溪市统计局', showarrow: false, align: 'left', font: { size: 12 } },
    ]);
    expect(figure.layout.margin).toMatchObject({ b: 64 + 6 + 16 });
    expect(figure.layout.font).toEqual({ family: CHART_FONT_FAMILY, size: 14, color: '#1d2430' });
  });

  it('puts a long source line under labels of several lines, wrapped, with the margin to hold it', () => {
    const names: ChartColumn = { name: '单位', numeric: false, yearLike: false, values: ['新增宁波市级以上研发机构', '产业创新集群'] };
    const rate: ChartColumn = { name: '完成度', numeric: true, yearLike: false, values: [50, 90] };
    const note = '实际值：政府工作报告（节选）——在慈溪市第十六届人民代表大会第四次会议上的报告（2014年）。目标：慈溪市科学技术局2023年度工作总结和2024年工作思路';
    const figure = figureOf(buildChartFigure({ kind: 'bar', x: '单位', y: ['完成度'], sourceNote: note }, [names, rate]));
    const ticks = (figure.layout.xaxis as { ticktext: string[] }).ticktext;
    const tickLines = Math.max(...ticks.map((text) => text.split('<br>').length));
    const [source] = figure.layout.annotations as { text: string; yshift: number }[];
    const sourceLines = source!.text.split('<br>');
    expect(sourceLines.length).toBeGreaterThan(1);
    expect(sourceLines.join('')).toBe(`数据来源：${note}`);
    expect(source!.yshift).toBe(-(10 + 17 * tickLines + 30));
    expect(figure.layout.margin).toMatchObject({ b: 10 + 17 * tickLines + 30 + 6 + 16 * sourceLines.length });
    // A note a page long takes three lines at most, the last ending with …
    const page = figureOf(buildChartFigure({ kind: 'bar', x: '单位', y: ['完成度'], sourceNote: '某某文件第三章第二节'.repeat(60) }, [names, rate]));
    const pageLines = (page.layout.annotations as { text: string }[])[0]!.text.split('<br>');
    expect(pageLines).toHaveLength(3);
    expect(pageLines[2]!.endsWith('…')).toBe(true);
    // In English the figure says Source:
    const english = figureOf(buildChartFigure({ kind: 'bar', x: '单位', y: ['完成度'], sourceNote: '慈溪市统计局' }, [names, rate], undefined, 'en'));
    expect((english.layout.annotations as { text: string }[])[0]!.text).toBe('Source: 慈溪市统计局');
  });

  it('bar with text categories: labels wrapped onto lines and horizontal; years stay plain', () => {
    const names: ChartColumn = { name: '目标', numeric: false, yearLike: false, values: ['新增宁波市级以上研发机构', 'R&D经费占GDP比重', '产业创新集群', null] };
    const rate: ChartColumn = { name: '完成度', numeric: true, yearLike: false, values: [50, 90, null, 10] };
    const figure = figureOf(buildChartFigure({ kind: 'bar', x: '目标', y: ['完成度'], unit: '%' }, [names, rate]));
    expect(figure.layout.xaxis).toMatchObject({
      tickangle: 0,
      tickmode: 'array',
      tickvals: ['新增宁波市级以上研发机构', 'R&D经费占GDP比重', '产业创新集群'],
      ticktext: ['新增宁波市级以上研发<br>机构', 'R&amp;D经费占GDP比重', '产业创新集群'],
    });
    const many: ChartColumn = { name: '目标', numeric: false, yearLike: false, values: Array.from({ length: 10 }, (_, index) => `新增宁波市级以上研发机构${index}`) };
    const ten = figureOf(buildChartFigure({ kind: 'bar', x: '目标', y: ['完成度'] }, [many, { ...rate, values: many.values.map(() => 1) }]));
    expect((ten.layout.xaxis as { ticktext: string[] }).ticktext[0]).toBe('新增宁<br>波市级<br>以上研<br>发机构<br>0');
    const years = figureOf(buildChartFigure({ kind: 'bar', x: '年份', y: ['研发经费'] }, [year, amount]));
    expect(years.layout.xaxis).not.toHaveProperty('ticktext');
  });

  it('a whole result of 10,000 bars keeps every bar in order but labels about eight of them', () => {
    const firms: ChartColumn = { name: '单位', numeric: false, yearLike: false, values: Array.from({ length: 10_000 }, (_, index) => `慈溪市某某科技有限公司${index}`) };
    const spend: ChartColumn = { name: '研发投入', numeric: true, yearLike: false, values: firms.values.map((_value, index) => index) };
    const figure = figureOf(buildChartFigure({ kind: 'bar', x: '单位', y: ['研发投入'] }, [firms, spend]));
    const xaxis = figure.layout.xaxis as { categoryarray: string[]; tickvals: string[]; ticktext: string[] };
    expect(xaxis.categoryarray).toHaveLength(10_000);
    expect(xaxis.tickvals).toEqual(Array.from({ length: 8 }, (_, index) => `慈溪市某某科技有限公司${index * 1250}`));
    expect(xaxis.ticktext[1]).toBe('慈溪市某<br>某科技有<br>限公司<br>1250');
    // Before, every label was written out: 1.9 MB of figure, 0.8 MB of it tick text.
    expect(new TextEncoder().encode(JSON.stringify(figure)).byteLength).toBeLessThan(1_000_000);
  });

  it('combo without a second-axis series says what is missing', () => {
    expect(buildChartFigure({ kind: 'combo', x: '年份', y: ['研发经费'] }, [year, amount])).toEqual({ ok: false, problem: { en: 'a combination chart needs a second-axis series (y2), e.g. the growth rate', zh: '组合图需要一个次坐标轴系列，例如增速' } });
  });

  it('print preset: black and greys, series differ by dash, marker and bar pattern; the font is named', () => {
    const lines = figureOf(buildChartFigure({ kind: 'line', x: '年份', y: ['研发经费', '规上工业'], unit: '元', preset: 'print' }, [year, amount, other]));
    expect(lines.data.map((trace) => trace.line)).toEqual([
      { color: '#000000', width: 2, dash: 'solid' },
      { color: '#000000', width: 2, dash: 'dash' },
    ]);
    expect(lines.data.map((trace) => (trace.marker as { symbol: string }).symbol)).toEqual(['circle', 'square']);
    expect(lines.layout.paper_bgcolor).toBe('#ffffff');
    expect((lines.layout.font as { family: string }).family.startsWith('"Noto Sans SC"')).toBe(true);
    const bars = figureOf(buildChartFigure({ kind: 'bar', x: '年份', y: ['研发经费', '规上工业'], unit: '元', preset: 'print', stacked: true }, [year, amount, other]));
    expect(bars.layout.barmode).toBe('stack');
    expect(bars.data.map((trace) => trace.marker)).toEqual([
      { color: '#404040', line: { color: '#000000', width: 1 }, pattern: { shape: '', fgcolor: '#000000', size: 6, solidity: 0.25 } },
      { color: '#bfbfbf', line: { color: '#000000', width: 1 }, pattern: { shape: '', fgcolor: '#000000', size: 6, solidity: 0.25 } },
    ]);
    expect(bars.data[1]!.y).toEqual([50, 60, null]);
  });

  it('target lines and bands are drawn in the scaled unit, with labels', () => {
    const figure = figureOf(buildChartFigure({ kind: 'bar', x: '年份', y: ['研发经费'], unit: '元', targets: [{ value: 10_000_000_000, label: '2024年目标 100亿元' }], bands: [{ from: 9_000_000_000, to: 11_000_000_000 }] }, [year, amount]));
    expect(figure.layout.shapes).toEqual([
      { type: 'rect', xref: 'paper', x0: 0, x1: 1, yref: 'y', y0: 90, y1: 110, fillcolor: 'rgba(200,16,46,0.08)', line: { width: 0 }, layer: 'below' },
      { type: 'line', xref: 'paper', x0: 0, x1: 1, yref: 'y', y0: 100, y1: 100, line: { color: '#c8102e', width: 1.5, dash: 'dash' } },
    ]);
    expect(figure.layout.annotations).toEqual([
      { xref: 'paper', x: 0.01, xanchor: 'left', yref: 'y', y: 100, yanchor: 'bottom', text: '2024年目标 100亿元', showarrow: false, font: { size: 12, color: '#c8102e' } },
    ]);
  });

  it('data labels on bars sit outside and keep up to four significant digits', () => {
    const figure = figureOf(buildChartFigure({ kind: 'bar', x: '区域', y: ['同比增速'], unit: '%', dataLabels: true }, [label, growth]));
    expect(figure.data[0]).toMatchObject({ texttemplate: '%{y:,.4~r}', textposition: 'outside', x: ['全市', '宗汉', '坎墩'] });
  });

  it(`draws data labels on at most ${MAX_LABELLED_POINTS} points; a waterfall labels by default`, () => {
    const series = (points: number): ChartColumn[] => [
      { name: '序号', numeric: false, yearLike: false, values: Array.from({ length: points }, (_unused, index) => `第${index + 1}`) },
      { name: '数值', numeric: true, yearLike: false, values: Array.from({ length: points }, (_unused, index) => index) },
    ];
    const labelled = (points: number, kind: 'bar' | 'line' | 'waterfall', dataLabels?: boolean) =>
      'texttemplate' in figureOf(buildChartFigure({ kind, x: '序号', y: ['数值'], ...(dataLabels === undefined ? {} : { dataLabels }) }, series(points))).data[0]!;
    expect([labelled(MAX_LABELLED_POINTS, 'bar', true), labelled(MAX_LABELLED_POINTS + 1, 'bar', true), labelled(MAX_LABELLED_POINTS + 1, 'line', true)]).toEqual([true, false, false]);
    expect([labelled(12, 'waterfall'), labelled(12, 'waterfall', false), labelled(MAX_LABELLED_POINTS + 1, 'waterfall')]).toEqual([true, false, false]);
  });

  it('names the projection in the language of its column: 企业数（预测）, Baseline (projected)', () => {
    expect([projectedName('企业数'), projectedName('Baseline'), projectedName('R&D 经费')]).toEqual(['企业数（预测）', 'Baseline (projected)', 'R&D 经费（预测）']);
  });

  it('fan: history solid, projection dashed from the last actual year, P10–P90 band over the projected years', () => {
    const years: ChartColumn = { name: '年份', numeric: true, yearLike: true, values: [2022, 2023, 2024, 2025] };
    const value: ChartColumn = { name: '企业数', numeric: true, yearLike: false, values: [780, 866, 950, 1030] };
    const p10: ChartColumn = { name: 'P10', numeric: true, yearLike: false, values: [null, null, 920, 980] };
    const p90: ChartColumn = { name: 'P90', numeric: true, yearLike: false, values: [null, null, 985, 1090] };
    const figure = figureOf(buildChartFigure({ kind: 'fan', x: '年份', y: ['企业数'], low: 'P10', high: 'P90', unit: '家' }, [years, value, p10, p90]));
    expect(figure.data.map((trace) => [trace.name, trace.x, trace.y])).toEqual([
      ['企业数', ['2022', '2023', '2024', '2025'], [780, 866, null, null]],
      ['企业数（预测）', ['2022', '2023', '2024', '2025'], [null, 866, 950, 1030]],
      ['P10', ['2023', '2024', '2025'], [866, 920, 980]],
      ['P10–P90', ['2023', '2024', '2025'], [866, 985, 1090]],
    ]);
    expect(figure.data[3]!.fill).toBe('tonexty');
    expect((figure.data[0]!.line as { dash: string }).dash).toBe('solid');
    expect((figure.data[1]!.line as { dash: string }).dash).toBe('dash');
    expect(figure.layout.yaxis).toMatchObject({ title: { text: '企业数（家）' }, rangemode: 'normal' });
    expect(buildChartFigure({ kind: 'fan', x: '年份', y: ['企业数'] }, [years, value])).toEqual({ ok: false, problem: { en: 'a fan chart needs the P10 and P90 columns (low, high)', zh: '扇形图需要 P10 和 P90 两列（下沿、上沿）' } });
  });

  it('waterfall: start absolute, contributions relative, closing total', () => {
    const step: ChartColumn = { name: '项目', numeric: false, yearLike: false, values: ['2023年实有', '新认定', '到期未复审'] };
    const count: ChartColumn = { name: '家数', numeric: true, yearLike: false, values: [866, 260, -90] };
    const figure = figureOf(buildChartFigure({ kind: 'waterfall', x: '项目', y: ['家数'], unit: '家', totalLabel: '2024年预计' }, [step, count]));
    expect(figure.data).toHaveLength(1);
    expect(figure.data[0]).toMatchObject({
      type: 'waterfall',
      x: ['2023年实有', '新认定', '到期未复审', '2024年预计'],
      y: [866, 260, -90, null],
      measure: ['absolute', 'relative', 'relative', 'total'],
      texttemplate: ['%{final:,.4~r}', '%{delta:+,.4~r}', '%{delta:+,.4~r}', '%{final:,.4~r}'],
    });
    expect(figure.layout.yaxis).toMatchObject({ title: { text: '（家）' } });
    // Its names, the closing total among them, are wrapped and horizontal (Plotly tilted long ones over the source line).
    expect(figure.layout.xaxis).toMatchObject({ tickangle: 0, tickvals: ['2023年实有', '新认定', '到期未复审', '2024年预计'] });
    // Without a label of its own the total is 合计, or Total in English.
    const english = figureOf(buildChartFigure({ kind: 'waterfall', x: '项目', y: ['家数'] }, [step, count], undefined, 'en'));
    expect((english.data[0]!.x as string[]).at(-1)).toBe('Total');
  });

  it('names the missing or non-numeric column', () => {
    expect(buildChartFigure({ kind: 'line', x: '月份', y: ['研发经费'] }, [year, amount], { en: 'the result of "研发"', zh: '“研发”的结果' })).toEqual({
      ok: false,
      problem: { en: 'the result of "研发" has no column "月份" for the x axis', zh: '“研发”的结果中没有横轴所用的“月份”列' },
      column: '月份',
    });
    expect(buildChartFigure({ kind: 'line', x: '年份', y: ['区域'] }, [year, label])).toEqual({
      ok: false,
      problem: { en: 'the column "区域" is not numeric, so it cannot be drawn as values', zh: '“区域”列不是数值，不能作为数值系列绘制' },
      column: '区域',
    });
    expect(buildChartFigure({ kind: 'line', x: '年份', y: ['人数'] }, [year, amount])).toMatchObject({ problem: { zh: '结果中没有“人数”列' } });
    expect(buildChartFigure({ kind: 'line', x: '年份', y: [] }, [year, amount])).toMatchObject({ problem: { zh: '请至少选择一个数值系列' } });
  });

  it('escapes markup in user text', () => {
    const figure = figureOf(buildChartFigure({ kind: 'line', x: '年份', y: ['研发经费'], title: 'a<b>' }, [year, amount]));
    expect((figure.layout.title as { text: string }).text).toBe('a&lt;b&gt;');
  });
});

describe('horizontal bars (barh)', () => {
  const names: ChartColumn = { name: '企业', numeric: false, yearLike: false, values: ['宁波某某智能装备股份有限公司', '慈溪某某新材料科技有限公司', '某某电器'] };
  const spend: ChartColumn = { name: '研发费用', numeric: true, yearLike: false, values: [320_000_000, 150_000_000, 42_000_000] };

  it('draws one row per name, the first row at the top, the value along x in its scaled unit', () => {
    const figure = figureOf(buildChartFigure({ kind: 'barh', x: '企业', y: ['研发费用'], unit: '元' }, [names, spend]));
    expect(figure.data).toHaveLength(1);
    expect(figure.data[0]).toMatchObject({ type: 'bar', orientation: 'h', y: names.values, x: [3.2, 1.5, 0.42], hovertemplate: '%{y}: %{x:,} 亿元<extra>研发费用</extra>' });
    expect(figure.layout.yaxis).toMatchObject({ type: 'category', autorange: 'reversed', categoryorder: 'array', categoryarray: names.values, title: { text: '企业' } });
    expect(figure.layout.xaxis).toMatchObject({ type: 'linear', title: { text: '研发费用（亿元）', standoff: 8 }, rangemode: 'tozero', showgrid: true });
    // Row labels: twelve characters a line, two lines at most; not the columns' three characters a line.
    expect((figure.layout.yaxis as { ticktext: string[] }).ticktext).toEqual(['宁波某某智能装备股份有限<br>公司', '慈溪某某新材料科技有限公<br>司', '某某电器']);
    expect((figure.layout.xaxis as { ticktext?: unknown }).ticktext).toBeUndefined();
  });

  it('labels values at the bar ends and draws a target as a vertical line', () => {
    const figure = figureOf(buildChartFigure({ kind: 'barh', x: '企业', y: ['研发费用'], unit: '元', dataLabels: true, targets: [{ value: 200_000_000 }] }, [names, spend]));
    expect(figure.data[0]).toMatchObject({ texttemplate: '%{x:,.4~r}', textposition: 'outside' });
    expect(figure.layout.shapes).toEqual([{ type: 'line', yref: 'paper', y0: 0, y1: 1, xref: 'x', x0: 2, x1: 2, line: { color: '#c8102e', width: 1.5, dash: 'dash' } }]);
    // Its label above the plot, in a strip of its own, not over the first row's bar.
    expect(figure.layout.annotations).toMatchObject([{ xref: 'x', x: 2, yref: 'paper', y: 1, yanchor: 'bottom', yshift: 0, text: '目标 2亿元' }]);
    expect(figure.layout.margin).toMatchObject({ t: 16 + 20 });
    const two = figureOf(buildChartFigure({ kind: 'barh', x: '企业', y: ['研发费用', '研发费用2'], unit: '元', targets: [{ value: 200_000_000 }] }, [names, spend, { ...spend, name: '研发费用2' }]));
    expect(two.layout.annotations).toMatchObject([{ yshift: 30 }]);
    expect(two.layout.margin).toMatchObject({ t: 16 + 30 + 20 });
  });

  it('ends a target label at its line at the right end of the value axis, and starts it there at the left end', () => {
    const anchors = (targets: number[], stacked = false) =>
      (
        figureOf(buildChartFigure({ kind: 'barh', x: '企业', y: ['研发费用', '研发费用2'], unit: '元', stacked, targets: targets.map((value) => ({ value })) }, [names, spend, { ...spend, name: '研发费用2' }]))
          .layout.annotations as { xanchor: string }[]
      ).map((annotation) => annotation.xanchor);
    // The bars run 0 … 3.2亿: 2亿 is in the middle, 3亿 at the right end, 0.2亿 at the left; a target past the bars ends the axis.
    expect([200_000_000, 300_000_000, 20_000_000, 500_000_000].map((value) => anchors([value])[0])).toEqual(['center', 'right', 'left', 'right']);
    // Stacked, the axis runs to the sums (6.4亿): 3亿 is in the middle.
    expect(anchors([300_000_000], true)).toEqual(['center']);
  });

  it('refuses a second axis, naming the series, instead of dropping it', () => {
    expect(buildChartFigure({ kind: 'barh', x: '企业', y: ['研发费用'], y2: ['同比增速'] }, [names, spend, { ...growth, values: [1, 2, 3] }])).toMatchObject({
      ok: false,
      column: '同比增速',
      problem: { zh: '横向条形图没有次坐标轴：请把该系列也画成条形，或改用柱线组合图' },
    });
  });
});

describe('defaultChartSpec', () => {
  it('pairs an amount with a growth rate as a combination chart', () => {
    expect(defaultChartSpec([year, amount, growth])).toEqual({ kind: 'combo', x: '年份', y: ['研发经费'], y2: ['同比增速'] });
  });
  it('draws names as bars, and long names as horizontal bars', () => {
    expect(defaultChartSpec([label, amount, other])).toEqual({ kind: 'bar', x: '区域', y: ['研发经费'] });
    const towns = Array.from({ length: 10 }, (_, index) => `慈溪市第${index + 1}镇高新技术产业园区`);
    expect(defaultChartSpec([{ ...label, values: towns }, { ...amount, values: towns.map((_, index) => index) }])).toMatchObject({ kind: 'barh', x: '区域' });
  });
  it('draws dates and times as a line, never as names', () => {
    const months: ChartColumn = { name: '月份', numeric: false, yearLike: false, temporal: true, values: ['2024-01-01 00:00:00', '2024-02-01 00:00:00', '2024-03-01 00:00:00'] };
    expect(defaultChartSpec([months, amount])).toEqual({ kind: 'line', x: '月份', y: ['研发经费'] });
  });
  it('draws years, and numbers on x, as a line', () => {
    expect(defaultChartSpec([year, amount])).toEqual({ kind: 'line', x: '年份', y: ['研发经费'] });
    const month: ChartColumn = { name: '月', numeric: true, yearLike: false, values: [1, 2, 3] };
    expect(defaultChartSpec([month, amount])).toEqual({ kind: 'line', x: '月', y: ['研发经费'] });
  });
  it('takes the unit the rows state, or the value header\'s, so the axis says 亿元 and not just "value"', () => {
    const value: ChartColumn = { name: 'value', numeric: true, yearLike: false, values: [62, 79, 93] };
    const unit = (values: (string | null)[]): ChartColumn => ({ name: 'unit', numeric: false, yearLike: false, values });
    expect(defaultChartSpec([year, value, unit(['亿元', '亿元', null])])).toEqual({ kind: 'line', x: '年份', y: ['value'], unit: '亿元' });
    expect(defaultChartSpec([year, value, unit(['亿元', '万元', '亿元'])])).toEqual({ kind: 'line', x: '年份', y: ['value'] });
    expect(defaultChartSpec([year, { ...value, name: '金额（亿元）' }, growth]).unit).toBe('亿元');
    expect(defaultChartSpec([year, { ...value, name: '完成度（%）' }]).unit).toBe('%');
  });
});

describe('axisTicks', () => {
  it('gives about four round steps covering the range', () => {
    expect(axisTicks(0, 93)).toEqual([0, 20, 40, 60, 80, 100]);
    expect(axisTicks(-3.5, 12.8)).toEqual([-5, 0, 5, 10, 15]);
    expect(axisTicks(0, 0.42)).toEqual([0, 0.1, 0.2, 0.3, 0.4, 0.5]);
    expect(axisTicks(5, 5)).toEqual([5]);
  });
});

describe('moving a target line', () => {
  it('keeps a label that does not write the old value, and drops one that would now lie', () => {
    expect(movedTarget({ value: 100, label: '完成目标（100%）' }, 185)).toEqual({ value: 185 });
    expect(movedTarget({ value: 1500, label: 'Target 1,500' }, 1600)).toEqual({ value: 1600 });
    expect(movedTarget({ value: 2.5, label: '目标 2.5%' }, 3)).toEqual({ value: 3 });
    expect(movedTarget({ value: 100, label: '完成目标' }, 185)).toEqual({ value: 185, label: '完成目标' });
    // 10 is not written in 100 or 2010.
    expect(movedTarget({ value: 10, label: '2010年水平的100倍' }, 12)).toEqual({ value: 12, label: '2010年水平的100倍' });
    expect(movedTarget({ value: 100, label: '完成目标（100%）' }, 100)).toEqual({ value: 100, label: '完成目标（100%）' });
    expect(movedTarget(undefined, 7)).toEqual({ value: 7 });
    expect(movedTarget({ value: 100, label: '目标１００％' }, 90)).toEqual({ value: 90 });
    expect(movedTarget({ value: 100, label: '达到100.5的水平' }, 90)).toEqual({ value: 90, label: '达到100.5的水平' });
    expect(movedTarget({ value: 1e21, label: 'x' }, 2)).toEqual({ value: 2, label: 'x' });
  });
});
