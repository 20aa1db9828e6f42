import type { NotebookCell } from '@shared/domain/notebook/NotebookDocument';
import type { NotebookProblem } from '@shared/domain/notebook/notebookProblem';
import { useWorkbench } from '../../store/StoreContext';
import { CellFrame, type CellDisplayStatus } from './CellFrame';
import { ChartCellView } from './ChartCellView';
import { MarkdownCellView } from './MarkdownCellView';
import { NameInput } from './NameInput';
import { ParameterCellView } from './ParameterCellView';
import { RawCellView } from './RawCellView';
import { SqlCellView } from './SqlCellView';
import { TargetCellView } from './TargetCellView';

interface NotebookCellViewProps {
  cell: NotebookCell;
  index: number;
  status: CellDisplayStatus;
  problems: NotebookProblem[];
  /** Names of SQL and target cells above this one, for a chart's source. */
  sourcesAbove: string[];
}

/** One cell in its frame, with the editor for its kind. */
export function NotebookCellView({ cell, index, status, problems, sourcesAbove }: NotebookCellViewProps) {
  const updateCell = useWorkbench((state) => state.updateCell);
  const moveCell = useWorkbench((state) => state.moveCell);
  const deleteCell = useWorkbench((state) => state.deleteCell);
  const runNotebookCell = useWorkbench((state) => state.runNotebookCell);
  const setName = (name: string | null) =>
    updateCell(cell.id, (current) => {
      if (current.kind === 'sql' || current.kind === 'chart' || current.kind === 'target') return { ...current, name };
      if (current.kind === 'parameter' && name) return { ...current, name };
      return current;
    });
  const named = cell.kind === 'sql' || cell.kind === 'chart' || cell.kind === 'target' || cell.kind === 'parameter';
  return (
    <CellFrame
      index={index}
      kind={cell.kind === 'raw' ? (cell.info.split(/\s/)[0] ?? 'raw') : cell.kind}
      status={status}
      title={named ? <NameInput value={cell.name} onChange={setName} required={cell.kind === 'parameter'} /> : undefined}
      problems={problems}
      {...(cell.kind === 'sql' || cell.kind === 'target' ? { onRun: () => void runNotebookCell(cell.id) } : {})}
      onMove={(delta) => moveCell(cell.id, delta)}
      onDelete={() => deleteCell(cell.id)}
    >
      {cell.kind === 'markdown' ? <MarkdownCellView cell={cell} /> : null}
      {cell.kind === 'sql' ? <SqlCellView cell={cell} /> : null}
      {cell.kind === 'parameter' ? <ParameterCellView cell={cell} /> : null}
      {cell.kind === 'chart' ? <ChartCellView cell={cell} sources={sourcesAbove} /> : null}
      {cell.kind === 'target' ? <TargetCellView cell={cell} /> : null}
      {cell.kind === 'raw' ? <RawCellView key={`${cell.info}\u0000${cell.body}`} cell={cell} /> : null}
    </CellFrame>
  );
}
