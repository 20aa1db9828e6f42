import { useMemo } from 'react';
import type { Table } from 'apache-arrow';
import { cellNumber, cellPlainText, columnKind, isNumericKind } from '@shared/domain/arrowCells';
import type { ChartChoice, ChartKind } from '../store/resultsSlice';
import { useT } from '../store/StoreContext';
import { PlotlyChart, type PlotlyFigure } from './PlotlyChart';
import { CHART_FONT_FAMILY } from '../charts/chartTheme';

interface ResultChartProps {
  table: Table;
  totalRows: number;
  chart: ChartChoice;
  onChange(chart: Partial<ChartChoice>): void;
  locale: 'zh-CN' | 'en';
}

/** A line or bar chart of the fetched rows: pick the x column and one or more numeric y columns. */
export function ResultChart({ table, totalRows, chart, onChange, locale }: ResultChartProps) {
  const t = useT();
  const fields = table.schema.fields;
  const numericFields = fields.filter((field) => isNumericKind(columnKind(field)));

  const figure = useMemo<PlotlyFigure | null>(() => {
    const xIndex = fields.findIndex((field) => field.name === chart.x);
    if (xIndex === -1 || chart.y.length === 0 || table.numRows === 0) return null;
    const xField = fields[xIndex]!;
    const xColumn = table.getChildAt(xIndex);
    const xKind = columnKind(xField);
    const x = Array.from({ length: table.numRows }, (_unused, row) => {
      const value = xColumn?.get(row);
      return isNumericKind(xKind) ? cellNumber(value, xField) : cellPlainText(value, xField);
    });
    const data = chart.y.flatMap((name) => {
      const index = fields.findIndex((field) => field.name === name);
      if (index === -1) return [];
      const field = fields[index]!;
      const column = table.getChildAt(index);
      const y = Array.from({ length: table.numRows }, (_unused, row) => cellNumber(column?.get(row), field));
      return [
        chart.kind === 'bar'
          ? { type: 'bar' as const, name, x, y }
          : { type: 'scatter' as const, mode: 'lines+markers' as const, name, x, y },
      ];
    });
    return {
      data,
      layout: {
        font: { family: CHART_FONT_FAMILY, size: 13 },
        margin: { l: 64, r: 24, t: 24, b: 56 },
        paper_bgcolor: '#ffffff',
        plot_bgcolor: '#ffffff',
        showlegend: data.length > 1,
        legend: { orientation: 'h', y: -0.2 },
        xaxis: { title: { text: xField.name }, type: isNumericKind(xKind) ? 'linear' : 'category', gridcolor: '#eceef1' },
        yaxis: { title: { text: chart.y.length === 1 ? chart.y[0] : '' }, gridcolor: '#eceef1', separatethousands: true },
        barmode: 'group',
      },
      config: { locale: locale === 'zh-CN' ? 'zh-CN' : 'en', displayModeBar: false },
    };
  }, [table, chart, fields, locale]);

  return (
    <div className="result-chart" data-testid="result-chart">
      <div className="chart-controls">
        <label>
          {t('chart.type')}
          <select value={chart.kind} onChange={(event) => onChange({ kind: event.target.value as ChartKind })} data-testid="chart-kind">
            <option value="line">{t('chart.line')}</option>
            <option value="bar">{t('chart.bar')}</option>
          </select>
        </label>
        <label>
          {t('chart.x')}
          <select value={chart.x ?? ''} onChange={(event) => onChange({ x: event.target.value })} data-testid="chart-x">
            {fields.map((field) => (
              <option key={field.name} value={field.name}>
                {field.name}
              </option>
            ))}
          </select>
        </label>
        <fieldset className="chart-y">
          <legend>{t('chart.y')}</legend>
          {numericFields.map((field) => (
            <label key={field.name} className="checkbox">
              <input
                type="checkbox"
                checked={chart.y.includes(field.name)}
                onChange={(event) =>
                  onChange({ y: event.target.checked ? [...chart.y, field.name] : chart.y.filter((name) => name !== field.name) })
                }
              />
              {field.name}
            </label>
          ))}
        </fieldset>
        {totalRows > table.numRows ? <span className="muted">{t('chart.limited', { count: table.numRows })}</span> : null}
      </div>
      {numericFields.length === 0 ? (
        <div className="empty-state">{t('chart.noNumeric')}</div>
      ) : figure ? (
        <PlotlyChart figure={figure} testId="plotly-chart" />
      ) : (
        <div className="empty-state">{t('chart.noRows')}</div>
      )}
    </div>
  );
}
