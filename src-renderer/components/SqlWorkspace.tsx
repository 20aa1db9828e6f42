import { useRef } from 'react';
import { useT, useWorkbench } from '../store/StoreContext';
import { ResultPanel } from './ResultPanel';
import { currentRunRequest, SqlEditor, type RunRequest } from './SqlEditor';

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
  const editorHost = useRef<HTMLDivElement>(null);

  const running = activeTab?.status === 'running';
  const errorMark = activeTab?.error?.position ? { offset: activeTab.sourceOffset + activeTab.error.position.offset } : null;
  const run = (request: RunRequest | null) => {
    if (request && !running) void runQuery(request.sql, request.offset);
  };

  return (
    <div className="sql-workspace">
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
          <span className="muted small">{t('editor.runHint')}</span>
        </div>
        <SqlEditor
          value={sql}
          placeholderText={t('editor.placeholder')}
          onChange={setSql}
          onRun={run}
          errorMark={errorMark}
          pendingInsert={pendingInsert}
          onInsertConsumed={consumeInsert}
          ariaLabel="SQL"
        />
      </div>
      <ResultPanel />
    </div>
  );
}
