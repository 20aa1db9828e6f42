import { bilingual, type Bilingual } from '../bilingual';
import type { JsonValue } from '../notebook/NotebookDocument';
import { categoryNames, type ChartColumn, type ChartPreset, type ChartSpec } from './ChartSpec';
import { axisTitle, formatScaled, scaleUnit, type ScaledUnit } from './valueScaling';
import { categoryTicks, clippedLines, rowCategoryTicks, wrapCategoryLabel } from './categoryLabels';

/**
 * ChartSpec + a result's columns → a Plotly figure as plain JSON. The app
 * draws it with Plotly; exports render the same JSON in headless Chromium,
 * so screen, PNG, SVG, PDF and briefing show the same chart.
 */

/** Plotly's figure as JSON-safe data (no Plotly import in shared code). */
export interface ChartFigure {
  data: { [key: string]: JsonValue }[];
  layout: { [key: string]: JsonValue };
}

/** Why a chart cannot be drawn, in both UI languages (the window and `iwb run` pick one). */
export type ChartFigureOutcome = { ok: true; figure: ChartFigure } | { ok: false; problem: Bilingual; column?: string };

/** The bundled CJK font, named explicitly so output never depends on the machine's fonts. */
export const CHART_FONT_FAMILY = '"Noto Sans SC", "Noto Sans CJK SC", "Microsoft YaHei", sans-serif';
export const SCREEN_COLORWAY = ['#1f4e8c', '#c8102e', '#2e7d32', '#e07b00', '#6a4c93', '#00838f'];
/** Print: distinguishable in black and white by grey level, dash and pattern, not colour. */
export const PRINT_BAR_FILLS = ['#404040', '#bfbfbf', '#ffffff', '#808080', '#e6e6e6'];
export const PRINT_BAR_PATTERNS = ['', '', '/', '.', 'x'];
export const PRINT_LINE_DASHES = ['solid', 'dash', 'dot', 'dashdot', 'longdash'];
export const PRINT_MARKERS = ['circle', 'square', 'triangle-up', 'diamond', 'x'];

interface PresetStyle {
  text: string;
  grid: string;
  axisLine: string;
  band: string;
  target: string;
}

const PRESET_STYLES: Record<ChartPreset, PresetStyle> = {
  print: { text: '#000000', grid: '#d9d9d9', axisLine: '#000000', band: 'rgba(0,0,0,0.08)', target: '#000000' },
  screen: { text: '#1d2430', grid: '#eceef1', axisLine: '#8a94a6', band: 'rgba(200,16,46,0.08)', target: '#c8102e' },
};

/** Plotly reads a small HTML subset in text; user text is shown literally. */
export function escapePlotlyText(text: string): string {
  return text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');
}

type Trace = { [key: string]: JsonValue };

function numbers(column: ChartColumn, divisor: number): (number | null)[] {
  return column.values.map((value) => (typeof value === 'number' && Number.isFinite(value) ? value / divisor : null));
}

function maxAbs(columns: readonly ChartColumn[]): number {
  let max = 0;
  for (const column of columns) for (const value of column.values) if (typeof value === 'number' && Number.isFinite(value)) max = Math.max(max, Math.abs(value));
  return max;
}

function lineStyle(preset: ChartPreset, index: number): Trace {
  if (preset === 'print') {
    return {
      line: { color: '#000000', width: 2, dash: PRINT_LINE_DASHES[index % PRINT_LINE_DASHES.length]! },
      marker: { color: '#000000', size: 7, symbol: PRINT_MARKERS[index % PRINT_MARKERS.length]! },
    };
  }
  return { line: { color: SCREEN_COLORWAY[index % SCREEN_COLORWAY.length]!, width: 2.5 }, marker: { size: 7 } };
}

