import { describe, expect, it } from 'vitest';
import { placeLabel } from '../datasets/placeLabel';
import { tsvFromRows } from '../tsvText';
import {
  changesFromDraft,
  DEFAULT_HISTORY_PLACE,
  historyCellKey,
  historyColumns,
  historyRowsFor,
  planPaste,
  readDraftCell,
  readHistoryCell,
  storedCells,
  type HistoryRow,
} from './historyGrid';

const rows: HistoryRow[] = [
  { code: 'industrial_rd_expenditure', nameZh: '规上工业研发费用', nameEn: 'Industrial R&D expenditure', unit: '亿元', kind: 'level', region: '慈溪市', scope: '全市' },
  { code: 'hightech_enterprises', nameZh: '有效高新技术企业', nameEn: 'Valid high-tech enterprises', unit: '家', kind: 'level', region: '慈溪市', scope: '全市' },
  { code: 'rd_gdp_ratio', nameZh: '全社会R&D经费占GDP比重', nameEn: 'R&D expenditure as a share of GDP', unit: '%', kind: 'share', region: '慈溪市', scope: '全市' },
];
const columns = historyColumns(2023, { year: 2024, period: '1-11月' });
const value = (entered: number, enteredUnit: string, stored: number, unit: string) => ({ kind: 'value', entered, enteredUnit, value: stored, unit });

describe('historyColumns', () => {
  it('runs from 2015 to the last annual year, then the in-year column', () => {
    expect(columns.map((column) => `${column.year} ${column.period}`)).toEqual([
      '2015 annual', '2016 annual', '2017 annual', '2018 annual', '2019 annual', '2020 annual', '2021 annual', '2022 annual', '2023 annual', '2024 1-11月',
    ]);
    expect(historyColumns(2016, null)).toEqual([{ year: 2015, period: 'annual' }, { year: 2016, period: 'annual' }]);
  });
});

