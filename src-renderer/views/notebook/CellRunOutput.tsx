import { ErrorBanner } from '../../components/ErrorBanner';
import { formatCount } from '../../i18n/translate';
import type { CellRun } from '../../store/notebookSlice';
import { useT } from '../../store/StoreContext';
import { NotebookResultTable } from './NotebookResultTable';

/** What a SQL cell's last run gave: rows, a change count, or an error. */
export function CellRunOutput({ run }: { run: CellRun | undefined }) {
  const t = useT();
  if (!run) return null;
  if (run.error) return <ErrorBanner error={run.error} testId="nb-cell-error" />;
  const result = run.result;
  if (!result) return null;
  if (result.kind === 'changes') return <div className="nb-result-note">{t('nb.result.changes', { count: formatCount(result.rowsChanged) })}</div>;
  if (result.kind === 'nothing' || !run.table) return <div className="nb-result-note">{t('nb.result.done')}</div>;
  return (
    <>
      <div className="nb-result-note">
        {t('nb.result.rows', { count: formatCount(result.rowCount) })} · {t('nb.result.elapsed', { ms: formatCount(Math.round(result.elapsedMs)) })}
      </div>
      <NotebookResultTable table={run.table} totalRows={result.rowCount} />
    </>
  );
}
