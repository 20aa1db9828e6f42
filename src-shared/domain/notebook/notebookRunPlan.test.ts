import { describe, expect, it } from 'vitest';
import type { CellId } from './NotebookDocument';
import type { CellRunRecord } from './notebookDependencies';
import { nextCell, planNotebookRun, runCompleted, type CellOutcome } from './notebookRunPlan';
import { parseNotebook } from './notebookText';
import { SLICE_TEST_NOTEBOOK } from './testing/sliceTestNotebook';

/** The notebook slice test's notebook (year → base → latest; other), plus a cell reading `latest` and a chart. */
const TEXT =
  SLICE_TEST_NOTEBOOK +
  `
\`\`\`sql total
select count(*) from latest
\`\`\`

\`\`\`chart
kind: line
source: latest
x: year
y: value
\`\`\`
`;

const { document } = parseNotebook(TEXT);
const id = (index: number) => document.cells[index]!.id;
const ran: CellRunRecord = { inputKey: 'k', outputVersion: 1 };

describe('planNotebookRun', () => {
  it('runs every SQL cell in notebook order for a full run', () => {
    expect(planNotebookRun(document, {}, { kind: 'all' })).toEqual([id(1), id(2), id(3), id(4)]);
  });

  it('passes over an SQL cell with no SQL, in a full run and when asked for by itself', () => {
    const { document: withEmpty } = parseNotebook(TEXT + '\n```sql\n   \n```\n');
    const empty = withEmpty.cells.at(-1)!.id;
    expect(planNotebookRun(withEmpty, {}, { kind: 'all' })).not.toContain(empty);
    expect(planNotebookRun(withEmpty, {}, { kind: 'all' })).toHaveLength(4);
    expect(planNotebookRun(withEmpty, {}, { kind: 'cells', cells: [empty] })).toEqual([]);
  });

  it('runs a cell with the earlier cells it needs that never ran, then what reads it', () => {
    expect(planNotebookRun(document, {}, { kind: 'cells', cells: [id(2)] })).toEqual([id(1), id(2), id(4)]);
  });

  it('does not re-run an upstream cell that has a record', () => {
    expect(planNotebookRun(document, { [id(1)]: ran }, { kind: 'cells', cells: [id(2)] })).toEqual([id(2), id(4)]);
  });

  it('runs only the cells reading a changed parameter (and their readers)', () => {
    const records = { [id(1)]: ran, [id(2)]: ran, [id(3)]: ran, [id(4)]: ran };
    expect(planNotebookRun(document, records, { kind: 'parameters', parameters: ['year'] })).toEqual([id(2), id(4)]);
  });

  it('plans nothing for a parameter no cell reads, and never a chart cell', () => {
    expect(planNotebookRun(document, {}, { kind: 'parameters', parameters: ['nobody'] })).toEqual([]);
    expect(planNotebookRun(document, {}, { kind: 'cells', cells: [id(5)] })).toEqual([]);
  });
});

describe('nextCell', () => {
  const plan = ['a', 'b', 'c'] as CellId[];
  /** Steps the plan to its end, each cell's turn ending as `ends` says (done when unsaid); returns the cells run. */
  const walk = (ends: Partial<Record<string, CellOutcome>>): string[] => {
    const outcomes: Partial<Record<CellId, CellOutcome>> = {};
    const ran: string[] = [];
    for (let next = nextCell(plan, outcomes); next !== null; next = nextCell(plan, outcomes)) {
      ran.push(next);
      outcomes[next] = ends[next] ?? 'done';
    }
    expect(runCompleted(plan, outcomes)).toBe(Object.values(ends).every((end) => end === 'done' || end === 'skipped'));
    return ran;
  };

  it('gives every planned cell in plan order, each once', () => {
    expect(walk({})).toEqual(['a', 'b', 'c']);
    expect(walk({ b: 'skipped' })).toEqual(['a', 'b', 'c']);
  });

  it('ends the run at a failed cell: nothing after it runs', () => {
    expect(walk({ b: 'failed' })).toEqual(['a', 'b']);
    expect(walk({ a: 'failed' })).toEqual(['a']);
  });

  it('ends the run at a cancelled cell', () => {
    expect(walk({ a: 'cancelled' })).toEqual(['a']);
  });

  it('gives nothing for an empty plan', () => {
    expect(nextCell([], {})).toBeNull();
    expect(runCompleted([], {})).toBe(true);
  });
});
