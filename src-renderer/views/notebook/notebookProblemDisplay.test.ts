import { describe, expect, it } from 'vitest';
import { checkNotebook } from '@shared/domain/notebook/notebookCheck';
import { parseNotebook } from '@shared/domain/notebook/notebookText';
import { fakeWorkbenchApi } from '../../store/testing/fakeWorkbenchApi';
import { createWorkbenchStore } from '../../store/workbenchStore';
import { shownProblem } from './notebookProblemDisplay';

const DUPLICATE_NAME = '---\niwb-notebook: 1\n---\n\n```sql x\nselect 1\n```\n\n```sql X\nselect 2\n```\n';

describe('notebook problems in the window', () => {
  it('are Chinese by default and English when chosen', () => {
    const [problem, ...others] = checkNotebook(parseNotebook(DUPLICATE_NAME));
    expect(others).toEqual([]);
    const store = createWorkbenchStore(fakeWorkbenchApi({}).api);
    expect(shownProblem(problem!, store.getState().locale)).toBe('名称“X”已被第 5 行的单元格使用');
    store.getState().setLocale('en');
    expect(shownProblem(problem!, store.getState().locale)).toBe('the name "X" is already used by the cell on line 5');
  });

  it('shows a cell that does not decode in the UI language too', () => {
    const parsed = parseNotebook('---\niwb-notebook: 1\n---\n\n```parameter year\ncontrol: slider\nvalue: 二〇二四\n```\n');
    const cell = parsed.document.cells[0]!;
    if (cell.kind !== 'raw' || cell.problem === null) throw new Error('expected a raw cell with a problem');
    expect(shownProblem(cell.problem, 'zh-CN')).toBe('slider 参数的值必须是数字');
    expect(shownProblem(cell.problem, 'en')).toBe('the value of a slider parameter must be a number');
    // Received over the wire (JSON), it still says it in both languages.
    const [problem] = checkNotebook(JSON.parse(JSON.stringify(parsed)) as typeof parsed);
    expect(shownProblem(problem!, 'zh-CN')).toBe('slider 参数的值必须是数字');
  });
});