function barStyle(preset: ChartPreset, index: number): Trace {
  if (preset === 'print') {
    return {
      marker: {
        color: PRINT_BAR_FILLS[index % PRINT_BAR_FILLS.length]!,
        line: { color: '#000000', width: 1 },
        pattern: { shape: PRINT_BAR_PATTERNS[index % PRINT_BAR_PATTERNS.length]!, fgcolor: '#000000', size: 6, solidity: 0.25 },
      },
    };
  }
  return { marker: { color: SCREEN_COLORWAY[index % SCREEN_COLORWAY.length]! } };
}

/** Hover text: category, value and unit; horizontal bars have the category on y and the value on x. */
function hover(unit: string, name: string, horizontal = false): string {
  const [category, value] = horizontal ? ['y', 'x'] : ['x', 'y'];
  return `%{${category}}: %{${value}:,}${unit ? ` ${escapePlotlyText(unit)}` : ''}<extra>${escapePlotlyText(name)}</extra>`;
}

/** A data label: the value on `axis`, up to four significant digits. */
function labelTemplate(axis: 'x' | 'y'): string {
  return `%{${axis}:,.4~r}`;
}

/**
 * Data labels are drawn on charts of at most this many points: beyond, they
 * overlap into an unreadable band (and 10,000 labelled bars took 2.4 s to
 * draw). A chart in a briefing has a few dozen points.
 */
export const MAX_LABELLED_POINTS = 100;

/** Whether `spec`'s data labels are drawn for `points` x values (waterfalls label by default). */
export function dataLabelsDrawn(spec: ChartSpec, points: number): boolean {
  return (spec.dataLabels ?? spec.kind === 'waterfall') && points <= MAX_LABELLED_POINTS;
}

/** Wrapped tick labels as Plotly's tick text: each label's lines joined by <br>, the user's text shown literally. */
function tickText(lines: readonly string[][]): string[] {
  return lines.map((label) => label.map(escapePlotlyText).join('<br>'));
}

/** A category axis's tick labels: wrapped, horizontal, thinned when they would not fit (`categoryTicks`); `lines` is the tallest label's. */
function categoryAxisTicks(categories: readonly string[]): { ticks: { [key: string]: JsonValue }; lines: number } {
  const { tickvals, lines } = categoryTicks(categories);
  return { ticks: { tickangle: 0, tickmode: 'array', tickvals, ticktext: tickText(lines) }, lines: Math.max(1, ...lines.map((label) => label.length)) };
}

/** A horizontal bar chart's row labels: wrapped to `ROW_LABEL_COLUMNS`, two lines only in tall rows, every k-th when the rows are thinner than a line (`rowCategoryTicks`). */
function rowAxisTicks(categories: readonly string[]): { [key: string]: JsonValue } {
  const { tickvals, lines } = rowCategoryTicks(categories);
  return { tickmode: 'array', tickvals, ticktext: tickText(lines) };
}

/** Display columns of a source line (12 px text): what fits under the plot of a chart in a Word page (chartExportSize 'word'). */
const SOURCE_LINE_COLUMNS = 84;
/** The most lines the source note takes (a user target's note may be a page long): the plot keeps its height. */
const SOURCE_MAX_LINES = 3;
/**
 * Heights in CSS pixels: a line of 14 px tick labels, the axis title below
 * them (placed by its standoff, on the bottom axis of every kind), a line of
 * the 12 px source note.
 */
const TICK_LINE_PX = 17;
const AXIS_TITLE_PX = 30;
const SOURCE_LINE_PX = 16;

/** A chart's source line, '数据来源：…' or 'Source: …', whether or not the note was written with the prefix. */
export function sourceLine(note: string, language: keyof Bilingual = 'zh'): string {
  return `${language === 'en' ? 'Source: ' : '数据来源：'}${note.replace(/^(数据来源[:：]|Source:)\s*/i, '')}`;
}

/**
 * The figure of `spec` over `columns`. `language` is that of the words the
 * figure adds itself (数据来源 / Source, a target line without a label):
 * the UI's for a chart on screen and what is exported from it, Chinese for
 * briefings and `iwb run`.
 */
