import { useMemo } from 'react';
import { chartColumnsFromArrow, chartFigure } from '@shared/domain/notebook/chartFigure';
import { CHART_KINDS, type ChartCell, type ChartKind, type ChartSpec } from '@shared/domain/notebook/NotebookDocument';
import { PlotlyChart, type PlotlyFigure } from '../../components/PlotlyChart';
import { useT, useWorkbench } from '../../store/StoreContext';

/** A chart of a named cell's result: Plotly, from the same spec `iwb run` renders to PNG and SVG. */
export function ChartCellView({ cell, sources }: { cell: ChartCell; sources: string[] }) {
  const t = useT();
  const locale = useWorkbench((state) => state.locale);
  const updateCell = useWorkbench((state) => state.updateCell);
  const sourceRun = useWorkbench((state) => {
    const notebook = state.notebook;
    const source = notebook?.document.cells.find(
      (candidate) => (candidate.kind === 'sql' || candidate.kind === 'target') && candidate.name?.toLowerCase() === cell.chart.source.toLowerCase(),
    );
    return source ? notebook?.runs[source.id] : undefined;
  });
  const table = sourceRun?.status === 'done' ? sourceRun.table : null;
  const columns = useMemo(() => (table ? chartColumnsFromArrow(table) : []), [table]);
  const outcome = useMemo(() => (columns.length > 0 ? chartFigure(cell.chart, columns) : null), [cell.chart, columns]);
  const figure = useMemo<PlotlyFigure | null>(
    () =>
      outcome?.ok
        ? ({ ...(outcome.figure as unknown as PlotlyFigure), config: { locale: locale === 'zh-CN' ? 'zh-CN' : 'en', displayModeBar: false } } as PlotlyFigure)
        : null,
    [outcome, locale],
  );
  const change = (patch: Partial<ChartSpec>) => updateCell(cell.id, (current) => (current.kind === 'chart' ? { ...current, chart: { ...current.chart, ...patch } } : current));
  const numericColumns = columns.filter((column) => column.numeric);

  return (
    <div className="nb-chart">
      <div className="nb-chart-controls">
        <label>
          {t('nb.chart.kind')}
          <select value={cell.chart.kind} onChange={(event) => change({ kind: event.target.value as ChartKind })} data-testid="nb-chart-kind">
            {CHART_KINDS.map((kind) => (
              <option key={kind} value={kind}>
                {t(`nb.chart.${kind}`)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('nb.chart.source')}
          <select value={cell.chart.source} onChange={(event) => change({ source: event.target.value })} data-testid="nb-chart-source">
            {[...new Set([cell.chart.source, ...sources])].map((name) => (
              <option key={name} value={name}>
                {name}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('nb.chart.x')}
          {columns.length > 0 ? (
            <select value={cell.chart.x} onChange={(event) => change({ x: event.target.value })} data-testid="nb-chart-x">
              {[...new Set([cell.chart.x, ...columns.map((column) => column.name)])].map((name) => (
                <option key={name} value={name}>
                  {name}
                </option>
              ))}
            </select>
          ) : (
            <input type="text" value={cell.chart.x} onChange={(event) => change({ x: event.target.value })} />
          )}
        </label>
        <fieldset className="nb-chart-y">
          <legend>{t('nb.chart.y')}</legend>
          {(numericColumns.length > 0 ? numericColumns.map((column) => column.name) : cell.chart.y).map((name) => (
            <label key={name} className="checkbox">
              <input
                type="checkbox"
                checked={cell.chart.y.includes(name)}
                onChange={(event) => {
                  const y = event.target.checked ? [...cell.chart.y, name] : cell.chart.y.filter((item) => item !== name);
                  if (y.length > 0) change({ y });
                }}
              />
              {name}
            </label>
          ))}
        </fieldset>
        <label>
          {t('nb.chart.title')}
          <input type="text" value={cell.chart.title ?? ''} onChange={(event) => change({ title: event.target.value === '' ? null : event.target.value })} />
        </label>
        <label>
          {t('nb.chart.unit')}
          <input type="text" className="nb-short-input" value={cell.chart.unit ?? ''} onChange={(event) => change({ unit: event.target.value === '' ? null : event.target.value })} />
        </label>
      </div>
      {figure ? (
        <PlotlyChart figure={figure} className="nb-plot" testId="nb-chart-plot" />
      ) : outcome && !outcome.ok ? (
        <div className="nb-chart-waiting nb-problem-error">{outcome.problem}</div>
      ) : (
        <div className="nb-chart-waiting muted">{t('nb.chart.waiting', { source: cell.chart.source })}</div>
      )}
      {table && sourceRun?.result && sourceRun.result.rowCount > table.numRows ? <div className="nb-result-note">{t('nb.chart.limited', { count: table.numRows })}</div> : null}
    </div>
  );
}
