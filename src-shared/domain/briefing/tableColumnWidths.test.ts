import { describe, expect, it } from 'vitest';
import { keepNumberWithUnit, tableColumnWidths } from './tableColumnWidths';

const round = (widths: number[]) => widths.map((width) => Math.round(width * 10) / 10);

describe('tableColumnWidths', () => {
  it('shares spare room in proportion to what each column wants, adding up to the room', () => {
    const widths = tableColumnWidths(['目标', '目标值'], [['有效高新技术企业', '1,000 家']], 40);
    // wants: 16 + 2 and 8 + 2 display columns.
    expect(round(widths)).toEqual([25.7, 14.3]);
    expect(widths.reduce((sum, width) => sum + width, 0)).toBeCloseTo(40);
  });

  it('gives a long text column what is left after every column has its longest word', () => {
    const quote = '2024年，科技局将深入践行新发展理念，切实把创新型县市建设融入共富共美现代化新慈溪建设大局';
    const widths = tableColumnWidths(['来源编号', '原文', '日期'], [['src_2024_main_goals', quote, '2024-02-01']], 84);
    // The id and the date are never broken: they get at least their own width.
    expect(widths[0]).toBeGreaterThanOrEqual(19 + 2);
    expect(widths[2]).toBeGreaterThanOrEqual(10 + 2);
    expect(widths[1]).toBeGreaterThan(widths[0]! + widths[2]!);
    expect(widths.reduce((sum, width) => sum + width, 0)).toBeCloseTo(84);
  });

  it('lets a header wrap onto two lines but not further, and scales down when even the minimums do not fit', () => {
    const narrow = tableColumnWidths(['最新实际值', '完成度'], [['98.65', '99']], 20);
    expect(narrow[0]).toBeGreaterThanOrEqual(5 + 2);
    const tight = tableColumnWidths(['aaaaaaaaaa', 'bbbbbbbbbb'], [], 12);
    expect(round(tight)).toEqual([6, 6]);
    expect(tableColumnWidths([], [], 10)).toEqual([]);
  });

  it('never wraps a short status phrase of a cell, even when the table is tight', () => {
    const widths = tableColumnWidths(
      ['目标', '状态', '说明'],
      [['新增宁波市级以上研发机构', '尚无实际值', '很长的说明文字很长的说明文字很长的说明文字很长的说明文字很长的说明文字']],
      44,
    );
    expect(widths[1]).toBeGreaterThanOrEqual(10 + 2);
  });

  it('keeps a number and its unit on one line', () => {
    const widths = tableColumnWidths(['目标值', '说明'], [['不少于 320 家', '很长的说明文字很长的说明文字很长的说明文字很长的说明文字']], 30);
    expect(widths[0]).toBeGreaterThanOrEqual(6 + 2);
    expect(keepNumberWithUnit('不少于 320 家，超过 1,000 家 或 3.53%')).toBe('不少于 320\u00a0家，超过 1,000\u00a0家 或 3.53%');
  });
});
