import { describe, expect, it } from 'vitest';
import { parseInline, parseMarkdown } from './markdown';

describe('parseMarkdown', () => {
  it('reads headings, paragraphs with line breaks, lists, quotes, rules and code', () => {
    const blocks = parseMarkdown('## 2024 年目标\n有效高新技术企业\n**超过千家**。\n\n- 第一\n- 第二\n\n3. 三\n4. 四\n\n> 引自工作思路\n\n---\n\n```sql\nselect 1\n```');
    expect(blocks).toEqual([
      { type: 'heading', level: 2, children: [{ type: 'text', text: '2024 年目标' }] },
      {
        type: 'paragraph',
        children: [{ type: 'text', text: '有效高新技术企业' }, { type: 'break' }, { type: 'strong', children: [{ type: 'text', text: '超过千家' }] }, { type: 'text', text: '。' }],
      },
      { type: 'list', ordered: false, start: 1, items: [[{ type: 'text', text: '第一' }], [{ type: 'text', text: '第二' }]] },
      { type: 'list', ordered: true, start: 3, items: [[{ type: 'text', text: '三' }], [{ type: 'text', text: '四' }]] },
      { type: 'quote', children: [{ type: 'text', text: '引自工作思路' }] },
      { type: 'rule' },
      { type: 'code', language: 'sql', text: 'select 1' },
    ]);
  });

  it('reads a table with alignment', () => {
    expect(parseMarkdown('| 指标 | 目标 |\n|:--|--:|\n| 高企 | 1000 |')).toEqual([
      {
        type: 'table',
        align: ['left', 'right'],
        header: [[{ type: 'text', text: '指标' }], [{ type: 'text', text: '目标' }]],
        rows: [[[{ type: 'text', text: '高企' }], [{ type: 'text', text: '1000' }]]],
      },
    ]);
  });

  it('keeps HTML as literal text', () => {
    expect(parseMarkdown('<img src=x onerror=alert(1)> <script>alert(1)</script>')).toEqual([
      { type: 'paragraph', children: [{ type: 'text', text: '<img src=x onerror=alert(1)> <script>alert(1)</script>' }] },
    ]);
  });
});

describe('parseInline', () => {
  it('reads code literally, links, emphasis and escapes', () => {
    expect(parseInline('`a*b*` [来源](https://kjj.cixi.gov.cn) *斜体* 2\\*3 snake_case_name')).toEqual([
      { type: 'code', text: 'a*b*' },
      { type: 'text', text: ' ' },
      { type: 'link', children: [{ type: 'text', text: '来源' }], href: 'https://kjj.cixi.gov.cn' },
      { type: 'text', text: ' ' },
      { type: 'em', children: [{ type: 'text', text: '斜体' }] },
      { type: 'text', text: ' 2*3 snake_case_name' },
    ]);
  });
});
