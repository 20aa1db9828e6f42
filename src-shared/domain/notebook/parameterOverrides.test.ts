import { describe, expect, it } from 'vitest';
import { applyParameterOverrides } from './parameterOverrides';
import { parseNotebook } from './notebookText';

const { document } = parseNotebook(
  [
    '---',
    'iwb-notebook: 1',
    '---',
    '',
    '```parameter 年份',
    'control: slider',
    'value: 2023',
    'min: 2019',
    'max: 2024',
    '```',
    '',
    '```parameter 截止日期',
    'control: date',
    'value: 2024-06-30',
    '```',
    '',
    '```parameter 口径',
    'control: select',
    'value: 全市',
    'options: ["全市", "市级", 2024]',
    '```',
    '',
  ].join('\n'),
);

const values = (doc: typeof document) => doc.cells.map((cell) => (cell.kind === 'parameter' ? cell.value : null));

describe('applyParameterOverrides', () => {
  it('reads each value the way its control does', () => {
    const result = applyParameterOverrides(document, [['年份', '2024'], ['截止日期', '2024-12-31'], ['口径', '市级']]);
    expect(result.problems).toEqual([]);
    expect(values(result.document)).toEqual([2024, '2024-12-31', '市级']);
    expect(values(applyParameterOverrides(document, [['口径', '2024']]).document)).toEqual([2023, '2024-06-30', 2024]);
  });

  it('says what is wrong and leaves the document as it was', () => {
    const result = applyParameterOverrides(document, [['年份', '二〇二四'], ['截止日期', '2024-02-30'], ['口径', '县级'], ['region', 'x'], ['截止日期', '2024/02/01'], ['截止日期', '2024-13-01']]);
    expect(result.problems.map((problem) => problem.en)).toEqual([
      'parameter "年份": "二〇二四" is not a number',
      'parameter "截止日期": "2024-02-30" is no day of the calendar: 2024-02 has 29 days',
      'parameter "口径": "县级" is not one of 全市, 市级, 2024',
      'there is no parameter "region" (the notebook has: 年份, 截止日期, 口径)',
      'parameter "截止日期": "2024/02/01" is not a date written YYYY-MM-DD',
      'parameter "截止日期": "2024-13-01" is no day of the calendar: there is no month 13',
    ]);
    expect(result.problems.map((problem) => problem.zh)).toEqual([
      '参数“年份”：“二〇二四”不是数字',
      '参数“截止日期”：“2024-02-30”不是日历上存在的日期：2024 年 2 月只有 29 天',
      '参数“口径”：“县级”不是可选值（全市、市级、2024）之一',
      '没有名为“region”的参数（笔记本中有：年份、截止日期、口径）',
      '参数“截止日期”：“2024/02/01”不是 YYYY-MM-DD 格式的日期',
      '参数“截止日期”：“2024-13-01”不是日历上存在的日期：没有 13 月',
    ]);
    expect(values(result.document)).toEqual([2023, '2024-06-30', '全市']);
  });

  it('warns about a number outside the range but uses it', () => {
    const result = applyParameterOverrides(document, [['年份', '2030']]);
    expect(result.warnings).toEqual([{ en: 'parameter "年份": 2030 is outside its range 2019–2024', zh: '参数“年份”：2030 超出其范围 2019–2024（仍按此值运行）' }]);
    expect(values(result.document)[0]).toBe(2030);
  });
});
