import { useEffect, useMemo, useRef } from 'react';
import { useT, useWorkbench } from '../store/StoreContext';
import { HistoryPanel } from './HistoryPanel';
import { ResultPanel } from './ResultPanel';
import { currentRunRequest, formatEditorIn, SqlEditor, type RunRequest } from './SqlEditor';

/** Editor with Run and Cancel above the result tabs. */
export function SqlWorkspace() {
  const t = useT();
  const sql = useWorkbench((state) => state.sql);
  const setSql = useWorkbench((state) => state.setSql);
  const runQuery = useWorkbench((state) => state.runQuery);
  const cancelQuery = useWorkbench((state) => state.cancelQuery);
  const pendingInsert = useWorkbench((state) => state.pendingInsert);
  const consumeInsert = useWorkbench((state) => state.consumeInsert);
  const activeTab = useWorkbench((state) => state.tabs.find((tab) => tab.id === state.activeTabId) ?? null);
  const runInNewTab = useWorkbench((state) => state.runInNewTab);
  const relations = useWorkbench((state) => state.relations);
  const functions = useWorkbench((state) => state.functions);
  const loadFunctions = useWorkbench((state) => state.loadFunctions);
  const historyOpen = useWorkbench((state) => state.historyOpen);
  const toggleHistory = useWorkbench((state) => state.toggleHistory);
  const setNotice = useWorkbench((state) => state.setNotice);
  const editorHost = useRef<HTMLDivElement>(null);
  const catalog = useMemo(() => ({ relations, functions }), [relations, functions]);

  useEffect(() => {
    if (functions.length === 0) void loadFunctions();
  }, [functions.length, loadFunctions]);

  const running = activeTab?.status === 'running';
  const errorMark = activeTab?.error?.position ? { offset: activeTab.sourceOffset + activeTab.error.position.offset } : null;
  const run = (request: RunRequest | null) => {
    if (request && !running) void runQuery(request.sql, request.offset);
  };
  const runNew = (request: RunRequest | null) => {
    if (request) void runInNewTab(request.sql, request.offset);
  };
  const formatProblem = (message: string) => setNotice(t('editor.formatFailed', { message }));

  return (
    <div className={`sql-workspace${historyOpen ? ' with-history' : ''}`}>
      <div className="editor-pane" ref={editorHost}>
        <div className="editor-toolbar">
          <button type="button" className="primary" onClick={() => run(currentRunRequest(editorHost.current))} disabled={running} data-testid="run-button" title={t('editor.runHint')}>
            ▶ {t('editor.run')}
          </button>
          <button
            type="button"
            onClick={() => activeTab && void cancelQuery(activeTab.id)}
            disabled={!running || activeTab?.cancelling}
            data-testid="cancel-button"
          >
            ■ {activeTab?.cancelling ? t('editor.cancelling') : t('editor.cancel')}
          </button>
          <button type="button" onClick={() => runNew(currentRunRequest(editorHost.current))} title={t('editor.runNewTabHint')} data-testid="run-new-tab">
            {t('editor.runNewTab')}
          </button>
          <span className="toolbar-separator" />
          <button
            type="button"
            onClick={() => {
              const problem = formatEditorIn(editorHost.current);
              if (problem) formatProblem(problem);
            }}
            title={t('editor.formatHint')}
            data-testid="format-button"
          >
            {t('editor.format')}
          </button>
          <button type="button" className={historyOpen ? 'selected' : ''} onClick={() => toggleHistory()} data-testid="history-button">
            {t('history.button')}
          </button>
          <span className="muted small toolbar-hint">{t('editor.runHint')}</span>
        </div>
        <SqlEditor
          value={sql}
          placeholderText={t('editor.placeholder')}
          onChange={setSql}
          onRun={run}
          onRunInNewTab={runNew}
          catalog={catalog}
          onFormatError={formatProblem}
          errorMark={errorMark}
          pendingInsert={pendingInsert}
          onInsertConsumed={consumeInsert}
          ariaLabel="SQL"
        />
      </div>
      <ResultPanel />
      {historyOpen ? <HistoryPanel /> : null}
    </div>
  );
}
