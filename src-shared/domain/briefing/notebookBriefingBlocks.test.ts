import { describe, expect, it } from 'vitest';
import { tableFromArrays } from 'apache-arrow';
import { parseMarkdown } from '../notebook/markdown';
import { markdownBriefingBlocks, resultTableBlock, sourceEntry } from './notebookBriefingBlocks';

describe('markdownBriefingBlocks', () => {
  it('turns headings, paragraphs, lists and emphasis into briefing blocks and drops a heading repeating the title', () => {
    const blocks = markdownBriefingBlocks(parseMarkdown('# 研发投入简报\n\n## 一、总体情况\n\n研发费用 **93 亿元**，\n同比增长 *17.7%*。\n\n- 高企\n- 科技型中小企业\n\n### （一）目标'), '研发投入简报');
    expect(blocks).toEqual([
      { kind: 'heading', level: 2, text: '一、总体情况' },
      { kind: 'paragraph', runs: [{ text: '研发费用 ' }, { text: '93 亿元', bold: true }, { text: '，' }] },
      { kind: 'paragraph', runs: [{ text: '同比增长 ' }, { text: '17.7%', italic: true }, { text: '。' }] },
      { kind: 'list', ordered: false, items: [[{ text: '高企' }], [{ text: '科技型中小企业' }]] },
      { kind: 'heading', level: 3, text: '（一）目标' },
    ]);
  });
});

describe('resultTableBlock', () => {
  it('groups numbers, keeps years plain, moves a single-valued 单位 column into the caption', () => {
    const table = tableFromArrays({ 年份: Int32Array.from([2022, 2023]), 研发经费: Float64Array.from([8200.5, 12345.678]), 单位: ['亿元', '亿元'] });
    expect(resultTableBlock('历年研发经费', table, 2)).toEqual({
      kind: 'table',
      caption: '历年研发经费',
      unit: '亿元',
      columns: [
        { name: '年份', align: 'center' },
        { name: '研发经费', align: 'right' },
      ],
      rows: [
        ['2022', '8,200.5'],
        ['2023', '12,345.68'],
      ],
    });
  });

  it('keeps a 单位 column with several units and states the full row count', () => {
    const table = tableFromArrays({ 指标: ['高企', '研发'], 单位: ['家', '亿元'] });
    const block = resultTableBlock('指标', table, 500);
    expect(block.unit).toBeUndefined();
    expect(block.columns.map((column) => column.name)).toEqual(['指标', '单位']);
    expect(block.totalRows).toBe(500);
  });
});

describe('sourceEntry', () => {
  it('writes publisher《title》（date）', () => {
    expect(sourceEntry({ source_id: 's1', title: '慈溪市科学技术局2023年度工作总结和2024年工作思路', issuer: '慈溪市科学技术局', date: '2024-02-01' })).toBe(
      '慈溪市科学技术局《慈溪市科学技术局2023年度工作总结和2024年工作思路》（2024年2月1日）',
    );
    expect(sourceEntry({ source_id: 's2' })).toBe('s2');
  });
});
