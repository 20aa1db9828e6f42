import type { Table } from 'apache-arrow';
import { cellNumber, cellPlainText, columnKind, isNumericKind, isYearColumn } from '../arrowCells';
import type { ChartSpec, JsonValue } from './NotebookDocument';

/**
 * A chart cell's spec plus its source's rows → a Plotly figure as plain
 * JSON. The app draws it with Plotly; `iwb run` writes it as JSON and renders
 * it to PNG and SVG, so both show the same chart.
 */

/** Plotly's figure as JSON-safe data (no Plotly import in shared code). */
export interface ChartFigure {
  data: { [key: string]: JsonValue }[];
  layout: { [key: string]: JsonValue };
}

export interface ChartColumn {
  name: string;
  numeric: boolean;
  /** Year-like columns are labels (2024, not 2,024) and are drawn as categories. */
  yearLike: boolean;
  values: (number | string | null)[];
}

/**
 * The bundled CJK font first (the app ships Noto Sans SC and the image
 * renderer loads it), then what Windows and Linux have. Same list as the
 * renderer's chart theme.
 */
export const CHART_FONT_FAMILY = '"Noto Sans SC", "Noto Sans CJK SC", "Microsoft YaHei", sans-serif';
const COLORWAY = ['#1f4e8c', '#c8102e', '#2e7d32', '#e07b00', '#6a4c93', '#00838f'];

export function chartColumnsFromArrow(table: Table): ChartColumn[] {
  return table.schema.fields.map((field, index) => {
    const vector = table.getChildAt(index);
    const numeric = isNumericKind(columnKind(field));
    const values = Array.from({ length: table.numRows }, (_unused, row) => {
      const value = vector?.get(row);
      if (value === null || value === undefined) return null;
      return numeric ? cellNumber(value, field) : cellPlainText(value, field);
    });
    return { name: field.name, numeric, yearLike: numeric && isYearColumn(field.name), values };
  });
}

export type ChartFigureOutcome = { ok: true; figure: ChartFigure } | { ok: false; problem: string; column?: string };

export function chartFigure(spec: ChartSpec, columns: readonly ChartColumn[]): ChartFigureOutcome {
  const byName = new Map(columns.map((column) => [column.name, column]));
  const x = byName.get(spec.x);
  if (!x) return { ok: false, problem: `the result of "${spec.source}" has no column "${spec.x}" for the x axis`, column: spec.x };
  const data: ChartFigure['data'] = [];
  for (const name of spec.y) {
    const y = byName.get(name);
    if (!y) return { ok: false, problem: `the result of "${spec.source}" has no column "${name}"`, column: name };
    if (!y.numeric) return { ok: false, problem: `the column "${name}" is not numeric, so it cannot be drawn on the y axis`, column: name };
    const xValues = x.values.map((value) => (x.yearLike && value !== null ? String(value) : value));
    const trace: { [key: string]: JsonValue } = { name, x: xValues, y: y.values };
    const hover = `%{x}: %{y:,}${spec.unit ? ` ${spec.unit}` : ''}<extra>${escapePlotlyText(name)}</extra>`;
    switch (spec.kind) {
      case 'bar':
        Object.assign(trace, { type: 'bar', hovertemplate: hover });
        break;
      case 'area':
        Object.assign(trace, { type: 'scatter', mode: 'lines', fill: data.length === 0 ? 'tozeroy' : 'tonexty', hovertemplate: hover });
        break;
      case 'scatter':
        Object.assign(trace, { type: 'scatter', mode: 'markers', hovertemplate: hover });
        break;
      default:
        Object.assign(trace, { type: 'scatter', mode: 'lines+markers', hovertemplate: hover });
    }
    data.push(trace);
  }
  const categorical = !x.numeric || x.yearLike;
  const layout: ChartFigure['layout'] = {
    font: { family: CHART_FONT_FAMILY, size: 14, color: '#1d2430' },
    colorway: COLORWAY,
    paper_bgcolor: '#ffffff',
    plot_bgcolor: '#ffffff',
    margin: { l: 72, r: 24, t: spec.title ? 56 : 24, b: 56 },
    showlegend: data.length > 1,
    legend: { orientation: 'h', y: -0.18 },
    barmode: 'group',
    xaxis: { title: { text: spec.x }, type: categorical ? 'category' : 'linear', gridcolor: '#eceef1', automargin: true },
    yaxis: { title: { text: spec.unit ?? (spec.y.length === 1 ? spec.y[0]! : '') }, gridcolor: '#eceef1', separatethousands: true, rangemode: 'tozero', automargin: true },
  };
  if (spec.title) layout.title = { text: escapePlotlyText(spec.title), x: 0.02, xanchor: 'left', font: { size: 18 } };
  return { ok: true, figure: { data, layout } };
}

/** Plotly reads a small HTML subset in text; user text is shown literally. */
export function escapePlotlyText(text: string): string {
  return text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');
}

/** All text a figure shows, so an image renderer can make sure the font has those glyphs loaded. */
export function figureText(figure: ChartFigure): string {
  const parts: string[] = [];
  const visit = (value: JsonValue) => {
    if (typeof value === 'string') parts.push(value);
    else if (Array.isArray(value)) value.forEach(visit);
    else if (value && typeof value === 'object') Object.values(value).forEach(visit);
  };
  figure.data.forEach((trace) => {
    visit(trace.name ?? null);
    visit(trace.x ?? null);
  });
  visit(figure.layout);
  return [...new Set(parts.join(''))].join('') + '0123456789,.-';
}
