import type { ReactNode } from 'react';
import type { NotebookProblem } from '@shared/domain/notebook/notebookProblem';
import type { MessageKey } from '../../i18n/translate';
import { useT, useWorkbench } from '../../store/StoreContext';
import { shownProblem } from './notebookProblemDisplay';

/** What the badge of a cell says: its run state, or stale when its inputs changed since it ran. */
export type CellDisplayStatus = 'idle' | 'fresh' | 'stale' | 'running' | 'error' | 'cancelled' | 'none';

const KIND_LABELS: Record<string, MessageKey> = {
  markdown: 'nb.add.markdown',
  sql: 'nb.add.sql',
  parameter: 'nb.add.parameter',
  chart: 'nb.add.chart',
  target: 'nb.add.target',
};

interface CellFrameProps {
  index: number;
  kind: string;
  status: CellDisplayStatus;
  title?: ReactNode;
  problems: NotebookProblem[];
  onRun?: () => void;
  onMove(delta: -1 | 1): void;
  onDelete(): void;
  children: ReactNode;
}

/** The frame every cell sits in: kind, name, status, run/move/delete, and the cell's problems. */
export function CellFrame({ index, kind, status, title, problems, onRun, onMove, onDelete, children }: CellFrameProps) {
  const t = useT();
  const locale = useWorkbench((state) => state.locale);
  const labelKey = KIND_LABELS[kind];
  return (
    <section className={`nb-cell nb-cell-${kind} nb-status-${status}`} data-testid={`nb-cell-${index}`} data-kind={kind} data-status={status}>
      <div className="nb-cell-gutter">{index + 1}</div>
      <div className="nb-cell-main">
        <header className="nb-cell-header">
          <span className="nb-kind">{labelKey ? t(labelKey) : kind}</span>
          {title}
          {status !== 'none' ? (
            <span className={`nb-badge nb-badge-${status}`} title={status === 'stale' ? t('nb.status.staleHint') : undefined} data-testid="nb-cell-status">
              {t(`nb.status.${status}` as MessageKey)}
            </span>
          ) : null}
          <span className="nb-spacer" />
          {onRun ? (
            <button type="button" className="nb-icon-button primary-text" onClick={onRun} title={`${t('nb.cell.run')} (Ctrl+Enter)`} data-testid="nb-cell-run">
              ▶ {t('nb.cell.run')}
            </button>
          ) : null}
          <button type="button" className="nb-icon-button" onClick={() => onMove(-1)} title={t('nb.cell.up')} aria-label={t('nb.cell.up')}>
            ↑
          </button>
          <button type="button" className="nb-icon-button" onClick={() => onMove(1)} title={t('nb.cell.down')} aria-label={t('nb.cell.down')}>
            ↓
          </button>
          <button type="button" className="nb-icon-button" onClick={onDelete} title={t('nb.cell.delete')} aria-label={t('nb.cell.delete')} data-testid="nb-cell-delete">
            ✕
          </button>
        </header>
        <div className="nb-cell-body">{children}</div>
        {problems.length > 0 ? (
          <ul className="nb-cell-problems">
            {problems.map((problem, position) => (
              <li key={position} className={`nb-problem-${problem.severity}`}>
                {shownProblem(problem, locale)}
              </li>
            ))}
          </ul>
        ) : null}
      </div>
    </section>
  );
}
