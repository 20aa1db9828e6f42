import { useState } from 'react';
import { formatCount } from '../i18n/translate';
import { explainSqlError } from '@shared/domain/sqlErrorExplanation';
import type { Locale } from '../i18n/translate';
import { useT, useWorkbench } from '../store/StoreContext';
import { errorBannerMessage } from './errorBannerText';

/** A past query's error as the SQL banner words it (the same rule), in the UI's language; DuckDB's own line when it has no explanation. */
function historyError(error: string, locale: Locale): string {
  return errorBannerMessage({ kind: 'user', code: 'sql', message: error, ...(explainSqlError(error) ?? {}) }, locale);
}

/** The workspace's past queries, newest first; a click loads one into the editor. */
export function HistoryPanel() {
  const t = useT();
  const locale = useWorkbench((state) => state.locale);
  const entries = useWorkbench((state) => state.historyEntries);
  const loadHistory = useWorkbench((state) => state.loadHistory);
  const clearHistory = useWorkbench((state) => state.clearHistory);
  const setSql = useWorkbench((state) => state.setSql);
  const toggleHistory = useWorkbench((state) => state.toggleHistory);
  const [search, setSearch] = useState('');

  return (
    <aside className="history-panel" data-testid="history-panel" aria-label={t('history.title')}>
      <div className="sidebar-header">
        <h2>{t('history.title')}</h2>
        <button type="button" className="link-button" onClick={() => toggleHistory(false)}>
          ×
        </button>
      </div>
      <input
        type="search"
        className="sidebar-filter"
        placeholder={t('history.search')}
        value={search}
        onChange={(event) => {
          setSearch(event.target.value);
          void loadHistory(event.target.value);
        }}
      />
      {entries.length === 0 ? <p className="muted small">{t('history.empty')}</p> : null}
      <ul className="history-list">
        {entries.map((entry, index) => (
          <li key={`${entry.startedAt}-${index}`}>
            <button type="button" className="history-entry" title={t('history.use')} onClick={() => setSql(entry.sql)}>
              <span className={`history-status status-${entry.status}`}>{t(`history.${entry.status}`)}</span>
              <span className="history-time muted">
                {new Date(entry.startedAt).toLocaleString('zh-CN', { hour12: false })} · {formatCount(Math.round(entry.elapsedMs))} ms
                {entry.rowCount !== null ? ` · ${t('history.rows', { rows: formatCount(entry.rowCount) })}` : ''}
              </span>
              <code className="history-sql">{entry.sql.length > 300 ? `${entry.sql.slice(0, 300)}…` : entry.sql}</code>
              {entry.error ? (
                <span className="history-error" title={entry.error}>
                  {historyError(entry.error, locale)}
                </span>
              ) : null}
            </button>
          </li>
        ))}
      </ul>
      {entries.length > 0 ? (
        <button type="button" className="link-button small" onClick={() => void clearHistory()}>
          {t('history.clear')}
        </button>
      ) : null}
    </aside>
  );
}
