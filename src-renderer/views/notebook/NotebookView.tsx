import { RenderErrorBoundary } from '../../components/RenderErrorBoundary';
import { NotebookBriefingActions } from './NotebookBriefingActions';
import { Fragment, useEffect, useMemo, useState } from 'react';
import type { ErrorEnvelope } from '@shared/contract/WorkbenchError';
import { NOTEBOOK_FORMAT_VERSION } from '@shared/domain/notebook/NotebookDocument';
import type { NotebookProblem } from '@shared/domain/notebook/notebookProblem';
import { analyzeNotebook } from '@shared/domain/notebook/notebookDependencies';
import { ErrorBanner } from '../../components/ErrorBanner';
import { errorBannerMessage } from '../../components/errorBannerText';
import { isNotebookDirty, type OpenNotebookState } from '../../store/notebookSlice';
import { notebookStatuses } from '../../store/notebookState';
import { useT, useWorkbench } from '../../store/StoreContext';
import '../../styles/notebook.css';
import { AddCellBar } from './AddCellBar';
import type { CellDisplayStatus } from './CellFrame';
import { ConflictDialog, NewDialog, OpenDialog, SaveAsDialog } from './NotebookDialogs';
import { NotebookCellView } from './NotebookCellView';
import { shownProblem } from './notebookProblemDisplay';

/** How often an open file is compared with the disk (also on window focus). */
const DISK_CHECK_MS = 15_000;

function formatTime(milliseconds: number, locale: string): string {
  return new Date(milliseconds).toLocaleString(locale === 'zh-CN' ? 'zh-CN' : 'en-GB', { dateStyle: 'short', timeStyle: 'short' });
}

/** The notebook view: toolbar, banners, the cells (or the start page), and the dialogs. */
export function NotebookView() {
  const notebook = useWorkbench((state) => state.notebook);
  const dialog = useWorkbench((state) => state.notebookDialog);
  const error = useWorkbench((state) => state.notebookError);
  const loadNotebookListing = useWorkbench((state) => state.loadNotebookListing);
  const checkNotebookOnDisk = useWorkbench((state) => state.checkNotebookOnDisk);
  const flushNotebookAutosave = useWorkbench((state) => state.flushNotebookAutosave);

  useEffect(() => {
    void loadNotebookListing();
  }, [loadNotebookListing]);

  useEffect(() => {
    // Ctrl+S and Ctrl+Shift+S are the application menu's (src-renderer/desktop/useMenuCommands.ts).
    const onFocus = () => void checkNotebookOnDisk();
    const onHide = () => {
      if (document.visibilityState === 'hidden') void flushNotebookAutosave();
    };
    window.addEventListener('focus', onFocus);
    document.addEventListener('visibilitychange', onHide);
    const timer = setInterval(onFocus, DISK_CHECK_MS);
    return () => {
      window.removeEventListener('focus', onFocus);
      document.removeEventListener('visibilitychange', onHide);
      clearInterval(timer);
    };
  }, [checkNotebookOnDisk, flushNotebookAutosave]);

  return (
    <div className="nb-view" data-testid="notebook-view">
      <NotebookToolbar />
      {error ? <NotebookErrorBanner error={error} /> : null}
      {notebook ? <OpenNotebook notebook={notebook} /> : <StartPage />}
      {dialog === 'open' ? <OpenDialog /> : null}
      {dialog === 'saveAs' ? <SaveAsDialog /> : null}
      {dialog === 'new' ? <NewDialog /> : null}
      <ConflictDialog />
    </div>
  );
}