export function buildChartFigure(spec: ChartSpec, columns: readonly ChartColumn[], sourceName: Bilingual = bilingual('the result', '结果'), language: keyof Bilingual = 'zh'): ChartFigureOutcome {
  const byName = new Map(columns.map((column) => [column.name, column]));
  const preset: ChartPreset = spec.preset ?? 'screen';
  const style = PRESET_STYLES[preset];
  const find = (name: string, numeric: boolean): ChartColumn | Bilingual => {
    const column = byName.get(name);
    if (!column) return bilingual(`${sourceName.en} has no column "${name}"`, `${sourceName.zh}中没有“${name}”列`);
    if (numeric && !column.numeric) return bilingual(`the column "${name}" is not numeric, so it cannot be drawn as values`, `“${name}”列不是数值，不能作为数值系列绘制`);
    return column;
  };
  const missing = (found: ChartColumn | Bilingual): found is Bilingual => !('values' in found);
  const x = byName.get(spec.x);
  if (!x) return { ok: false, problem: bilingual(`${sourceName.en} has no column "${spec.x}" for the x axis`, `${sourceName.zh}中没有横轴所用的“${spec.x}”列`), column: spec.x };
  if (spec.y.length === 0) return { ok: false, problem: bilingual('choose at least one value column (y)', '请至少选择一个数值系列') };
  const ys: ChartColumn[] = [];
  for (const name of spec.y) {
    const found = find(name, true);
    if (missing(found)) return { ok: false, problem: found, column: name };
    ys.push(found);
  }
  const y2s: ChartColumn[] = [];
  for (const name of spec.y2 ?? []) {
    const found = find(name, true);
    if (missing(found)) return { ok: false, problem: found, column: name };
    y2s.push(found);
  }
  const horizontal = spec.kind === 'barh';
  if (horizontal && y2s.length > 0) {
    return {
      ok: false,
      problem: bilingual('horizontal bars have no second axis: draw that series as bars too, or choose bars + line', '横向条形图没有次坐标轴：请把该系列也画成条形，或改用柱线组合图'),
      column: y2s[0]!.name,
    };
  }
  if (spec.kind === 'combo' && y2s.length === 0) return { ok: false, problem: bilingual('a combination chart needs a second-axis series (y2), e.g. the growth rate', '组合图需要一个次坐标轴系列，例如增速') };
  let low: ChartColumn | null = null;
  let high: ChartColumn | null = null;
  if (spec.kind === 'fan') {
    if (!spec.low || !spec.high) return { ok: false, problem: bilingual('a fan chart needs the P10 and P90 columns (low, high)', '扇形图需要 P10 和 P90 两列（下沿、上沿）') };
    const foundLow = find(spec.low, true);
    if (missing(foundLow)) return { ok: false, problem: foundLow, column: spec.low };
    const foundHigh = find(spec.high, true);
    if (missing(foundHigh)) return { ok: false, problem: foundHigh, column: spec.high };
    low = foundLow;
    high = foundHigh;
  }

  const scaled: ScaledUnit = scaleUnit(spec.unit, maxAbs([...ys, ...(low ? [low] : []), ...(high ? [high] : [])]), spec.scaling ?? 'auto');
  const unit2 = spec.unit2 ?? '%';
  const xValues: (string | number | null)[] = x.values.map((value) => (x.yearLike && value !== null ? String(value) : value));
  const categorical = !x.numeric || x.yearLike || spec.kind === 'waterfall' || horizontal;
  const waterfallTotal = spec.totalLabel ?? (language === 'en' ? 'Total' : '合计');
  const labelFormat = labelTemplate('y');
  const labels = dataLabelsDrawn(spec, xValues.length);
  const data: Trace[] = [];

  const addLine = (column: ChartColumn, index: number, axis: 'y' | 'y2', divisor: number, shownUnit: string, fill?: string) => {
    const trace: Trace = {
      type: 'scatter',
      name: column.name,
      x: xValues,
      y: numbers(column, divisor),
      mode: labels ? 'lines+markers+text' : spec.kind === 'area' ? 'lines' : 'lines+markers',
      hovertemplate: hover(shownUnit, column.name),
      ...lineStyle(preset, index),
    };
    if (axis === 'y2') trace.yaxis = 'y2';
    if (fill) {
      trace.fill = fill;
      trace.fillcolor = preset === 'print' ? `rgba(0,0,0,${0.12 + 0.12 * index})` : undefinedColor(index);
      if (spec.stacked) trace.stackgroup = 'one';
    }
    if (labels) Object.assign(trace, { texttemplate: labelFormat, textposition: 'top center', cliponaxis: false });
    data.push(trace);
  };

  switch (spec.kind) {
    case 'bar':
    case 'barh':
    case 'combo':
      ys.forEach((column, index) => {
        const values = numbers(column, scaled.divisor);
        // barh: one row per category, the first row at the top (the axis is reversed below), the value along x.
        const placed: Trace = horizontal ? { orientation: 'h', y: xValues, x: values } : { x: xValues, y: values };
        const trace: Trace = { type: 'bar', name: column.name, ...placed, hovertemplate: hover(scaled.unit, column.name, horizontal), ...barStyle(preset, index) };
        if (labels) Object.assign(trace, { texttemplate: labelTemplate(horizontal ? 'x' : 'y'), textposition: spec.stacked ? 'inside' : 'outside', cliponaxis: false });
        data.push(trace);
      });
      break;
    case 'area':
      ys.forEach((column, index) => addLine(column, index, 'y', scaled.divisor, scaled.unit, spec.stacked || index === 0 ? 'tozeroy' : 'tonexty'));
      break;
    case 'scatter':
      ys.forEach((column, index) => {
        const trace: Trace = { type: 'scatter', mode: labels ? 'markers+text' : 'markers', name: column.name, x: xValues, y: numbers(column, scaled.divisor), hovertemplate: hover(scaled.unit, column.name), ...lineStyle(preset, index) };
        if (labels) Object.assign(trace, { texttemplate: labelFormat, textposition: 'top center' });
        data.push(trace);
      });
      break;
    case 'fan':
      data.push(...fanTraces(ys[0]!, low!, high!, xValues, scaled, preset, labels));
      // Further value columns (other scenarios) are dashed lines beside the fan's own projection.
      ys.slice(1).forEach((column, index) => {
        addLine(column, index + 1, 'y', scaled.divisor, scaled.unit);
        const line = (data[data.length - 1]!.line ?? {}) as Record<string, JsonValue>;
        data[data.length - 1]!.line = { ...line, dash: PRINT_LINE_DASHES[(index + 1) % PRINT_LINE_DASHES.length]! };
      });
      break;
    case 'waterfall':
      data.push(waterfallTrace(ys[0]!, xValues, scaled, preset, waterfallTotal, labels));
      break;
    default:
      ys.forEach((column, index) => addLine(column, index, 'y', scaled.divisor, scaled.unit));
  }
  y2s.forEach((column, index) => addLine(column, ys.length + index, 'y2', 1, unit2));

  const hasTitle = Boolean(spec.title);
  const hasSubtitle = Boolean(spec.subtitle);
  const showLegend = data.filter((trace) => trace.showlegend !== false).length > 1;
  // barh's target labels get a strip of their own above the plot (and its legend), clear of the first row's bar.
  const targetStrip = horizontal && (spec.targets ?? []).length > 0 ? 20 : 0;
  const top = (hasTitle ? 52 : 16) + (hasSubtitle ? 20 : 0) + (showLegend ? 30 : 0) + targetStrip;
  const axisBase = { gridcolor: style.grid, linecolor: style.axisLine, showline: true, ticks: 'outside', tickcolor: style.axisLine, automargin: true, zeroline: false };
  const categories = categoryNames(x);
  // A waterfall's closing total is a category of its own: its labels are wrapped and kept horizontal too (Plotly tilted them over the source line).
  const categoryTickLabels = categorical && !x.yearLike && !horizontal ? categoryAxisTicks(spec.kind === 'waterfall' ? [...categories, waterfallTotal] : categories) : null;
  // The source line goes below the tick labels and the axis title (annotations do not push the margin themselves), wrapped to the figure's width.
  const sourceLines = spec.sourceNote ? clippedLines(wrapCategoryLabel(sourceLine(spec.sourceNote, language), SOURCE_LINE_COLUMNS), SOURCE_LINE_COLUMNS, SOURCE_MAX_LINES) : [];
  const belowPlot = 10 + TICK_LINE_PX * (categoryTickLabels?.lines ?? 1) + AXIS_TITLE_PX;
  const bottom = Math.max(64, belowPlot) + (sourceLines.length > 0 ? 6 + SOURCE_LINE_PX * sourceLines.length : 0);
  const yTitle = spec.yTitle ?? (ys.length === 1 && spec.kind !== 'waterfall' ? ys[0]!.name : '');
  const layout: ChartFigure['layout'] = {
    font: { family: CHART_FONT_FAMILY, size: 14, color: style.text },
    paper_bgcolor: '#ffffff',
    plot_bgcolor: '#ffffff',
    margin: { l: 72, r: y2s.length > 0 ? 72 : 32, t: top, b: bottom },
    showlegend: showLegend,
    legend: { orientation: 'h', x: 0, xanchor: 'left', y: 1, yanchor: 'bottom', bgcolor: 'rgba(255,255,255,0)', traceorder: 'normal' },
    barmode: spec.stacked ? 'stack' : 'group',
    separators: '.,',
  };
  const categoryAxis = {
    ...axisBase,
    // A standoff makes Plotly place the title below the tick labels' measured depth; without one it sits a fixed 1.5 em
    // below the axis, among wrapped labels of three lines or more.
    title: { text: escapePlotlyText(spec.xTitle ?? spec.x), standoff: 8 },
    type: categorical ? 'category' : 'linear',
    showgrid: false,
    // Categories in the result's order: a trace covering only some of them (the fan's band) must not reorder the axis.
    ...(categorical && spec.kind !== 'waterfall' ? { categoryorder: 'array', categoryarray: categories } : {}),
    // Names read across: wrapped onto lines and horizontal, never tilted over each other.
    ...(categoryTickLabels?.ticks ?? {}),
    // Horizontal bars: the first row of the result at the top, as in the table.
    ...(horizontal ? { autorange: 'reversed', ...rowAxisTicks(categories) } : {}),
  };
  const valueAxis = { ...axisBase, title: { text: escapePlotlyText(axisTitle(yTitle, scaled.unit)) }, separatethousands: true, rangemode: spec.kind === 'fan' ? 'normal' : 'tozero' };
  // barh's value axis is the bottom one: the same standoff as the category axis it replaces there, or Plotly puts its
  // title a fixed 1.5 em further down, over the source line.
  layout.xaxis = horizontal ? { ...valueAxis, title: { ...valueAxis.title, standoff: 8 }, type: 'linear', showgrid: true } : categoryAxis;
  layout.yaxis = horizontal ? categoryAxis : valueAxis;
  if (preset === 'print') layout.colorway = ['#000000', '#595959', '#8c8c8c'];
  else layout.colorway = SCREEN_COLORWAY;
  if (y2s.length > 0) {
    const y2Title = spec.y2Title ?? (y2s.length === 1 ? y2s[0]!.name : '');
    layout.yaxis2 = { ...axisBase, title: { text: escapePlotlyText(axisTitle(y2Title, unit2)) }, overlaying: 'y', side: 'right', showgrid: false, separatethousands: true, tickmode: 'auto', rangemode: 'tozero' };
  }
  const shapes: JsonValue[] = [];
  const annotations: JsonValue[] = [];
  if (spec.kind === 'combo') Object.assign(layout, comboRanges(layout, ys, y2s, scaled.divisor, (spec.targets ?? []).map((target) => target.value / scaled.divisor)));
  if (hasTitle) {
    layout.title = {
      text: escapePlotlyText(spec.title!),
      x: 0.5,
      xanchor: 'center',
      y: 1,
      yanchor: 'top',
      yref: 'container',
      pad: { t: 14 },
      font: { size: 18, weight: 700 },
      ...(hasSubtitle ? { subtitle: { text: escapePlotlyText(spec.subtitle!), font: { size: 13 } } } : {}),
    };
  } else if (hasSubtitle) {
    layout.title = { text: escapePlotlyText(spec.subtitle!), x: 0.5, xanchor: 'center', y: 1, yanchor: 'top', yref: 'container', pad: { t: 14 }, font: { size: 13 } };
  }
  // Bands and target lines span the plot across the value axis: horizontal, or vertical on barh.
  const acrossPlot = (from: number, to: number): { [key: string]: JsonValue } =>
    horizontal ? { yref: 'paper', y0: 0, y1: 1, xref: 'x', x0: from, x1: to } : { xref: 'paper', x0: 0, x1: 1, yref: 'y', y0: from, y1: to };
  for (const band of spec.bands ?? []) {
    const [from, to] = [band.from / scaled.divisor, band.to / scaled.divisor];
    shapes.push({ type: 'rect', ...acrossPlot(from, to), fillcolor: style.band, line: { width: 0 }, layer: 'below' });
    if (!band.label) continue;
    const text = escapePlotlyText(band.label);
    annotations.push(
      horizontal
        ? { yref: 'paper', y: 0, yanchor: 'bottom', xref: 'x', x: from, xanchor: 'left', xshift: 4, text, showarrow: false, font: { size: 12 } }
        : { xref: 'paper', x: 0, xanchor: 'left', yref: 'y', y: to, yanchor: 'bottom', text, showarrow: false, font: { size: 12 } },
    );
  }
  // barh: a label centred on a line at either end of the value axis would run past the plot; it ends (or starts) at the line there.
  const targetAnchor = horizontal ? edgeAnchor(ys, scaled.divisor, spec.stacked === true, (spec.targets ?? []).map((target) => target.value / scaled.divisor)) : () => 'center';
  for (const target of spec.targets ?? []) {
    const value = target.value / scaled.divisor;
    const text = escapePlotlyText(target.label ?? (language === 'en' ? `Target ${formatScaled(value)} ${scaled.unit}`.trimEnd() : `目标 ${formatScaled(value)}${scaled.unit}`));
    shapes.push({ type: 'line', ...acrossPlot(value, value), line: { color: style.target, width: 1.5, dash: 'dash' } });
    const font = { size: 12, color: style.target };
    annotations.push(
      horizontal
        ? // barh: the label centred above its line, in the strip above the plot and its legend.
          { yref: 'paper', y: 1, yanchor: 'bottom', yshift: showLegend ? 30 : 0, xref: 'x', x: value, xanchor: targetAnchor(value), text, showarrow: false, font }
        : { xref: 'paper', x: 0.01, xanchor: 'left', yref: 'y', y: value, yanchor: 'bottom', text, showarrow: false, font },
    );
  }
  if (sourceLines.length > 0) {
    annotations.push({ name: 'source', xref: 'paper', x: 0, xanchor: 'left', yref: 'paper', y: 0, yanchor: 'top', yshift: -belowPlot, text: sourceLines.map(escapePlotlyText).join('<br>'), showarrow: false, align: 'left', font: { size: 12 } });
  }
  if (shapes.length > 0) layout.shapes = shapes;
  if (annotations.length > 0) layout.annotations = annotations;
  return { ok: true, figure: { data, layout } };
}

