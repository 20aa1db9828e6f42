import type { MarkdownCell } from '@shared/domain/notebook/NotebookDocument';
import { useT, useWorkbench } from '../../store/StoreContext';
import { MarkdownView } from './MarkdownView';

/** Rendered Markdown; double-click (or Edit) to write, Done (or Ctrl+Enter) to see it again. */
export function MarkdownCellView({ cell }: { cell: MarkdownCell }) {
  const t = useT();
  const editing = useWorkbench((state) => state.notebook?.editingCell === cell.id);
  const setEditingCell = useWorkbench((state) => state.setEditingCell);
  const updateCell = useWorkbench((state) => state.updateCell);
  if (editing) {
    return (
      <div className="nb-markdown-editor">
        <textarea
          value={cell.text}
          autoFocus
          rows={Math.max(4, cell.text.split('\n').length + 1)}
          placeholder={t('nb.cell.markdownPlaceholder')}
          onChange={(event) => updateCell(cell.id, (current) => (current.kind === 'markdown' ? { ...current, text: event.target.value } : current))}
          onKeyDown={(event) => {
            if ((event.ctrlKey || event.metaKey) && event.key === 'Enter') setEditingCell(null);
          }}
          data-testid="nb-markdown-input"
        />
        <button type="button" onClick={() => setEditingCell(null)}>
          {t('nb.cell.done')}
        </button>
      </div>
    );
  }
  return (
    <div className="nb-markdown-view" onDoubleClick={() => setEditingCell(cell.id)} title={t('nb.cell.edit')}>
      {cell.text.trim() === '' ? <p className="muted">{t('nb.cell.empty')}</p> : <MarkdownView text={cell.text} />}
    </div>
  );
}