function NotebookToolbar() {
  const t = useT();
  const notebook = useWorkbench((state) => state.notebook);
  const busy = useWorkbench((state) => state.notebookBusy);
  const listing = useWorkbench((state) => state.notebookListing);
  const setNotebookDialog = useWorkbench((state) => state.setNotebookDialog);
  const saveNotebook = useWorkbench((state) => state.saveNotebook);
  const runAllCells = useWorkbench((state) => state.runAllCells);
  const cancelNotebookRun = useWorkbench((state) => state.cancelNotebookRun);
  const closeNotebook = useWorkbench((state) => state.closeNotebook);
  const openNotebook = useWorkbench((state) => state.openNotebook);
  const setNotebookTitle = useWorkbench((state) => state.setNotebookTitle);
  const loadNotebookListing = useWorkbench((state) => state.loadNotebookListing);
  const [recentOpen, setRecentOpen] = useState(false);
  const dirty = notebook ? isNotebookDirty(notebook) : false;

  return (
    <div className="nb-toolbar" role="toolbar">
      <button type="button" onClick={() => setNotebookDialog('new')} data-testid="nb-new">
        {t('nb.new')}
      </button>
      <button type="button" onClick={() => setNotebookDialog('open')} data-testid="nb-open">
        {t('nb.open')}
      </button>
      <button type="button" onClick={() => void saveNotebook()} disabled={!notebook || busy} title="Ctrl+S" data-testid="nb-save">
        {t('nb.save')}
      </button>
      <button type="button" onClick={() => setNotebookDialog('saveAs')} disabled={!notebook || busy} title="Ctrl+Shift+S" data-testid="nb-save-as">
        {t('nb.saveAs')}
      </button>
      <span className="nb-menu">
        <button
          type="button"
          onClick={() => {
            if (!recentOpen) void loadNotebookListing();
            setRecentOpen(!recentOpen);
          }}
          aria-expanded={recentOpen}
          data-testid="nb-recent"
        >
          {t('nb.recent')} ▾
        </button>
        {recentOpen ? (
          <ul className="nb-menu-list" data-testid="nb-recent-list">
            {(listing?.recent ?? []).length === 0 ? <li className="muted small">{t('nb.start.none')}</li> : null}
            {(listing?.recent ?? []).map((entry) => (
              <li key={entry.path}>
                <button
                  type="button"
                  disabled={!entry.exists}
                  onClick={() => {
                    setRecentOpen(false);
                    void openNotebook(entry.path);
                  }}
                  title={entry.path}
                >
                  {entry.title ?? entry.path.split(/[\\/]/).pop()} {entry.exists ? '' : t('nb.dialog.missing')}
                </button>
              </li>
            ))}
          </ul>
        ) : null}
      </span>
      <span className="nb-separator" />
      {notebook?.running ? (
        <button type="button" onClick={() => void cancelNotebookRun()} data-testid="nb-cancel">
          ■ {t('nb.cancel')}
        </button>
      ) : (
        <button type="button" className="primary" onClick={() => void runAllCells()} disabled={!notebook} data-testid="nb-run-all">
          ▶ {t('nb.runAll')}
        </button>
      )}
      {notebook ? (
        <>
          <input
            type="text"
            className="nb-title-input"
            value={notebook.document.title ?? ''}
            placeholder={t('nb.titlePlaceholder')}
            onChange={(event) => setNotebookTitle(event.target.value)}
            aria-label={t('nb.titlePlaceholder')}
            data-testid="nb-title"
          />
          <strong className={dirty ? 'nb-dirty' : 'nb-clean'} data-testid="nb-dirty-state">
            {dirty ? t('nb.unsaved') : t('nb.saved')}
          </strong>
          <span className="nb-file-state" title={`${notebook.path ?? notebook.name}${notebook.readOnly ? ` · ${t('nb.readOnlySample')}` : ''}`} data-testid="nb-file-state">
            {notebook.name}
            {notebook.readOnly ? ` · ${t('nb.readOnlySample')}` : ''}
          </span>
          <NotebookBriefingActions />
          <span className="nb-spacer" />
          <button type="button" onClick={() => void closeNotebook()} data-testid="nb-close">
            {t('nb.close')}
          </button>
        </>
      ) : null}
      {busy ? <span className="muted small">{t('nb.busy')}</span> : null}
    </div>
  );
}

