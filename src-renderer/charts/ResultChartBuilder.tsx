import { useMemo } from 'react';
import type { Table } from 'apache-arrow';
import { defaultChartSpec } from '@shared/domain/chart/ChartSpec';
import { chartColumnsFromArrow } from '@shared/domain/notebook/chartFigure';
import { useT, useWorkbench } from '../store/StoreContext';
import { ChartBuilder } from './ChartBuilder';

/** The chart builder on a query result tab: its spec is kept per tab in the store. */
export function ResultChartBuilder({ tabId, table, totalRows, exportName }: { tabId: string; table: Table; totalRows: number; exportName: string }) {
  const t = useT();
  const columns = useMemo(() => chartColumnsFromArrow(table), [table]);
  const stored = useWorkbench((state) => state.chartSpecs[tabId]);
  const setChartSpec = useWorkbench((state) => state.setChartSpec);
  const spec = useMemo(() => {
    const names = new Set(columns.map((column) => column.name));
    // A spec from an earlier result of this tab is kept while its columns still exist.
    return stored && names.has(stored.x) && stored.y.every((name) => names.has(name)) ? stored : defaultChartSpec(columns);
  }, [stored, columns]);
  return (
    <ChartBuilder
      columns={columns}
      spec={spec}
      onChange={(next) => setChartSpec(tabId, next)}
      exportName={exportName}
      note={totalRows > table.numRows ? t('chart.limited', { count: table.numRows }) : null}
    />
  );
}
