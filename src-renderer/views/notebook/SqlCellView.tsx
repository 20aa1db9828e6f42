import { useMemo } from 'react';
import type { SqlCell } from '@shared/domain/notebook/NotebookDocument';
import { SqlEditor } from '../../components/SqlEditor';
import { useT, useWorkbench } from '../../store/StoreContext';
import { CellRunOutput } from './CellRunOutput';

const noop = () => undefined;

/** A SQL cell: CodeMirror (Ctrl+Enter runs the whole cell) and its result. */
export function SqlCellView({ cell }: { cell: SqlCell }) {
  const t = useT();
  const updateCell = useWorkbench((state) => state.updateCell);
  const runNotebookCell = useWorkbench((state) => state.runNotebookCell);
  const run = useWorkbench((state) => state.notebook?.runs[cell.id]);
  const errorOffset = run?.error?.position?.offset;
  // A stable object: the editor re-marks the error whenever this changes.
  const errorMark = useMemo(() => (errorOffset === undefined ? null : { offset: errorOffset }), [errorOffset]);
  return (
    <div className="nb-sql" data-testid="nb-sql">
      <SqlEditor
        value={cell.sql}
        placeholderText={t('nb.cell.sqlPlaceholder')}
        onChange={(sql) => updateCell(cell.id, (current) => (current.kind === 'sql' ? { ...current, sql } : current))}
        onRun={() => void runNotebookCell(cell.id)}
        errorMark={errorMark}
        pendingInsert={null}
        onInsertConsumed={noop}
        ariaLabel={`SQL ${cell.name ?? ''}`}
      />
      <CellRunOutput run={run} />
    </div>
  );
}