/**
 * Where a label above a vertical line at `value` is anchored: centred, or
 * ending at the line in the right-most 15 % of the value axis (starting at it
 * in the left-most 15 %). The axis spans the bars (their sums when stacked),
 * the targets and zero, as Plotly's autorange does.
 */
function edgeAnchor(bars: readonly ChartColumn[], divisor: number, stacked: boolean, targets: readonly number[]): (value: number) => 'left' | 'center' | 'right' {
  const series = bars.map((column) => numbers(column, divisor));
  const rows = Math.max(0, ...series.map((values) => values.length));
  const values = stacked
    ? Array.from({ length: rows }, (_, row) => series.reduce((sum, values) => sum + (values[row] ?? 0), 0))
    : series.flat().filter((value): value is number => value !== null);
  let low = 0;
  let high = 0;
  for (const value of [...values, ...targets]) {
    if (value < low) low = value;
    if (value > high) high = value;
  }
  return (value) => {
    if (high === low) return 'center';
    const at = (value - low) / (high - low);
    return at > 0.85 ? 'right' : at < 0.15 ? 'left' : 'center';
  };
}

/**
 * 金额 + 增速 as statistical bulletins draw it: the bars take the lower
 * part of the plot (left axis from 0), the growth line the upper part
 * (right axis), so the line and its labels do not run through the bars.
 * Only when all bar values are positive; otherwise Plotly's ranges stay.
 */
