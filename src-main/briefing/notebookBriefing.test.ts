import { describe, expect, it } from 'vitest';
import { parseNotebook } from '@shared/domain/notebook/notebookText';
import { localizedMessage } from '@shared/contract/errorTexts';
import type { WorkbenchError } from '@shared/contract/WorkbenchError';
import { BRIEFING_CELLS_ERROR, cellSelection, figureForDocument, sourcesSql } from './notebookBriefing';

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
  it('lists every source, or only those the data cites', () => {
    expect(sourcesSql(false, ['observations'])).toBe('SELECT source_id, title, issuer, CAST(date AS VARCHAR) AS date FROM sources ORDER BY date, source_id');
    expect(sourcesSql(true, ['observations', 'targets'])).toBe(
      'SELECT source_id, title, issuer, CAST(date AS VARCHAR) AS date FROM sources WHERE source_id IN (SELECT source_id FROM observations UNION SELECT source_id FROM targets) ORDER BY date, source_id',
    );
  });
});
