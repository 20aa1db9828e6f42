import { buildChartFigure, type ChartFigureOutcome } from '../chart/buildChartFigure';
import type { ChartColumn, ChartSpec } from '../chart/ChartSpec';
import type { JsonValue } from '../notebook/NotebookDocument';
import type { TargetAssessment } from '../projection/scenario';
import type { BoardTarget } from './boardTarget';

/** The words the board's chart needs, in the UI's language. */
export interface TargetChartLabels {
  title: string;
  year: string;
  history: string;
  /** The target line's label, e.g. "目标 超过 1,000 家". */
  target: string;
  /** The language of the words the chart adds itself (its source line). */
  language: 'zh' | 'en';
}

export interface ScenarioLine {
  name: string;
  assessment: TargetAssessment | null;
  selected: boolean;
}

/**
 * The target board's chart as a chart spec and columns for the chart module
 * (`buildChartFigure`), so it looks like, and exports like, every other
 * chart: the history solid, the selected scenario's projection dashed with
 * its P10–P90 fan, the other scenarios as further dashed lines, the target
 * as a target line. Without a spread (too short a history and no prior) it
 * is a line chart of the same columns. Null when there is nothing to draw
 * but the target.
 */
export function targetFanChart(target: BoardTarget, scenarios: readonly ScenarioLine[], labels: TargetChartLabels): ChartFigureOutcome | null {
  const history = target.history.filter((point) => point.year <= target.year);
  const projected = scenarios.filter((line) => line.assessment !== null && line.assessment.method !== 'actual' && line.assessment.fan.length > 0);
  if (history.length === 0 && projected.length === 0) return null;
  const selected = projected.find((line) => line.selected) ?? projected[0] ?? null;
  const years = [...new Set([...history.map((point) => point.year), ...projected.flatMap((line) => line.assessment!.fan.map((point) => point.year))])].sort((a, b) => a - b);
  const last = history.at(-1) ?? null;
  const actual = new Map(history.map((point) => [point.year, point.value]));
  const scenarioValues = (line: ScenarioLine, withHistory: boolean) => {
    const fan = new Map(line.assessment!.fan.map((point) => [point.year, point.value]));
    // Every projection starts at the last actual value, so the dashed line joins the history.
    return years.map((year) => fan.get(year) ?? (withHistory ? (actual.get(year) ?? null) : year === last?.year ? last.value : null));
  };
  const fan = selected?.assessment?.fan ?? [];
  const spread = fan.length > 0 && fan.every((point) => point.p10 !== null && point.p90 !== null);
  const column = (name: string, values: (number | null)[]): ChartColumn => ({ name, numeric: true, yearLike: false, values });
  const columns: ChartColumn[] = [{ name: labels.year, numeric: true, yearLike: true, values: years }];
  const y: string[] = [];
  const base: Omit<ChartSpec, 'kind' | 'y'> = {
    x: labels.year,
    title: labels.title,
    unit: target.unit,
    xTitle: labels.year,
    yTitle: '',
    targets: [{ value: target.value, label: labels.target }],
    sourceNote: chartSourceNote(target, labels.language),
    scaling: 'none',
  };
  if (selected && spread) {
    const byYear = new Map(fan.map((point) => [point.year, point]));
    columns.push(column(selected.name, scenarioValues(selected, true)));
    columns.push(column('P10', years.map((year) => byYear.get(year)?.p10 ?? null)));
    columns.push(column('P90', years.map((year) => byYear.get(year)?.p90 ?? null)));
    y.push(selected.name);
    for (const line of projected) {
      if (line === selected) continue;
      columns.push(column(line.name, scenarioValues(line, false)));
      y.push(line.name);
    }
    return withSteadyRange(buildChartFigure({ ...base, kind: 'fan', y, low: 'P10', high: 'P90' }, columns, undefined, labels.language), columns, target.value);
  }
  if (history.length > 0) {
    columns.push(column(labels.history, years.map((year) => actual.get(year) ?? null)));
    y.push(labels.history);
  }
  for (const line of projected) {
    columns.push(column(line.name, scenarioValues(line, false)));
    y.push(line.name);
  }
  return withSteadyRange(buildChartFigure({ ...base, kind: 'line', y }, columns, undefined, labels.language), columns, target.value);
}