describe('readHistoryCell', () => {
  it('reads plain, thousands-separated and full-width numbers in the indicator unit', () => {
    expect(readHistoryCell('88.6', '亿元')).toEqual(value(88.6, '亿元', 88.6, '亿元'));
    expect(readHistoryCell('1,234.5', '亿元')).toEqual(value(1234.5, '亿元', 1234.5, '亿元'));
    expect(readHistoryCell('１２３４', '家')).toEqual(value(1234, '家', 1234, '家'));
    expect(readHistoryCell('１，２３４．５', '亿元')).toEqual(value(1234.5, '亿元', 1234.5, '亿元'));
    expect(readHistoryCell('  901 ', '家')).toEqual(value(901, '家', 901, '家'));
  });

  it('converts a unit written in the cell: 12,345万元 is stored as 1.2345 亿元', () => {
    expect(readHistoryCell('12,345万元', '亿元')).toEqual(value(12345, '万元', 1.2345, '亿元'));
    expect(readHistoryCell('12345 万元', '亿元')).toEqual(value(12345, '万元', 1.2345, '亿元'));
    expect(readHistoryCell('９８６，５００（万元）', '亿元')).toEqual(value(986500, '万元', 98.65, '亿元'));
    expect(readHistoryCell('1.2亿', '亿元')).toEqual(value(1.2, '亿元', 1.2, '亿元'));
    expect(readHistoryCell('5000万', '亿元')).toEqual(value(5000, '万元', 0.5, '亿元'));
    expect(readHistoryCell('986家', '家')).toEqual(value(986, '家', 986, '家'));
  });

  it('takes the unit of the header or row label when the cell has none, and the cell unit over it', () => {
    expect(readHistoryCell('986,500', '亿元', '万元')).toEqual(value(986500, '万元', 98.65, '亿元'));
    expect(readHistoryCell('98.65亿元', '亿元', '万元')).toEqual(value(98.65, '亿元', 98.65, '亿元'));
    expect(readHistoryCell('986,500', '亿元', '万')).toEqual(value(986500, '万元', 98.65, '亿元'));
  });

  it('reads — – 空 / and blanks as no value', () => {
    for (const text of ['—', '–', '-', '——', '空', '空白', '/', '－', '…']) expect(readHistoryCell(text, '亿元'), text).toEqual({ kind: 'missing' });
    expect(readHistoryCell('', '亿元')).toEqual({ kind: 'blank' });
    expect(readHistoryCell(' \u3000 ', '亿元')).toEqual({ kind: 'blank' });
  });

  it('reads negative numbers: a minus sign, a full-width minus, accounting brackets', () => {
    expect(readHistoryCell('-3.2', '%')).toEqual(value(-3.2, '%', -3.2, '%'));
    expect(readHistoryCell('－３．２%', '%')).toEqual(value(-3.2, '%', -3.2, '%'));
    expect(readHistoryCell('(1,200)', '亿元')).toEqual(value(-1200, '亿元', -1200, '亿元'));
    expect(readHistoryCell('−1,200万元', '亿元')).toEqual(value(-1200, '万元', -0.12, '亿元'));
  });

  it('reads percent signs for a percentage indicator, and refuses them for an amount', () => {
    expect(readHistoryCell('3.35%', '%')).toEqual(value(3.35, '%', 3.35, '%'));
    expect(readHistoryCell('３．３５％', '%')).toEqual(value(3.35, '%', 3.35, '%'));
    expect(readHistoryCell('3.35', '%')).toEqual(value(3.35, '%', 3.35, '%'));
    expect(readHistoryCell('6.4%', '亿元')).toEqual({
      kind: 'error',
      reason: { en: "a percentage cannot be converted to 亿元, the indicator's unit", zh: '百分比不能换算为该指标的单位“亿元”' },
    });
  });

  it('says why a cell cannot be read, in both languages', () => {
    expect(readHistoryCell('abc', '亿元')).toEqual({ kind: 'error', reason: { en: '"abc" is not a number', zh: '“abc”不是数字' } });
    expect(readHistoryCell('约120', '亿元')).toEqual({ kind: 'error', reason: { en: '"约120" is not a number', zh: '“约120”不是数字' } });
    expect(readHistoryCell('12..5', '亿元')).toEqual({ kind: 'error', reason: { en: '"12..5" is not a number', zh: '“12..5”不是数字' } });
    expect(readHistoryCell('1,23', '亿元')).toEqual({ kind: 'error', reason: { en: '"1,23" is not a number', zh: '“1,23”不是数字' } });
    expect(readHistoryCell('12吨', '亿元')).toMatchObject({ kind: 'error', reason: { zh: expect.stringMatching(/^“吨”不是可识别的单位/) } });
    expect(readHistoryCell('12家', '亿元')).toEqual({ kind: 'error', reason: { en: "家 cannot be converted to 亿元, the indicator's unit", zh: '“家”不能换算为该指标的单位“亿元”' } });
    expect(readHistoryCell('12', '家', '万元')).toMatchObject({ kind: 'error', reason: { zh: '“万元”不能换算为该指标的单位“家”' } });
    expect(readHistoryCell('12.5', '家')).toEqual({ kind: 'error', reason: { en: '12.5 家 is not a whole number', zh: '12.5 家不是整数' } });
    expect(readHistoryCell('12个', '家')).toMatchObject({ kind: 'error' });
  });
});