/** Errors of opening and saving; a file that is not a notebook gets its problem and line in the user's language. */
function NotebookErrorBanner({ error }: { error: ErrorEnvelope }) {
  const t = useT();
  const dismiss = useWorkbench((state) => state.dismissNotebookError);
  const locale = useWorkbench((state) => state.locale);
  // A file that does not parse: the file, the line and the problem, from the catalog in the UI language.
  if (error.code === 'notebook-format' && error.text === 'notebook-trust-format') {
    return (
      <div className="error-banner error-user nb-error" role="alert" data-testid="nb-error">
        <div className="error-title">{t('nb.openFailed')}</div>
        <div className="error-message">{errorBannerMessage(error, locale)}</div>
        <button type="button" className="link-button" onClick={dismiss}>
          ×
        </button>
      </div>
    );
  }
  return (
    <div className="nb-error-wrap">
      <ErrorBanner error={error} testId="nb-error" />
      <button type="button" className="link-button" onClick={dismiss}>
        ×
      </button>
    </div>
  );
}

function StartPage() {
  const t = useT();
  const locale = useWorkbench((state) => state.locale);
  const listing = useWorkbench((state) => state.notebookListing);
  const openNotebook = useWorkbench((state) => state.openNotebook);
  const newNotebook = useWorkbench((state) => state.newNotebook);
  const restore = useWorkbench((state) => state.restoreNotebookRecovery);
  const discard = useWorkbench((state) => state.discardNotebookRecovery);
  const recoveries = listing?.recoveries ?? [];
  return (
    <div className="nb-start" data-testid="nb-start">
      <h1>{t('nb.start.title')}</h1>
      <p className="nb-start-intro">{t('nb.start.intro')}</p>
      {recoveries.length > 0 ? (
        <section className="nb-start-section nb-recoveries" data-testid="nb-recoveries">
          <h2>{t('nb.start.recoveries')}</h2>
          <ul className="nb-file-list">
            {recoveries.map((entry) => (
              <li key={entry.recoveryId}>
                <span>{t('nb.recovery.item', { title: entry.title ?? entry.path ?? t('nb.untitled'), time: formatTime(entry.savedAt, locale) })}</span>{' '}
                <button type="button" className="link-button" onClick={() => void restore(entry.recoveryId)} data-testid="nb-recovery-restore">
                  {t('nb.recovery.restore')}
                </button>
                <button type="button" className="link-button" onClick={() => void discard(entry.recoveryId)}>
                  {t('nb.recovery.discard')}
                </button>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      <div className="nb-start-grid">
        <section className="nb-start-section">
          <h2>{t('nb.start.samples')}</h2>
          <ul className="nb-file-list" data-testid="nb-start-samples">
            {(listing?.samples ?? []).map((entry) => (
              <li key={entry.path}>
                <button type="button" className="link-button" onClick={() => void openNotebook(entry.path)} title={entry.path}>
                  {entry.title ?? entry.name}
                </button>
              </li>
            ))}
          </ul>
        </section>
        <section className="nb-start-section">
          <h2>{t('nb.start.workspace')}</h2>
          <ul className="nb-file-list">
            {(listing?.workspace ?? []).length === 0 ? <li className="muted small">{t('nb.start.none')}</li> : null}
            {(listing?.workspace ?? []).map((entry) => (
              <li key={entry.path}>
                <button type="button" className="link-button" onClick={() => void openNotebook(entry.path)} title={entry.path}>
                  {entry.title ?? entry.name}
                </button>
              </li>
            ))}
          </ul>
          <button type="button" className="primary" onClick={() => void newNotebook('blank')} data-testid="nb-start-new">
            {t('nb.start.newBlank')}
          </button>
        </section>
      </div>
    </div>
  );
}

function Banners({ notebook }: { notebook: OpenNotebookState }) {
  const t = useT();
  const locale = useWorkbench((state) => state.locale);
  const trustNotebook = useWorkbench((state) => state.trustNotebook);
  const runAllCells = useWorkbench((state) => state.runAllCells);
  const restore = useWorkbench((state) => state.restoreNotebookRecovery);
  const discard = useWorkbench((state) => state.discardNotebookRecovery);
  const reloadNotebook = useWorkbench((state) => state.reloadNotebook);
  const documentProblems = notebook.problems.filter((problem) => problem.cellId === undefined);
  return (
    <>
      {!notebook.trusted ? (
        <div className="nb-banner nb-banner-warn" role="alert" data-testid="nb-untrusted">
          <strong>{t('nb.untrusted.title')}</strong>
          <span>{t('nb.untrusted.body')}</span>
          <ul className="nb-folders">
            {(notebook.allowedFolders ?? []).length === 0 ? <li>{t('nb.untrusted.noFolders')}</li> : null}
            {(notebook.allowedFolders ?? []).map((folder) => (
              <li key={folder}>
                <code>{folder}</code>
              </li>
            ))}
          </ul>
          <div className="nb-banner-actions">
            <button type="button" className="primary" onClick={() => void trustNotebook()} data-testid="nb-trust">
              {t('nb.untrusted.trust')}
            </button>
            <button type="button" onClick={() => void runAllCells()} data-testid="nb-run-restricted">
              {t('nb.untrusted.runRestricted')}
            </button>
          </div>
        </div>
      ) : null}
      {notebook.recoveryOffer ? (
        <div className="nb-banner nb-banner-info" role="status" data-testid="nb-recovery">
          <span>{t('nb.recovery.offer', { time: formatTime(notebook.recoveryOffer.savedAt, locale) })}</span>
          <button type="button" className="primary" onClick={() => void restore(notebook.recoveryOffer!.recoveryId)} data-testid="nb-recovery-restore">
            {t('nb.recovery.restore')}
          </button>
          <button type="button" onClick={() => void discard(notebook.recoveryOffer!.recoveryId)}>
            {t('nb.recovery.discard')}
          </button>
        </div>
      ) : null}
      {notebook.changedOnDisk ? (
        <div className="nb-banner nb-banner-warn" role="status" data-testid="nb-changed-on-disk">
          <span>{t('nb.disk.changed')}</span>
          <button type="button" onClick={() => void reloadNotebook()}>
            {t('nb.disk.reload')}
          </button>
        </div>
      ) : null}
      {notebook.migratedFrom !== null ? <div className="nb-banner nb-banner-info">{t('nb.migrated', { version: notebook.migratedFrom })}</div> : null}
      {notebook.document.formatVersion > NOTEBOOK_FORMAT_VERSION ? (
        <div className="nb-banner nb-banner-info">{t('nb.newer', { version: notebook.document.formatVersion })}</div>
      ) : null}
      {documentProblems.length > 0 ? (
        <div className="nb-banner nb-banner-info">
          {documentProblems.map((problem, index) => (
            <div key={index}>{shownProblem(problem, locale)}</div>
          ))}
        </div>
      ) : null}
    </>
  );
}

function OpenNotebook({ notebook }: { notebook: OpenNotebookState }) {
  const document = notebook.document;
  const graph = useMemo(() => analyzeNotebook(document), [document]);
  const statuses = useMemo(
    () => notebookStatuses({ document, records: notebook.records }, graph),
    [document, graph, notebook.records],
  );
  const problems = notebook.problems;
  const problemsByCell = useMemo(() => {
    const map = new Map<string, NotebookProblem[]>();
    for (const problem of problems) {
      if (problem.cellId === undefined) continue;
      map.set(problem.cellId, [...(map.get(problem.cellId) ?? []), problem]);
    }
    return map;
  }, [problems]);

  // For each cell, the names of SQL and target cells above it (a chart's possible sources).
  const sourcesAbove = useMemo(() => {
    const names: string[] = [];
    return document.cells.map((cell) => {
      const above = [...names];
      if ((cell.kind === 'sql' || cell.kind === 'target') && cell.name) names.push(cell.name);
      return above;
    });
  }, [document]);

  return (
    <div className="nb-document">
      <Banners notebook={notebook} />
      <div className="nb-cells" data-testid="nb-cells">
        <AddCellBar afterId={null} />
        {document.cells.map((cell, index) => {
          const run = notebook.runs[cell.id];
          const status: CellDisplayStatus =
            run && (run.status === 'running' || run.status === 'error' || run.status === 'cancelled') ? run.status : (statuses.get(cell.id) ?? 'none');
          return (
            <Fragment key={cell.id}>
              <RenderErrorBoundary resetKey={cell} testId="nb-cell-render-error">
                <NotebookCellView cell={cell} index={index} status={status} problems={problemsByCell.get(cell.id) ?? []} sourcesAbove={sourcesAbove[index] ?? []} />
              </RenderErrorBoundary>
              <AddCellBar afterId={cell.id} />
            </Fragment>
          );
        })}
      </div>
    </div>
  );
}