/**
 * The chart's source line: where each plotted actual comes from, with its
 * years (the planner's own rows as such), then where the target comes
 * from. Before, it named only the target's document, under figures that
 * came from other documents or from the planner.
 */
export function chartSourceNote(target: Pick<BoardTarget, 'history' | 'year' | 'sourceTitle' | 'note' | 'origin'>, language: 'zh' | 'en'): string | null {
  const zh = language === 'zh';
  const bySource = new Map<string, number[]>();
  for (const point of target.history) {
    if (point.year > target.year) continue;
    const source = point.origin === 'user' ? (zh ? '自填' : 'your own figures') : point.sourceTitle;
    if (!source) continue;
    bySource.set(source, [...(bySource.get(source) ?? []), point.year]);
  }
  // Consecutive years as a range, a gap as a list: 2019–2021、2023 (never a range over a year from another source).
  const years = (list: number[]) => {
    const runs: string[] = [];
    let start = list[0]!;
    for (let index = 1; index <= list.length; index++) {
      if (index < list.length && list[index] === list[index - 1]! + 1) continue;
      const end = list[index - 1]!;
      runs.push(end === start ? `${start}` : `${start}–${end}`);
      start = list[index]!;
    }
    return runs.join(zh ? '、' : ', ');
  };
  const actuals = [...bySource].map(([source, list]) => (zh ? `${source}（${years(list)}年）` : `${source} (${years(list)})`));
  const targetSource = target.sourceTitle ?? (target.origin === 'user' ? target.note : null);
  const parts = [
    actuals.length > 0 ? (zh ? `实际值：${actuals.join('；')}` : `Actuals: ${actuals.join('; ')}`) : null,
    targetSource ? (zh ? `目标：${targetSource}` : `Target: ${targetSource}`) : null,
  ].filter((part): part is string => part !== null);
  return parts.length > 0 ? parts.join(zh ? '。' : '. ') : null;
}

/**
 * A y range that stays the same while a slider moves a projection a little:
 * the data and the target, padded by 8 % and widened to whole steps of a
 * "nice" size. Plotly then redraws only the traces, not the axes, on each
 * slider step (the bulk of a step's time with autorange and automargin).
 */
export function steadyRange(values: readonly number[]): [number, number] | null {
  const finite = values.filter(Number.isFinite);
  if (finite.length === 0) return null;
  const low = Math.min(...finite);
  const high = Math.max(...finite);
  const span = high - low || Math.abs(high) || 1;
  const magnitude = 10 ** Math.floor(Math.log10(span));
  const step = [1, 2, 5, 10].map((factor) => factor * magnitude).find((candidate) => span / candidate <= 6)! / 2;
  const lower = Math.floor((low - 0.08 * span) / step) * step;
  const upper = Math.ceil((high + 0.08 * span) / step) * step;
  // Counts, money and shares are never negative: do not open the axis below zero for the padding's sake.
  return [low >= 0 ? Math.max(0, lower) : lower, upper];
}

function withSteadyRange(outcome: ChartFigureOutcome, columns: readonly ChartColumn[], targetValue: number): ChartFigureOutcome {
  if (!outcome.ok) return outcome;
  const values = columns.slice(1).flatMap((column) => column.values.filter((value): value is number => typeof value === 'number'));
  const range = steadyRange([...values, targetValue]);
  if (!range) return outcome;
  // Fixed margins too: automargin makes Plotly lay the chart out twice on every redraw.
  const yaxis = { ...(outcome.figure.layout.yaxis as Record<string, JsonValue>), range, autorange: false, automargin: false };
  const laidOutX = outcome.figure.layout.xaxis as Record<string, JsonValue>;
  // The axis title kept next to its tick labels (without automargin Plotly otherwise sets it at the margin's foot, over the source line).
  const xaxis = { ...laidOutX, automargin: false, title: { ...(laidOutX.title as Record<string, JsonValue>), standoff: 8 } };
  // The bottom margin keeps the room buildChartFigure left for the source line (its last line was cut off at a fixed 100 px),
  // and a little more than automargin would have added.
  const laidOut = outcome.figure.layout.margin as Record<string, JsonValue>;
  const margin = { ...laidOut, l: 80, b: Math.max(100, Number(laidOut.b ?? 0) + 12) };
  return { ok: true, figure: { ...outcome.figure, layout: { ...outcome.figure.layout, xaxis, yaxis, margin } } };
}