describe('planPaste', () => {
  const anchor = { row: 0, column: 0 };
  const cells = (plan: ReturnType<typeof planPaste>) => plan.edits.map((edit) => [edit.row, edit.column, edit.cell.text, edit.cell.unit]);

  it('places a block with a year header and indicator names by year and indicator, wherever it is pasted', () => {
    const text = tsvFromRows([
      ['指标', '2021年', '2022年', '2023年'],
      ['有效高新技术企业（家）', '７１２', '８２１', '９８６'],
      ['规上工业研发费用（万元）', '712,300', '850,100', '986,500'],
    ]) + '\r\n';
    const plan = planPaste(text, rows, columns, { row: 2, column: 9 });
    expect(plan.issues).toEqual([]);
    expect(cells(plan)).toEqual([
      [1, 6, '７１２', '家'], [1, 7, '８２１', '家'], [1, 8, '９８６', '家'],
      [0, 6, '712,300', '万元'], [0, 7, '850,100', '万元'], [0, 8, '986,500', '万元'],
    ]);
  });

  it('takes units from the header row, a 单位 column and a unit line above the table', () => {
    const header = planPaste(tsvFromRows([['', '2022年（万元）', '2023年（万元）'], ['规上工业研发费用', '850,100', '986,500']]), rows, columns, anchor);
    expect(cells(header)).toEqual([[0, 7, '850,100', '万元'], [0, 8, '986,500', '万元']]);
    const unitColumn = planPaste(tsvFromRows([['指标', '单位', '2023'], ['industrial_rd_expenditure', '万元', '986500'], ['有效高新技术企业', '家', '986']]), rows, columns, anchor);
    expect(cells(unitColumn)).toEqual([[0, 8, '986500', '万元'], [1, 8, '986', '家']]);
    const unitLine = planPaste(tsvFromRows([['单位：万元'], ['指标', '2023年'], ['规上工业研发费用', '986500']]), rows, columns, anchor);
    expect(cells(unitLine)).toEqual([[0, 8, '986500', '万元']]);
  });

  it('places the in-year column by its period, written with any dash', () => {
    const plan = planPaste(tsvFromRows([['指标', '2023年', '2024年1—11月'], ['有效高新技术企业', '986', '1,020']]), rows, columns, anchor);
    expect(cells(plan)).toEqual([[1, 8, '986', null], [1, 9, '1,020', null]]);
    const alone = planPaste(tsvFromRows([['指标', '2023年', '1-11月'], ['有效高新技术企业', '986', '1,020']]), rows, columns, anchor);
    expect(cells(alone)).toEqual([[1, 8, '986', null], [1, 9, '1,020', null]]);
  });

  it('fills from the anchor a block without header or names', () => {
    const plan = planPaste('712\t821\r\n3.1%\t3.2%\r\n', rows, columns, { row: 1, column: 6 });
    expect(cells(plan)).toEqual([[1, 6, '712', null], [1, 7, '821', null], [2, 6, '3.1%', null], [2, 7, '3.2%', null]]);
    expect(cells(planPaste('42', rows, columns, { row: 2, column: 3 }))).toEqual([[2, 3, '42', null]]);
    expect(cells(planPaste('2023\t2024', rows, columns, { row: 1, column: 3 }))).toEqual([[1, 3, '2023', null], [1, 4, '2024', null]]);
    expect(cells(planPaste('88.6\r\n712\r\n3.1\r\n', rows, columns, { row: 0, column: 8 }))).toEqual([[0, 8, '88.6', null], [1, 8, '712', null], [2, 8, '3.1', null]]);
  });

  it('matches names by code, English name and full-width spelling, with a year row alone', () => {
    const plan = planPaste(tsvFromRows([['', '2022', '2023'], ['全社会ｒ＆ｄ经费占ｇｄｐ比重', '3.3', '3.35'], ['Valid high-tech enterprises', '821', '986']]), rows, columns, anchor);
    expect(cells(plan)).toEqual([[2, 7, '3.3', null], [2, 8, '3.35', null], [1, 7, '821', null], [1, 8, '986', null]]);
  });

  it('takes a shorter or longer name that fits one indicator only', () => {
    const named = (label: string) => cells(planPaste(tsvFromRows([['', '2023'], [label, '1']]), rows, columns, anchor));
    expect(named('R&D经费占GDP比重（%）')).toEqual([[2, 8, '1', '%']]);
    expect(named('规上工业研发费用总额')).toEqual([[0, 8, '1', null]]);
    expect(named('慈溪市有效高新技术企业')).toEqual([[1, 8, '1', null]]);
    expect(named('企业')).toEqual([]);
  });

  it('reports rows, columns and cells it cannot place, and pastes the rest', () => {
    const plan = planPaste(
      tsvFromRows([['指标', '2014年', '2023年', '备注'], ['有效高新技术企业', '500', '986', '快报'], ['不存在的指标', '1', '2', '']]),
      rows,
      columns,
      anchor,
    );
    expect(cells(plan)).toEqual([[1, 8, '986', null]]);
    expect(plan.issues.map((issue) => issue.zh)).toEqual([
      '列“2014年”不在表格中（2015–2023 年、2024年1-11月），未粘贴。',
      '列“备注”不是年份，未粘贴。',
      '第 3 行：“不存在的指标”不是表格中的指标，未粘贴。',
    ]);
    expect(plan.issues[2]!.en).toBe('Row 3: "不存在的指标" is not an indicator of this grid; not pasted.');
    const overflow = planPaste('1\t2\t3', rows, columns, { row: 0, column: 8 });
    expect(cells(overflow)).toEqual([[0, 8, '1', null], [0, 9, '2', null]]);
    expect(overflow.issues.map((issue) => issue.en)).toEqual(['1 cells fall outside the grid and were not pasted.']);
  });

  it('keeps quoted fields whole and ignores an empty paste', () => {
    const plan = planPaste('"1,234"\t"5\r\n6"', rows, columns, anchor);
    expect(cells(plan)).toEqual([[0, 0, '1,234', null], [0, 1, '5\r\n6', null]]);
    expect(planPaste('', rows, columns, anchor)).toEqual({ edits: [], issues: [] });
  });
});

