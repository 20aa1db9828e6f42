import { describe, expect, it } from 'vitest';
import { parseNotebook } from '@shared/domain/notebook/notebookText';
import { localizedMessage } from '@shared/contract/errorTexts';
import type { WorkbenchError } from '@shared/contract/WorkbenchError';
import { tableFromArrays, type Table } from 'apache-arrow';
import type { HeadlessCellEvent } from '../notebook/runNotebookHeadless';
import type { NotebookCell } from '@shared/domain/notebook/NotebookDocument';
import { resultTableBlock } from '@shared/domain/briefing/notebookBriefingBlocks';
import { BRIEFING_CELLS_ERROR, cellSelection, figureForDocument, NotebookBriefingBuilder, sourcesSql } from './notebookBriefing';

const NOTEBOOK = parseNotebook('---\niwb-notebook: 1\ntitle: t\n---\n\n```markdown\n# a\n```\n\n```sql 数据\nselect 1\n```\n\n```chart 图\nkind: bar\nsource: 数据\nx: a\ny: b\n```\n').document;

describe('cellSelection', () => {
  it('reads numbers, ranges and names', () => {
    const chosen = cellSelection('1,图', NOTEBOOK)!;
    expect([0, 1, 2].map(chosen)).toEqual([true, false, true]);
    expect([0, 1, 2].map(cellSelection('2-3', NOTEBOOK)!)).toEqual([false, true, true]);
    expect(cellSelection('', NOTEBOOK)).toBeNull();
  });
  it('names what it cannot find, as a typed user error in both languages', () => {
    const failure = (text: string) => {
      try {
        cellSelection(text, NOTEBOOK);
      } catch (error) {
        return error as WorkbenchError;
      }
      throw new Error('expected a failure');
    };
    expect(failure('4')).toMatchObject({ kind: 'user', code: BRIEFING_CELLS_ERROR, message: '"4" is outside cells 1–3' });
    expect(localizedMessage(failure('4'), 'zh')).toBe('“4”超出了单元格范围 1–3');
    expect(failure('趋势')).toMatchObject({ kind: 'user', code: BRIEFING_CELLS_ERROR, message: 'no cell is named "趋势"' });
    expect(localizedMessage(failure('趋势'), 'zh')).toBe('没有名为“趋势”的单元格');
  });
});

describe('figureForDocument', () => {
  it('drops the title and the source line (they go to the caption) and keeps other annotations', () => {
    const figure = figureForDocument({
      data: [],
      layout: { title: { text: 'x' }, showlegend: true, margin: { l: 72, t: 120, b: 92 }, annotations: [{ name: 'source', text: '数据来源：x' }, { text: '目标 100' }] },
    });
    expect(figure.layout).toEqual({ showlegend: true, margin: { l: 72, t: 44, b: 56 }, annotations: [{ text: '目标 100' }] });
  });
});

describe('sourcesSql', () => {
  it('selects the sources named, oldest first', () => {
    expect(sourcesSql(['s1', "o'k"])).toBe(
      "SELECT source_id, title, issuer, CAST(date AS VARCHAR) AS date FROM sources WHERE source_id IN ('s1', 'o''k') ORDER BY date, source_id",
    );
  });
});

describe('the sources section', () => {
  const document = parseNotebook(
    '---\niwb-notebook: 1\ntitle: t\n---\n\n```sql 历年\nselect 1\n```\n\n```sql 其他\nselect 1\n```\n\n```chart 图\nkind: bar\nsource: 其他\nx: a\ny: b\n```\n',
  ).document;
  const cells = document.cells;
  const result = (index: number, columns: Record<string, unknown[]>): HeadlessCellEvent => ({
    kind: 'result',
    index,
    cell: cells[index] as Extract<NotebookCell, { kind: 'sql' }>,
    table: tableFromArrays(columns as Parameters<typeof tableFromArrays>[0]) as unknown as Table,
    rowCount: Object.values(columns)[0]!.length,
  });
  async function listed(cellsText: string | null, events: HeadlessCellEvent[]): Promise<{ asked: string[][]; sources: string[] }> {
    const asked: string[][] = [];
    const builder = new NotebookBriefingBuilder({
      cells: cellsText,
      date: '2024-02-01',
      renderer: () => Promise.reject(new Error('no charts here')),
      querySources: async (ids) => {
        asked.push(ids);
        return ids.map((id) => ({ source_id: id, title: `标题${id}`, issuer: '市科技局', date: '2024-02-01' }));
      },
    });
    await builder.observe({ kind: 'start', document, name: 't.iwb.md' });
    for (const event of events) await builder.observe(event);
    return { asked, sources: (await builder.document()).sources };
  }

  it('lists the sources of the figures shown, each once, and not their id columns', async () => {
    const history = result(0, { 年份: [2022, 2023, 2023], 实际值: [1, 2, 3], source_id: ['a', 'b', 'a'] });
    const target = result(1, { target_value: [20], target_unit: ['家'], target_source_id: ['t'], actual_source_id: ['b'] });
    const { asked, sources } = await listed(null, [history, target]);
    expect(asked).toEqual([['a', 'b', 't']]);
    expect(sources).toEqual(['市科技局《标题a》（2024年2月1日）', '市科技局《标题b》（2024年2月1日）', '市科技局《标题t》（2024年2月1日）']);
  });

  it('lists nothing for results that name no source, and only the chosen cells’ sources (a chart counts its source cell)', async () => {
    expect((await listed(null, [result(0, { a: [1] })])).asked).toEqual([]);
    const events = [result(0, { a: [1], source_id: ['a'] }), result(1, { a: [1], source_id: ['b'] })];
    expect((await listed('1', events)).asked).toEqual([['a']]);
  });
});

describe('resultTableBlock', () => {
  it('does not print source-id columns', () => {
    const block = resultTableBlock('表', tableFromArrays({ 年份: [2023], source_id: ['a'], latest_source_id: ['b'] }), 1);
    expect(block.columns.map((column) => column.name)).toEqual(['年份']);
  });
});
