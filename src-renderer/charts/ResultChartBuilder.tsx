import { useEffect, useMemo } from 'react';
import { defaultChartSpec } from '@shared/domain/chart/ChartSpec';
import { chartColumnsFromArrow } from '@shared/domain/notebook/chartFigure';
import { formatCount } from '../i18n/translate';
import { ErrorBanner } from '../components/ErrorBanner';
import { currentChartRows, type ResultTab } from '../store/resultsSlice';
import { useT, useWorkbench } from '../store/StoreContext';
import { ChartBuilder } from './ChartBuilder';

/**
 * The chart builder on a query result tab: it draws the whole current view
 * (sorted and filtered as the grid shows it) up to `CHART_MAX_ROWS` rows,
 * fetched when the chart is shown, and the first rows meanwhile. Its spec is
 * kept per tab in the store.
 */
export function ResultChartBuilder({ tab, exportName }: { tab: ResultTab; exportName: string }) {
  const t = useT();
  const loadChartRows = useWorkbench((state) => state.loadChartRows);
  const resultId = tab.result?.resultId;
  useEffect(() => {
    void loadChartRows(tab.id);
  }, [loadChartRows, tab.id, resultId, tab.viewVersion, tab.sort, tab.filters, tab.streaming]);
  const rows = currentChartRows(tab);
  const table = rows?.status === 'done' && rows.table ? rows.table : tab.table!;
  const columns = useMemo(() => chartColumnsFromArrow(table), [table]);
  const stored = useWorkbench((state) => state.chartSpecs[tab.id]);
  const setChartSpec = useWorkbench((state) => state.setChartSpec);
  const spec = useMemo(() => {
    const names = new Set(columns.map((column) => column.name));
    // A spec from an earlier result of this tab is kept while its columns still exist.
    return stored && names.has(stored.x) && stored.y.every((name) => names.has(name)) ? stored : defaultChartSpec(columns);
  }, [stored, columns]);
  const counts = { count: formatCount(table.numRows), total: formatCount(tab.viewRows) };
  let note: string | null = null;
  if (tab.streaming) note = t('chart.streaming', counts);
  else if (rows?.status === 'loading') note = t('chart.loadingAll', counts);
  else if (table.numRows < tab.viewRows) note = t('chart.limited', counts);
  return (
    <>
      {rows?.status === 'error' && rows.error ? <ErrorBanner error={rows.error} testId="chart-rows-error" /> : null}
      <ChartBuilder columns={columns} spec={spec} onChange={(next) => setChartSpec(tab.id, next)} exportName={exportName} note={note} />
    </>
  );
}