function comboRanges(layout: ChartFigure['layout'], bars: readonly ChartColumn[], lines: readonly ChartColumn[], divisor: number, targets: number[]): ChartFigure['layout'] {
  const barValues = bars.flatMap((column) => numbers(column, divisor)).filter((value): value is number => value !== null);
  const lineValues = lines.flatMap((column) => numbers(column, 1)).filter((value): value is number => value !== null);
  if (barValues.length === 0 || lineValues.length === 0 || barValues.some((value) => value < 0)) return {};
  const top = Math.max(...barValues, ...targets);
  const low = Math.min(...lineValues);
  const high = Math.max(...lineValues);
  const span = Math.max(high - low, Math.abs(high) * 0.2, 1);
  const round = (value: number) => Math.round(value * 1000) / 1000;
  // Ticks only where each axis has data: the left axis over the bars, the right over the line
  // (from 0 when the rates are all positive), not the empty space each gives the other.
  return {
    yaxis: { ...(layout.yaxis as { [key: string]: JsonValue }), range: [0, round(top * 1.9)], rangemode: 'normal', tickmode: 'array', tickvals: axisTicks(0, top) },
    yaxis2: {
      ...(layout.yaxis2 as { [key: string]: JsonValue }),
      range: [round(low - span * 2.2), round(high + span * 0.25)],
      rangemode: 'normal',
      tickmode: 'array',
      tickvals: axisTicks(Math.min(0, low), high),
    },
  };
}

