import { useEffect } from 'react';
import { ErrorBanner } from './ErrorBanner';
import { RenderErrorBoundary } from './RenderErrorBoundary';
import { SchemaSidebar } from './SchemaSidebar';
import { useT, useWorkbench } from '../store/StoreContext';
import { DEFAULT_VIEW_ID, views } from '../views/viewRegistry';
import { NotebookFileDrop } from '../views/notebook/NotebookFileDrop';
import { ImportFileDrop } from '../views/import/ImportFileDrop';
import { useMenuCommands } from '../desktop/useMenuCommands';

export function App() {
  const t = useT();
  const locale = useWorkbench((state) => state.locale);
  const setLocale = useWorkbench((state) => state.setLocale);
  const appInfo = useWorkbench((state) => state.appInfo);
  const connectionError = useWorkbench((state) => state.connectionError);
  const notice = useWorkbench((state) => state.notice);
  const setNotice = useWorkbench((state) => state.setNotice);
  const viewId = useWorkbench((state) => state.view);
  const setView = useWorkbench((state) => state.setView);
  const view = views.find((candidate) => candidate.id === viewId) ?? views.find((candidate) => candidate.id === DEFAULT_VIEW_ID)!;
  useMenuCommands();

  useEffect(() => {
    document.documentElement.lang = locale === 'zh-CN' ? 'zh-CN' : 'en';
    document.title = `${t('app.title')} · Indicator Workbench`;
  }, [locale, t]);

  return (
    <div className="app-shell">
      <header className="app-header">
        <div className="brand">
          <span className="brand-mark" aria-hidden>
            指
          </span>
          <div>
            <div className="brand-title">{t('app.title')}</div>
            <div className="brand-subtitle">{t('app.subtitle')}</div>
          </div>
        </div>
        <nav className="main-nav" aria-label="main">
          {views.map((candidate) => (
            <button
              key={candidate.id}
              type="button"
              className={`nav-item${candidate.id === view.id ? ' active' : ''}`}
              aria-current={candidate.id === view.id ? 'page' : undefined}
              onClick={() => setView(candidate.id)}
              data-testid={`nav-${candidate.id}`}
            >
              {t(candidate.labelKey)}
            </button>
          ))}
        </nav>
        <div className="header-right">
          {appInfo ? (
            <span className="workspace-path" title={appInfo.workspacePath}>
              {t('app.workspace')}: {appInfo.workspacePath}
            </span>
          ) : null}
          <button
            type="button"
            className="language-switch"
            title={t('app.languageTitle')}
            onClick={() => setLocale(locale === 'zh-CN' ? 'en' : 'zh-CN')}
            data-testid="language-switch"
          >
            {t('app.language')}
          </button>
        </div>
      </header>
      {notice ? (
        <div className="notice" role="status">
          {notice}
          <button type="button" className="link-button" onClick={() => setNotice(null)}>
            ×
          </button>
        </div>
      ) : null}
      {connectionError ? <ErrorBanner error={connectionError} testId="connection-error" /> : null}
      <main className={`app-main${view.showSchema ? '' : ' no-sidebar'}`}>
        {view.showSchema ? <SchemaSidebar /> : null}
        <RenderErrorBoundary resetKey={view.id} testId="view-render-error">
          {view.render()}
        </RenderErrorBoundary>
      </main>
      <ImportFileDrop />
      <NotebookFileDrop />
      <footer className="status-bar">
        {appInfo ? (
          <>
            <span>DuckDB {appInfo.duckdbVersion}</span>
            <span>
              {t('app.engine')} PID {appInfo.engine.pid ?? '—'}
            </span>
            <span>{t(appInfo.host === 'electron' ? 'app.hostDesktop' : 'app.hostBrowser')}</span>
            <span>v{appInfo.version}</span>
          </>
        ) : (
          <span>{t('app.loading')}</span>
        )}
      </footer>
    </div>
  );
}
