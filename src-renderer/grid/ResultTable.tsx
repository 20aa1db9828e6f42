import { useEffect, useMemo } from 'react';
import type { Field } from 'apache-arrow';
import type { ResultTab } from '../store/resultsSlice';
import { useWorkbench, useWorkbenchStore } from '../store/StoreContext';
import { useApi } from '../store/useApi';
import { ResultWindowCache } from './ResultWindowCache';
import { VirtualGrid } from './VirtualGrid';

/**
 * Binds a result tab to the virtual grid: one window cache per result and
 * view (sort + filters), fetching pages from the engine through the API.
 */
export function ResultTable({ tab }: { tab: ResultTab }) {
  const api = useApi();
  const store = useWorkbenchStore();
  const setResultView = useWorkbench((state) => state.setResultView);
  const summarizeColumn = useWorkbench((state) => state.summarizeColumn);
  const setNotice = useWorkbench((state) => state.setNotice);
  const resultId = tab.result?.resultId ?? null;
  const { sort, filters, viewRows, table, viewVersion } = tab;

  const cache = useMemo(() => {
    if (!resultId) return null;
    return new ResultWindowCache(
      (offset, limit) => api.result.fetch({ resultId, offset, limit, sort, filters }),
      viewRows,
      { pageRows: 500, maxPages: 40 },
      table ?? undefined,
    );
    // viewVersion changes exactly when the engine's view of the result changes.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [api, resultId, viewVersion]);
  useEffect(() => () => cache?.dispose(), [cache]);

  const fields: Field[] = table?.schema.fields ?? [];
  if (!cache) return null;
  return (
    <VirtualGrid
      key={resultId}
      cache={cache}
      fields={fields}
      sort={sort}
      filters={filters}
      onSortChange={(next) => void setResultView(tab.id, { sort: next })}
      onFiltersChange={(next) => void setResultView(tab.id, { filters: next })}
      onSummarize={(column) => void summarizeColumn(tab.id, column)}
      onNotice={(message) => {
        setNotice(message);
        window.setTimeout(() => {
          if (store.getState().notice === message) setNotice(null);
        }, 4000);
      }}
    />
  );
}