/** Round tick values (1, 2 or 5 × 10^n apart) covering [from, to], as close to five ticks as those steps allow. */
export function axisTicks(from: number, to: number): number[] {
  const extent = to - from;
  if (!(extent > 0) || !Number.isFinite(extent)) return [from];
  const magnitude = 10 ** Math.floor(Math.log10(extent / 4));
  const ticksFor = (step: number): number[] => {
    const ticks: number[] = [];
    const first = Math.floor(from / step);
    const last = Math.ceil(to / step);
    for (let index = first; index <= last; index++) ticks.push(Number((index * step).toPrecision(12)));
    return ticks;
  };
  const candidates = [0.5, 1, 2, 5, 10, 20].map((factor) => ticksFor(factor * magnitude));
  return candidates.reduce((best, ticks) => (Math.abs(ticks.length - 5) < Math.abs(best.length - 5) ? ticks : best));
}

function undefinedColor(index: number): string {
  const hex = SCREEN_COLORWAY[index % SCREEN_COLORWAY.length]!;
  const [r, g, b] = [1, 3, 5].map((start) => parseInt(hex.slice(start, start + 2), 16));
  return `rgba(${r},${g},${b},0.25)`;
}

/**
 * History solid, projection dashed, the P10–P90 band shaded. A row is
 * projected when it has P10 or P90; the dashed line starts at the last
 * history point so the two join.
 */
