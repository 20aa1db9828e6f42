import type { CellId, NotebookDocument } from './NotebookDocument';
import { analyzeNotebook, downstreamOf, isRunnable, type CellRunRecord } from './notebookDependencies';

/** What asked for a run: every cell, some cells (and what reads them), or changed parameters (and what reads them). */
export type NotebookRunRequest = { kind: 'all' } | { kind: 'cells'; cells: readonly CellId[] } | { kind: 'parameters'; parameters: readonly string[] };

/**
 * The cells a run executes, in run order (the notebook's order, which the
 * dependency graph follows: a cell reads only cells above it). The app's
 * notebook store and `iwb run` both follow this plan.
 *
 * For some cells or parameters: earlier cells they need that have not run in
 * this session (no record), the cells themselves, then every later cell that
 * reads them, transitively.
 */
export function planNotebookRun(
  document: NotebookDocument,
  records: Readonly<Record<string, CellRunRecord>>,
  request: NotebookRunRequest,
): CellId[] {
  // An SQL cell with no SQL has nothing to run (iwb check warns about it): passed over, not failed.
  const runnable = document.cells.filter((cell) => isRunnable(cell) && !(cell.kind === 'sql' && cell.sql.trim() === '')).map((cell) => cell.id);
  if (request.kind === 'all') return runnable;
  const graph = analyzeNotebook(document);
  const isRunnableId = new Set(runnable);
  const start = request.kind === 'cells' ? { cells: request.cells } : { parameters: request.parameters };
  const wanted = new Set<CellId>([...(start.cells ?? []), ...downstreamOf(graph, start)].filter((id) => isRunnableId.has(id)));
  const needs = (id: CellId) => {
    for (const upstream of graph.cells.get(id)?.readsCells ?? []) {
      if (isRunnableId.has(upstream) && !records[upstream] && !wanted.has(upstream)) {
        wanted.add(upstream);
        needs(upstream);
      }
    }
  };
  [...wanted].forEach(needs);
  return graph.order.filter((id) => wanted.has(id));
}

/** How a planned cell's turn ended: ran, was passed over (not runnable now), failed, or was cancelled. */
export type CellOutcome = 'done' | 'skipped' | 'failed' | 'cancelled';

/**
 * The run loop's one decision, shared by the app and `iwb run`: the next
 * planned cell to run, or null when the run is over. Cells run in plan order;
 * a failed or cancelled cell ends the run, so nothing after it runs.
 */
export function nextCell(plan: readonly CellId[], outcomes: Readonly<Partial<Record<CellId, CellOutcome>>>): CellId | null {
  for (const id of plan) {
    const outcome = outcomes[id];
    if (outcome === undefined) return id;
    if (outcome === 'failed' || outcome === 'cancelled') return null;
  }
  return null;
}

/** True when every planned cell ran or was passed over: nothing failed and nothing was cancelled. */
export function runCompleted(plan: readonly CellId[], outcomes: Readonly<Partial<Record<CellId, CellOutcome>>>): boolean {
  return plan.every((id) => outcomes[id] === 'done' || outcomes[id] === 'skipped');
}
