import type { Table } from 'apache-arrow';
import { cellNumber, cellPlainText, columnKind, isNumericKind, isYearColumn } from '../arrowCells';
import { bilingual } from '../bilingual';
import type { ChartColumn } from '../chart/ChartSpec';
import { buildChartFigure, CHART_FONT_FAMILY, escapePlotlyText, type ChartFigure, type ChartFigureOutcome } from '../chart/buildChartFigure';
import type { ChartCellSpec, JsonValue } from './NotebookDocument';

/**
 * A chart cell's spec plus its source's rows → a Plotly figure as plain
 * JSON. The app draws it with Plotly; `iwb run` writes it as JSON and renders
 * it to PNG and SVG, so both show the same chart.
 */

export type { ChartColumn, ChartFigure, ChartFigureOutcome };
export { CHART_FONT_FAMILY, escapePlotlyText };

export function chartColumnsFromArrow(table: Table): ChartColumn[] {
  return table.schema.fields.map((field, index) => {
    const vector = table.getChildAt(index);
    const kind = columnKind(field);
    const numeric = isNumericKind(kind);
    const values = Array.from({ length: table.numRows }, (_unused, row) => {
      const value = vector?.get(row);
      if (value === null || value === undefined) return null;
      return numeric ? cellNumber(value, field) : cellPlainText(value, field);
    });
    const temporal = kind === 'date' || kind === 'timestamp' || kind === 'time';
    return { name: field.name, numeric, yearLike: numeric && isYearColumn(field.name), ...(temporal ? { temporal } : {}), values };
  });
}

export function chartFigure(spec: ChartCellSpec, columns: readonly ChartColumn[], language: 'zh' | 'en' = 'zh'): ChartFigureOutcome {
  return buildChartFigure(spec, columns, bilingual(`the result of "${spec.source}"`, `“${spec.source}”的结果`), language);
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
