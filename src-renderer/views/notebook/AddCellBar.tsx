import type { CellId } from '@shared/domain/notebook/NotebookDocument';
import type { NewCellKind } from '../../store/notebookSlice';
import { useT, useWorkbench } from '../../store/StoreContext';

const KINDS: NewCellKind[] = ['markdown', 'sql', 'parameter', 'chart', 'target'];

/** A thin bar between cells: add a cell of any kind here. */
export function AddCellBar({ afterId }: { afterId: CellId | null }) {
  const t = useT();
  const addCell = useWorkbench((state) => state.addCell);
  return (
    <div className="nb-add-bar" data-testid="nb-add-bar">
      <span className="nb-add-label">+ {t('nb.add')}</span>
      {KINDS.map((kind) => (
        <button key={kind} type="button" className="nb-add-button" onClick={() => addCell(kind, afterId)} data-testid={`nb-add-${kind}`}>
          {t(`nb.add.${kind}`)}
        </button>
      ))}
    </div>
  );
}
