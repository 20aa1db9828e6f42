import { useMemo } from 'react';
import { chartColumnsFromArrow } from '@shared/domain/notebook/chartFigure';
import type { ChartCell, ChartCellSpec } from '@shared/domain/notebook/NotebookDocument';
import { ChartBuilder } from '../../charts/ChartBuilder';
import { CHART_MAX_ROWS } from '@shared/domain/chart/chartRows';
import { defaultChartSpec } from '@shared/domain/chart/ChartSpec';
import { chartSourceCell } from '@shared/domain/notebook/notebookDependencies';
import { formatCount } from '../../i18n/translate';
import { useT, useWorkbench } from '../../store/StoreContext';

/** A chart of a named cell's result: Plotly, from the same spec `iwb run` renders to PNG and SVG. */
export function ChartCellView({ cell, sources }: { cell: ChartCell; sources: string[] }) {
  const t = useT();
  const updateCell = useWorkbench((state) => state.updateCell);
  const sourceRun = useWorkbench((state) => {
    const notebook = state.notebook;
    const source = notebook ? chartSourceCell(notebook.document, cell.id) : null;
    return source ? notebook?.runs[source.id] : undefined;
  });
  const table = sourceRun?.status === 'done' ? sourceRun.table : null;
  const columns = useMemo(() => (table ? chartColumnsFromArrow(table) : []), [table]);
  let limitNote: string | null = null;
  if (table && sourceRun?.result && sourceRun.result.rowCount > table.numRows) {
    const counts = { count: formatCount(table.numRows), total: formatCount(sourceRun.result.rowCount), source: cell.chart.source };
    // Fewer rows than a chart draws: the source ran before this chart existed; running it again brings them.
    limitNote = table.numRows < CHART_MAX_ROWS ? t('nb.chart.rerun', counts) : t('chart.limited', counts);
  }
  // The chart names columns the result does not have (made before its source ran, or the SQL changed): offer the first chart for the columns it has.
  const names = new Set(columns.map((column) => column.name));
  const drawn = [cell.chart.x, ...cell.chart.y, ...(cell.chart.y2 ?? []), ...(cell.chart.kind === 'fan' ? [cell.chart.low, cell.chart.high] : [])];
  const missing = columns.length > 0 ? drawn.filter((name): name is string => typeof name === 'string' && name !== '' && !names.has(name)) : [];
  const fitted = missing.length > 0 ? defaultChartSpec(columns) : null;
  const change = (patch: Partial<ChartCellSpec>) => updateCell(cell.id, (current) => (current.kind === 'chart' ? { ...current, chart: { ...current.chart, ...patch } } : current));

  return (
    <div className="nb-chart">
      <div className="nb-chart-controls">
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
      </div>
      {fitted && fitted.x !== '' && fitted.y.length > 0 ? (
        <div className="nb-chart-refit" role="status" data-testid="nb-chart-refit">
          {t('nb.chart.columnsGone', { source: cell.chart.source, columns: missing.join(t('app.listSeparator')) })}{' '}
          <button type="button" className="link-button" onClick={() => change({ kind: fitted.kind, x: fitted.x, y: fitted.y, y2: fitted.y2 ?? [], low: fitted.low ?? null, high: fitted.high ?? null })} data-testid="nb-chart-refit-button">
            {t('nb.chart.useColumns')}
          </button>
        </div>
      ) : null}
      {columns.length > 0 ? (
        <ChartBuilder
          columns={columns}
          spec={cell.chart}
          onChange={(next) => change({ ...next, title: next.title ?? null, unit: next.unit ?? null })}
          exportName={(cell.name ?? 'chart').replace(/[\\/:*?"<>|]+/g, '_')}
          note={limitNote}
        />
      ) : (
        <div className="nb-chart-waiting muted">{t('nb.chart.waiting', { source: cell.chart.source })}</div>
      )}
    </div>
  );
}
