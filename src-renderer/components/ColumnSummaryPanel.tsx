import { groupThousands } from '@shared/domain/arrowCells';
import { formatCount } from '../i18n/translate';
import type { ResultTab } from '../store/resultsSlice';
import { useT, useWorkbench } from '../store/StoreContext';
import { ErrorBanner } from './ErrorBanner';

/** Type, nulls, distinct values, range and a small histogram or the top values of one column. */
export function ColumnSummaryPanel({ tab }: { tab: ResultTab }) {
  const t = useT();
  const closeSummary = useWorkbench((state) => state.closeSummary);
  const summary = tab.summary;
  if (!summary) return null;
  const data = summary.data;
  const maxCount = Math.max(1, ...(data?.histogram ?? data?.topValues ?? []).map((entry) => entry.count));
  return (
    <aside className="summary-panel" data-testid="column-summary" aria-label={t('summary.title', { column: summary.column })}>
      <div className="summary-header">
        <h3>{t('summary.title', { column: summary.column })}</h3>
        <button type="button" className="link-button" onClick={() => closeSummary(tab.id)}>
          {t('summary.close')}
        </button>
      </div>
      {summary.status === 'loading' ? <p className="muted">{t('summary.loading')}</p> : null}
      {summary.error ? <ErrorBanner error={summary.error} /> : null}
      {data ? (
        <>
          <dl className="summary-stats">
            <dt>{t('summary.type')}</dt>
            <dd className="mono">{data.type}</dd>
            <dt>{t('summary.rows')}</dt>
            <dd>{formatCount(data.rows)}</dd>
            <dt>{t('summary.nulls')}</dt>
            <dd>
              {formatCount(data.nulls)}
              {data.rows > 0 ? <span className="muted"> ({((100 * data.nulls) / data.rows).toFixed(1)}%)</span> : null}
            </dd>
            <dt>{t('summary.distinct')}</dt>
            <dd>{formatCount(data.distinct)}</dd>
            {data.min !== null ? (
              <>
                <dt>{t('summary.min')}</dt>
                <dd>{groupThousands(data.min)}</dd>
                <dt>{t('summary.max')}</dt>
                <dd>{groupThousands(data.max ?? '')}</dd>
              </>
            ) : null}
            {data.mean !== null ? (
              <>
                <dt>{t('summary.mean')}</dt>
                <dd>{groupThousands(String(Number(data.mean.toPrecision(8))))}</dd>
              </>
            ) : null}
          </dl>
          {data.histogram ? (
            <div className="summary-chart" data-testid="summary-histogram">
              <div className="summary-subtitle">{t('summary.histogram')}</div>
              <div className="histogram">
                {data.histogram.map((bin, index) => (
                  <div
                    key={index}
                    className="histogram-bar"
                    style={{ height: `${Math.max(bin.count > 0 ? 3 : 0, (100 * bin.count) / maxCount)}%` }}
                    title={`${bin.from} – ${bin.to}: ${formatCount(bin.count)}`}
                  />
                ))}
              </div>
              <div className="histogram-axis muted">
                <span>{data.histogram[0]?.from}</span>
                <span>{data.histogram[data.histogram.length - 1]?.to}</span>
              </div>
            </div>
          ) : null}
          {data.topValues ? (
            <div className="summary-chart" data-testid="summary-top-values">
              <div className="summary-subtitle">{t('summary.top')}</div>
              <ul className="top-values">
                {data.topValues.map((entry, index) => (
                  <li key={index}>
                    <span className={entry.value === null ? 'null-cell' : 'top-value'}>{entry.value ?? t('result.null')}</span>
                    <span className="top-bar" style={{ width: `${(100 * entry.count) / maxCount}%` }} />
                    <span className="top-count">{formatCount(entry.count)}</span>
                  </li>
                ))}
              </ul>
            </div>
          ) : null}
        </>
      ) : null}
    </aside>
  );
}
