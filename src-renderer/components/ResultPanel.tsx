import { formatCount } from '../i18n/translate';
import type { ResultTab } from '../store/resultsSlice';
import { useT, useWorkbench } from '../store/StoreContext';
import { ErrorBanner } from './ErrorBanner';
import { ResultChart } from './ResultChart';
import { ResultGrid } from './ResultGrid';
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
  const locale = useWorkbench((state) => state.locale);
  const setTabView = useWorkbench((state) => state.setTabView);
  const setChart = useWorkbench((state) => state.setChart);
  const seconds = useElapsedSeconds(tab.startedAt, tab.status === 'running');
  const result = tab.result;

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
                {tab.table && result.rowCount > tab.table.numRows ? (
                  <span className="cap-note" data-testid="cap-note">
                    {t('result.showing', { shown: formatCount(tab.table.numRows), total: formatCount(result.rowCount) })}
                  </span>
                ) : null}
              </>
            ) : result.kind === 'changes' ? (
              t('result.changed', { count: formatCount(result.rowsChanged) })
            ) : (
              t('result.ok')
            )
          ) : null}
        </div>
      </div>
      {tab.error ? <ErrorBanner error={tab.error} /> : null}
      {tab.table && result?.kind === 'rows' ? (
        tab.view === 'table' ? (
          <ResultGrid table={tab.table} />
        ) : (
          <ResultChart
            table={tab.table}
            totalRows={result.rowCount}
            chart={tab.chart}
            onChange={(chart) => setChart(tab.id, chart)}
            locale={locale}
          />
        )
      ) : tab.status !== 'running' && !tab.error && !result ? (
        <div className="empty-state">{t('result.empty')}</div>
      ) : null}
    </div>
  );
}
