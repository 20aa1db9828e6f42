import { useState } from 'react';
import { redecodeRawCell } from '@shared/domain/notebook/cellCodec';
import type { RawCell } from '@shared/domain/notebook/NotebookDocument';
import { useT, useWorkbench } from '../../store/StoreContext';
import { shownProblem } from './notebookProblemDisplay';

/** A block kept as text: an unknown cell type (shown, not run), or a broken cell the user can fix here. */
export function RawCellView({ cell }: { cell: RawCell }) {
  const t = useT();
  const updateCell = useWorkbench((state) => state.updateCell);
  const locale = useWorkbench((state) => state.locale);
  const [info, setInfo] = useState(cell.info);
  const [body, setBody] = useState(cell.body);
  const type = cell.info.split(/\s/)[0] ?? '';
  return (
    <div className="nb-raw">
      <div className={cell.reason === 'invalid' ? 'nb-problem-error' : 'muted'}>
        {cell.reason === 'invalid' ? t('nb.raw.invalid', { problem: cell.problem ? shownProblem(cell.problem, locale) : '' }) : t('nb.raw.unknown', { type })}
      </div>
      <input type="text" className="nb-raw-info" value={info} onChange={(event) => setInfo(event.target.value)} spellCheck={false} />
      <textarea className="nb-raw-body" value={body} rows={Math.max(3, body.split('\n').length)} onChange={(event) => setBody(event.target.value)} spellCheck={false} />
      <button type="button" onClick={() => updateCell(cell.id, () => redecodeRawCell(info, body, cell.id))} data-testid="nb-raw-apply">
        {t('nb.raw.apply')}
      </button>
    </div>
  );
}
