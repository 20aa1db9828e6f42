import { formatCount } from '../i18n/translate';
import type { ResultTab } from '../store/resultsSlice';
import { useT, useWorkbench } from '../store/StoreContext';
import { useState } from 'react';
import { ResultTable } from '../grid/ResultTable';
import { ColumnSummaryPanel } from './ColumnSummaryPanel';
import { ErrorBanner } from './ErrorBanner';
import { ExportDialog } from './ExportDialog';
import { ResultChartBuilder } from '../charts/ResultChartBuilder';
import { useElapsedSeconds } from './useElapsed';

export function ResultPanel() {
  const t = useT();
  const tabs = useWorkbench((state) => state.tabs);
  const activeTabId = useWorkbench((state) => state.activeTabId);
  const setActiveTab = useWorkbench((state) => state.setActiveTab);
  const closeTab = useWorkbench((state) => state.closeTab);
  const newTab = useWorkbench((state) => state.newTab);
  const active = tabs.find((tab) => tab.id === activeTabId) ?? null;

  return (
    <section className="result-panel" aria-label={t('result.title')}>
      <div className="result-tabs" role="tablist">
        {tabs.map((tab) => (
          <div key={tab.id} className={`result-tab${tab.id === activeTabId ? ' active' : ''}`} role="tab" aria-selected={tab.id === activeTabId}>
            <button type="button" className="tab-label" onClick={() => setActiveTab(tab.id)}>
              <span className={`status-dot status-${tab.status}`} />
              {t('result.tab', { n: tab.number })}
            </button>
            <button type="button" className="tab-close" title={t('result.closeTab')} aria-label={t('result.closeTab')} onClick={() => closeTab(tab.id)}>
              ×
            </button>
          </div>
        ))}
        <button type="button" className="tab-new" onClick={newTab} aria-label="+" title="+">
          +
        </button>
      </div>
      {active ? <ResultTabBody tab={active} /> : <div className="empty-state">{t('result.empty')}</div>}
    </section>
  );
}

function ResultTabBody({ tab }: { tab: ResultTab }) {
  const t = useT();
  const setTabView = useWorkbench((state) => state.setTabView);
  const setResultView = useWorkbench((state) => state.setResultView);
  const seconds = useElapsedSeconds(tab.startedAt, tab.status === 'running');
  const [exporting, setExporting] = useState(false);
  const result = tab.result;
  const viewActive = tab.sort.length > 0 || tab.filters.length > 0;

  return (
    <div className="result-body">
      <div className="result-toolbar">
        <div className="segmented" role="group">
          <button type="button" className={tab.view === 'table' ? 'selected' : ''} onClick={() => setTabView(tab.id, 'table')} data-testid="view-table">
            {t('result.table')}
          </button>
          <button type="button" className={tab.view === 'chart' ? 'selected' : ''} onClick={() => setTabView(tab.id, 'chart')} data-testid="view-chart">
            {t('result.chart')}
          </button>
        </div>
        <div className="result-status" data-testid="result-status" aria-live="polite">
          {tab.status === 'running' ? (
            <>
              <span className="spinner" aria-hidden />
              {t('result.running', { seconds: seconds.toFixed(1) })}
              {tab.streaming && result ? (
                <>
                  <span data-testid="row-count-growing">{t('result.rowsSoFar', { count: formatCount(result.rowCount) })}</span>
                  <span className="muted">{t('result.streamingNote')}</span>
                </>
              ) : null}
              {tab.progress !== null ? (
                <span className="progress">
                  <progress max={100} value={tab.progress} /> {t('result.progress', { percent: tab.progress.toFixed(0) })}
                </span>
              ) : null}
            </>
          ) : tab.status === 'cancelled' ? (
            t(tab.cancelOutcome === 'restarted' ? 'result.cancelledRestarted' : 'result.cancelled')
          ) : result ? (
            result.kind === 'rows' ? (
              <>
                <span data-testid="row-count">{t('result.rows', { count: formatCount(result.rowCount) })}</span>
                <span>{t('result.columns', { count: result.columns.length })}</span>
                <span>{t('result.elapsed', { ms: formatCount(Math.round(result.elapsedMs)) })}</span>
                {tab.filters.length > 0 ? (
                  <span className="view-note" data-testid="filtered-count">
                    {t('grid.filtered', { rows: formatCount(tab.viewRows) })}
                  </span>
                ) : null}
                {viewActive ? (
                  <button type="button" className="link-button" onClick={() => void setResultView(tab.id, { sort: [], filters: [] })} data-testid="clear-view">
                    {t('grid.clearView')}
                  </button>
                ) : null}
              </>
            ) : result.kind === 'changes' ? (
              t('result.changed', { count: formatCount(result.rowsChanged) })
            ) : (
              t('result.ok')
            )
          ) : null}
        </div>
        {result?.kind === 'rows' && !tab.streaming ? (
          <button type="button" className="export-button" onClick={() => setExporting(true)} data-testid="export-button">
            ⤓ {t('export.button')}
          </button>
        ) : null}
      </div>
      {tab.error ? <ErrorBanner error={tab.error} /> : null}
      {tab.viewError ? <ErrorBanner error={tab.viewError} testId="view-error" /> : null}
      {exporting ? <ExportDialog tab={tab} onClose={() => setExporting(false)} /> : null}
      {tab.table && result?.kind === 'rows' ? (
        tab.view === 'table' ? (
          <div className="grid-with-summary">
            <ResultTable tab={tab} />
            <ColumnSummaryPanel tab={tab} />
          </div>
        ) : (
          <ResultChartBuilder tab={tab} exportName={`chart-${tab.number}`} />
        )
      ) : tab.status !== 'running' && !tab.error && !result ? (
        <div className="empty-state">{t('result.empty')}</div>
      ) : null}
    </div>
  );
}
