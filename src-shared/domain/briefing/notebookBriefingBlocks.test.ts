import { describe, expect, it } from 'vitest';
import { tableFromArrays } from 'apache-arrow';
import { parseMarkdown } from '../notebook/markdown';
import { markdownBriefingBlocks, resultTableBlock, sourceEntry, targetCardBlock } from './notebookBriefingBlocks';

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

describe('targetCardBlock', () => {
  const card = (overrides: Record<string, unknown[]> = {}) =>
    tableFromArrays({
      target_id: ['t2024_industrial_rd_expenditure'],
      target_year: Int32Array.from([2024]),
      comparator: ['>'],
      target_value: Float64Array.from([100]),
      target_unit: ['亿元'],
      actual_year: Int32Array.from([2024]),
      actual_period: ['1-11月'],
      actual_value: Float64Array.from([93.456]),
      actual_unit: ['亿元'],
      actual_status: ['preliminary'],
      projected_year: Int32Array.from([2024]),
      projected_value: Float64Array.from([101.2]),
      projected_status: ['on-track'],
      required_growth: Float64Array.from([0.07]),
      projection_note: [null],
      target_source: ['慈溪市科学技术局2023年度工作总结和2024年工作思路'],
      target_note: ['原文“规模以上工业企业研发费用破百亿”'],
      ...overrides,
    } as Parameters<typeof tableFromArrays>[0]);

  it('reads the target, the latest actual with its time and status, and the projection, each with its unit', () => {
    expect(targetCardBlock('目标进度', card(), 1)).toEqual({
      kind: 'table',
      caption: '目标进度',
      columns: [{ name: '项目', align: 'left' }, { name: '内容', align: 'left' }],
      rows: [
        ['目标', '2024年超过 100 亿元'],
        ['最新实际值', '93.46 亿元（2024年1-11月，初步）'],
        ['预测', '101.2 亿元（2024年，有望完成）'],
        ['尚需年均增长', '7%'],
        ['说明', '原文“规模以上工业企业研发费用破百亿”'],
        ['目标出处', '慈溪市科学技术局2023年度工作总结和2024年工作思路'],
      ],
    });
  });

  it('says there is no actual yet, writes percentages with the sign, and falls back to a plain table for other results', () => {
    const empty = targetCardBlock('目标进度', card({ actual_value: [null], actual_year: [null], projected_value: [null], required_growth: [null], target_unit: ['%'], target_value: [3.53], comparator: ['>='] }), 1);
    expect(empty.rows.slice(0, 2)).toEqual([['目标', '2024年不少于 3.53%'], ['最新实际值', '尚无实际值']]);
    const other = tableFromArrays({ 年份: Int32Array.from([2023]), 数值: Float64Array.from([1]) });
    expect(targetCardBlock('结果', other, 1)).toEqual(resultTableBlock('结果', other, 1));
  });
});