function fanTraces(central: ChartColumn, low: ChartColumn, high: ChartColumn, x: (string | number | null)[], scaled: ScaledUnit, preset: ChartPreset, labels: boolean): Trace[] {
  const values = numbers(central, scaled.divisor);
  const lows = numbers(low, scaled.divisor);
  const highs = numbers(high, scaled.divisor);
  const projected = values.map((_value, index) => lows[index] !== null || highs[index] !== null);
  const firstProjected = projected.indexOf(true);
  const joinAt = firstProjected > 0 ? firstProjected - 1 : firstProjected;
  const history = values.map((value, index) => (firstProjected === -1 || index < firstProjected ? value : null));
  const projection = values.map((value, index) => (firstProjected !== -1 && index >= joinAt ? value : null));
  // The band starts at the last actual value (P10 = P90 = actual there), so it fans out from it.
  const bandRows = values.map((_value, index) => index).filter((index) => projected[index] || (index === joinAt && joinAt !== firstProjected));
  const bandX = bandRows.map((index) => x[index] ?? null);
  const bandLow = bandRows.map((index) => (projected[index] ? lows[index]! : values[index]!));
  const bandHigh = bandRows.map((index) => (projected[index] ? highs[index]! : values[index]!));
  const bandFill = preset === 'print' ? 'rgba(0,0,0,0.15)' : 'rgba(31,78,140,0.2)';
  const color = preset === 'print' ? '#000000' : SCREEN_COLORWAY[0]!;
  const text: Trace = labels ? { texttemplate: labelTemplate('y'), textposition: 'top center' } : {};
  return [
    { type: 'scatter', name: central.name, x, y: history, mode: labels ? 'lines+markers+text' : 'lines+markers', line: { color, width: 2.5, dash: 'solid' }, marker: { color, size: 7 }, hovertemplate: hover(scaled.unit, central.name), ...text },
    { type: 'scatter', name: projectedName(central.name), x, y: projection, mode: labels ? 'lines+markers+text' : 'lines+markers', line: { color, width: 2.5, dash: 'dash' }, marker: { color, size: 7, symbol: 'circle-open' }, hovertemplate: hover(scaled.unit, central.name), ...text },
    { type: 'scatter', name: low.name, x: bandX, y: bandLow, mode: 'lines', line: { width: 0, color }, showlegend: false, hoverinfo: 'skip' },
    { type: 'scatter', name: `${low.name}–${high.name}`, x: bandX, y: bandHigh, mode: 'lines', line: { width: 0, color }, fill: 'tonexty', fillcolor: bandFill },
  ];
}