describe('changesFromDraft', () => {
  const rd = rows[0]!;
  const stored = storedCells([
    { obsId: 'b1', indicatorCode: rd.code, region: '慈溪市', scope: '全市', year: 2023, period: 'annual', value: 98.65, unit: '亿元', status: 'actual', origin: 'bundled', note: null },
    { obsId: 'u_1', indicatorCode: rd.code, region: '慈溪市', scope: '全市', year: 2022, period: 'annual', value: 85, unit: '亿元', status: 'actual', origin: 'user', note: null },
    { obsId: 'imp_7_1', indicatorCode: rd.code, region: '慈溪市', scope: '全市', year: 2021, period: 'annual', value: 71, unit: '亿元', status: 'actual', origin: 'user', note: 'import 7' },
  ]);
  const key = (year: number) => historyCellKey(rd, { year, period: 'annual' });

  it('writes entered values with their unit, removes cleared user rows, skips unchanged ones', () => {
    const { changes, problems } = changesFromDraft(
      rows,
      columns,
      {
        [key(2020)]: { text: '650,000', unit: '万元' },
        [key(2021)]: { text: '71.23', unit: null },
        [key(2022)]: { text: '—', unit: null },
        [key(2023)]: { text: '', unit: null },
        [key(2019)]: { text: '85', unit: null },
      },
      { ...stored, [key(2019)]: { user: { obsId: 'u_2', value: 85, unit: '亿元', status: 'actual', source: null } } },
    );
    expect(problems).toEqual([]);
    const identity = { indicatorCode: rd.code, region: '慈溪市', scope: '全市', period: 'annual' };
    expect(changes).toEqual([
      { ...identity, year: 2020, value: 650000, unit: '万元' },
      { ...identity, year: 2021, value: 71.23, unit: '亿元' },
      { ...identity, year: 2022, value: null, unit: '亿元' },
    ]);
  });

  it('reports each unreadable cell by row and column', () => {
    const { changes, problems } = changesFromDraft(rows, columns, { [historyCellKey(rows[1]!, columns[9]!)]: { text: '十二', unit: null } }, stored);
    expect(changes).toEqual([]);
    expect(problems).toEqual([{ row: 1, column: 9, reason: { en: '"十二" is not a number', zh: '“十二”不是数字' } }]);
  });

  it('refuses values the indicator cannot have as the cell is read, not only on save', () => {
    const share = rows[2]!;
    const enterprises = rows[1]!;
    const column = columns[9]!;
    expect(readDraftCell(share, { text: '120%', unit: null })).toEqual({ kind: 'error', reason: { en: '120%: a share cannot be over 100%', zh: '120%：比重不能超过 100%' } });
    expect(readDraftCell(enterprises, { text: '-3', unit: null })).toEqual({ kind: 'error', reason: { en: '-3 家: it cannot be below zero', zh: '-3 家：不能为负数' } });
    // A growth rate may be negative, an indicator of unknown kind is not judged, and 100 % is a share's ceiling, not past it.
    expect(readDraftCell({ ...share, code: 'rd_growth', kind: 'growth_rate' }, { text: '-4.5', unit: null }).kind).toBe('value');
    expect(readDraftCell({ ...enterprises, kind: null }, { text: '-3', unit: null }).kind).toBe('value');
    expect(readDraftCell(share, { text: '100', unit: null }).kind).toBe('value');
    const { changes, problems } = changesFromDraft(
      rows,
      columns,
      { [historyCellKey(share, column)]: { text: '120', unit: null }, [historyCellKey(enterprises, column)]: { text: '1,523', unit: null } },
      stored,
    );
    expect(problems).toEqual([{ row: 2, column: 9, reason: { en: '120%: a share cannot be over 100%', zh: '120%：比重不能超过 100%' } }]);
    expect(changes).toMatchObject([{ indicatorCode: enterprises.code, value: 1523 }]);
  });

  it('keeps the bundled value and the user row of one cell apart', () => {
    expect(stored[key(2023)]).toEqual({ bundled: { obsId: 'b1', value: 98.65, unit: '亿元', status: 'actual', source: null } });
    expect(stored[key(2021)]?.user?.obsId).toBe('imp_7_1');
  });
});