/** The projection's legend entry in the language of its column's name: 基准（预测）, Baseline (projected). */
export function projectedName(name: string): string {
  return /[\u3400-\u9fff]/.test(name) ? `${name}（预测）` : `${name} (projected)`;
}

/** First bar absolute (the starting value), the rest contributions, then the total. */
function waterfallTrace(values: ChartColumn, x: (string | number | null)[], scaled: ScaledUnit, preset: ChartPreset, totalLabel: string, labels: boolean): Trace {
  const y = numbers(values, scaled.divisor);
  const print = preset === 'print';
  return {
    type: 'waterfall',
    name: values.name,
    x: [...x.map((value) => (value === null ? '' : String(value))), totalLabel],
    y: [...y, null],
    measure: [...y.map((_value, index) => (index === 0 ? 'absolute' : 'relative')), 'total'],
    connector: { line: { color: print ? '#000000' : '#8a94a6', width: 1, dash: 'dot' } },
    increasing: { marker: { color: print ? '#bfbfbf' : '#2e7d32', line: { color: print ? '#000000' : '#2e7d32', width: 1 } } },
    decreasing: { marker: { color: print ? '#ffffff' : '#c8102e', line: { color: print ? '#000000' : '#c8102e', width: 1 } } },
    totals: { marker: { color: print ? '#404040' : '#1f4e8c', line: { color: print ? '#000000' : '#1f4e8c', width: 1 } } },
    ...(labels
      ? { texttemplate: [...y.map((_value, index) => (index === 0 ? '%{final:,.4~r}' : '%{delta:+,.4~r}')), '%{final:,.4~r}'], textposition: 'outside', cliponaxis: false }
      : {}),
    hovertemplate: hover(scaled.unit, values.name),
    showlegend: false,
  };
}