describe('historyRowsFor', () => {
  const target = (indicatorCode: string, region: string, scope: string) => ({ indicatorCode, nameZh: indicatorCode, nameEn: indicatorCode, unit: '家', indicatorKind: 'level', region, scope });
  const indicator = { code: 'gdp', nameZh: '地区生产总值', nameEn: 'GDP', unit: '亿元', kind: 'level' };

  it('gives each target’s indicator its own region and scope, once, and saves the cell there', () => {
    const rows = historyRowsFor([target('a', '慈溪市', '全市'), target('b', '慈溪市', '前湾新区'), target('a', '慈溪市', '全市'), target('a', '慈溪市', '市级')]);
    expect(rows.map((row) => [row.code, placeLabel(row, 'zh')])).toEqual([
      ['a', '慈溪市 · 全市'],
      ['b', '慈溪市 · 前湾新区'],
      ['a', '慈溪市 · 市级'],
    ]);
    const { changes } = changesFromDraft(rows, [{ year: 2023, period: 'annual' }], { [historyCellKey(rows[1]!, { year: 2023, period: 'annual' })]: { text: '5', unit: null } }, {});
    expect(changes).toMatchObject([{ indicatorCode: 'b', region: '慈溪市', scope: '前湾新区', year: 2023, period: 'annual', value: 5 }]);
  });

  it('puts the open indicator where its figures are, and in the county as a whole only when it has none', () => {
    const places = [{ region: '慈溪市', scope: '全市' }, { region: '慈溪市', scope: '市级' }];
    expect(historyRowsFor([], { indicator, places }).map((row) => placeLabel(row, 'zh'))).toEqual(['慈溪市 · 全市', '慈溪市 · 市级']);
    expect(historyRowsFor([], { indicator, places: [] }).map((row) => placeLabel(row, 'zh'))).toEqual([placeLabel(DEFAULT_HISTORY_PLACE, 'zh')]);
    expect(historyRowsFor([{ ...target('gdp', '慈溪市', '前湾新区'), unit: '亿元' }], { indicator, places: [] }).map((row) => placeLabel(row, 'zh'))).toEqual(['慈溪市 · 前湾新区']);
  });
});
