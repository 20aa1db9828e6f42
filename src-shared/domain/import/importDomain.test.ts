import { describe, expect, it } from 'vitest';
import { cellAddress, columnLetters, fillMerged, type CellGrid } from './cellGrid';
import { convertCell, inferColumnType, parseDateText } from './columnTypes';
import { parseDelimited, sniffDelimiter } from './delimitedText';
import { sanitizeTableName, tableNameFromFile, tableNameProblem } from './importNames';
import { foldWidth, parseNumberText, percentPoints } from './numberText';
import { dataRows, detectTableLayout, headerNames } from './tableLayout';
import { binaryEvidence, checkGb18030, checkUtf8, guessEncoding } from './textEncoding';
import { parseYearLabel, planUnpivot } from './unpivotPlan';

const utf8 = (text: string) => new TextEncoder().encode(text);

describe('guessEncoding', () => {
  it('reads byte-order marks', () => {
    expect(guessEncoding(new Uint8Array([0xef, 0xbb, 0xbf, 0x61]), true)).toEqual({ encoding: 'utf-8', bomLength: 3, reason: 'bom' });
    expect(guessEncoding(new Uint8Array([0xff, 0xfe, 0x61, 0]), true)).toEqual({ encoding: 'utf-16le', bomLength: 2, reason: 'bom' });
    expect(guessEncoding(new Uint8Array([0xfe, 0xff, 0, 0x61]), true)).toEqual({ encoding: 'utf-16be', bomLength: 2, reason: 'bom' });
  });

  it('tells UTF-8 from GB18030 and finds BOM-less UTF-16', () => {
    expect(guessEncoding(utf8('指标,2023年\n高新技术,1.5\n'), true).encoding).toBe('utf-8');
    expect(guessEncoding(utf8('a,b\n1,2\n'), true).reason).toBe('ascii');
    // 指标 in GB18030 is D6 B8 B1 EA: not valid UTF-8.
    expect(guessEncoding(new Uint8Array([0xd6, 0xb8, 0xb1, 0xea, 0x2c, 0x31]), true)).toEqual({ encoding: 'gb18030', bomLength: 0, reason: 'valid-gb18030' });
    expect(guessEncoding(new Uint8Array([0x61, 0, 0x2c, 0, 0x62, 0, 0x0a, 0]), true).encoding).toBe('utf-16le');
    expect(guessEncoding(new Uint8Array([0, 0x61, 0, 0x2c, 0, 0x62, 0, 0x0a]), true).encoding).toBe('utf-16be');
  });

  it('does not hold a sequence cut by the end of a sample against UTF-8', () => {
    const bytes = utf8('ab指');
    expect(checkUtf8(bytes.subarray(0, 4), false).valid).toBe(true);
    expect(checkUtf8(bytes.subarray(0, 4), true)).toEqual({ valid: false, ascii: false, invalidAt: 2 });
    expect(checkUtf8(new Uint8Array([0xc0, 0x80]), true).valid).toBe(false);
    expect(checkUtf8(new Uint8Array([0xed, 0xa0, 0x80]), true).valid).toBe(false);
  });

  it('checks four-byte GB18030 sequences', () => {
    expect(checkGb18030(new Uint8Array([0x95, 0x32, 0x82, 0x36]), true).valid).toBe(true);
    expect(checkGb18030(new Uint8Array([0x95, 0x32, 0x82]), true)).toEqual({ valid: false, ascii: false, invalidAt: 0 });
    expect(checkGb18030(new Uint8Array([0x95, 0x32, 0x82]), false).valid).toBe(true);
    expect(checkGb18030(new Uint8Array([0x80]), true).valid).toBe(false);
  });

  it('spots binary content', () => {
    expect(binaryEvidence(new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0x00]), 'utf-8')).toEqual({ binary: true, offset: 4 });
    expect(binaryEvidence(utf8('a,b\r\n1,2\n'), 'utf-8')).toEqual({ binary: false, offset: -1 });
  });
});

describe('parseNumberText', () => {
  it('reads numbers as statistical tables write them', () => {
    expect(parseNumberText('1,234.5')).toEqual({ kind: 'number', value: 1234.5, percent: false });
    expect(parseNumberText('１２３．４')).toEqual({ kind: 'number', value: 123.4, percent: false });
    expect(parseNumberText('１，２３４')).toEqual({ kind: 'number', value: 1234, percent: false });
    expect(parseNumberText(' 6.40% ')).toEqual({ kind: 'number', value: 6.4, percent: true });
    expect(parseNumberText('６．４０％')).toEqual({ kind: 'number', value: 6.4, percent: true });
    expect(parseNumberText('(1,200)')).toEqual({ kind: 'number', value: -1200, percent: false });
    expect(parseNumberText('−3.5')).toEqual({ kind: 'number', value: -3.5, percent: false });
    expect(parseNumberText('¥24,480.1')).toEqual({ kind: 'number', value: 24480.1, percent: false });
    expect(parseNumberText('1.2E+05')).toEqual({ kind: 'number', value: 120000, percent: false });
  });

  it('treats dashes, slashes and 空白 as missing and keeps text', () => {
    for (const marker of ['—', '——', '-', '/', '／', '空白', '', '  ', '…', 'N/A']) expect(parseNumberText(marker)).toEqual({ kind: 'missing' });
    expect(parseNumberText('12,34')).toEqual({ kind: 'text', text: '12,34' });
    expect(parseNumberText('高新')).toEqual({ kind: 'text', text: '高新' });
    expect(parseNumberText('1.2.3')).toEqual({ kind: 'text', text: '1.2.3' });
  });

  it('folds width and converts percent fractions without float noise', () => {
    expect(foldWidth('２０２３年（亿元）')).toBe('2023年(亿元)');
    expect(percentPoints(0.064)).toBe(6.4);
    expect(percentPoints(0.2010)).toBe(20.1);
    expect(percentPoints(0.7969)).toBe(79.69);
  });
});

describe('parseDelimited and sniffDelimiter', () => {
  it('handles quotes, doubled quotes, CRLF and embedded line breaks', () => {
    const parsed = parseDelimited('a,"b,1","say ""hi"""\r\n2,"x\ny",3\n', ',', true);
    expect(parsed.rows).toEqual([
      ['a', 'b,1', 'say "hi"'],
      ['2', 'x\ny', '3'],
    ]);
    expect(parsed.lines).toEqual([1, 2]);
  });

  it('drops the partial last row of a cut sample', () => {
    expect(parseDelimited('a,b\n1,2\n3,', ',', false).rows).toEqual([
      ['a', 'b'],
      ['1', '2'],
    ]);
    expect(parseDelimited('a,b\n1,2\n3,', ',', true).rows).toEqual([['a', 'b'], ['1', '2'], ['3', '']]);
  });

  it('reads a quote after one space as a quoted field, as DuckDB does, and a quote later in a field as a character', () => {
    expect(parseDelimited('北京, "1,5",2\n显示器,15.6" 屏,3\n', ',', true).rows).toEqual([
      ['北京', '1,5', '2'],
      ['显示器', '15.6" 屏', '3'],
    ]);
  });

  it('picks the consistent delimiter despite a title line', () => {
    expect(sniffDelimiter('慈溪市主要指标\n指标\t2022\t2023\n企业\t1\t2\n投资\t3\t4\n')).toBe('\t');
    expect(sniffDelimiter('a;b;c\n1;2,5;3\n4;5;6\n')).toBe(';');
    expect(sniffDelimiter('just text\n')).toBe(',');
  });
});

/** The layout the issue describes: merged title, unit line, two-row header, footnotes. */
function statisticalSheet(): { grid: CellGrid; merges: { top: number; left: number; bottom: number; right: number }[] } {
  const grid: CellGrid = [
    ['慈溪市科技主要指标', null, null, null, null],
    [null, null, null, null, '单位：亿元'],
    ['指标', '单位', '年份', null, null],
    [null, null, '2021年', '2022年', '2023年'],
    ['高新技术产业投资', '亿元', '155.2', '1,234.5', 165.3],
    ['高新技术企业', '家', '—', '８１２', '/'],
    [null, null, null, null, null],
    ['注：2023年为快报数。', null, null, null, null],
    ['资料来源：市统计局', null, null, null, null],
  ];
  const merges = [
    { top: 0, left: 0, bottom: 0, right: 4 },
    { top: 2, left: 0, bottom: 3, right: 0 },
    { top: 2, left: 1, bottom: 3, right: 1 },
    { top: 2, left: 2, bottom: 2, right: 4 },
  ];
  return { grid, merges };
}

describe('detectTableLayout', () => {
  it('skips the title and unit rows, finds two header rows and drops the footnotes', () => {
    const { grid, merges } = statisticalSheet();
    const layout = detectTableLayout(grid, merges)!;
    expect(layout).toEqual({
      headerTop: 2,
      headerRows: 2,
      dataTop: 4,
      dataBottom: 5,
      left: 0,
      right: 4,
      titles: ['慈溪市科技主要指标', '单位：亿元'],
      unit: '亿元',
      notes: ['注：2023年为快报数。', '资料来源：市统计局'],
    });
    expect(headerNames(grid, merges, layout)).toEqual(['指标', '单位', '年份_2021年', '年份_2022年', '年份_2023年']);
    expect(dataRows(grid, merges, layout)).toEqual({
      rows: [
        ['高新技术产业投资', '亿元', '155.2', '1,234.5', 165.3],
        ['高新技术企业', '家', '—', '８１２', '/'],
      ],
      sourceRows: [4, 5],
    });
  });

  it('takes a single header row and a table without title', () => {
    const grid: CellGrid = [
      ['指标', 2019, 2020],
      ['研发经费', 10.5, 11],
      ['技术交易额', 70, 74.4],
    ];
    expect(detectTableLayout(grid)).toMatchObject({ headerTop: 0, headerRows: 1, dataTop: 1, dataBottom: 2, left: 0, right: 2, unit: null });
  });

  it('sees a sheet without a header', () => {
    const grid: CellGrid = [
      ['a', 1.5, 2.5],
      ['b', 3.5, 4.5],
    ];
    expect(detectTableLayout(grid)).toMatchObject({ headerTop: 0, headerRows: 0, dataTop: 0, dataBottom: 1 });
  });

  it('returns null for an empty sheet', () => {
    expect(detectTableLayout([])).toBeNull();
    expect(detectTableLayout([[null, '']])).toBeNull();
  });

  it('fills merged areas from their top-left cell', () => {
    expect(fillMerged([['a', null], [null, null]], [{ top: 0, left: 0, bottom: 1, right: 1 }])).toEqual([
      ['a', 'a'],
      ['a', 'a'],
    ]);
    expect(columnLetters(0)).toBe('A');
    expect(columnLetters(27)).toBe('AB');
    expect(cellAddress(6, 1)).toBe('B7');
  });
});

describe('inferColumnType and convertCell', () => {
  it('infers numbers written as text, keeping codes as text', () => {
    expect(inferColumnType(['1,234', '—', 5])).toEqual({ type: 'BIGINT', cleaned: true, percent: false });
    // Plain numbers DuckDB casts itself need no cleaning, even when not in shortest form.
    expect(inferColumnType(['0.0', '1.50', '1e3', ' 7 '])).toEqual({ type: 'DOUBLE', cleaned: false, percent: false });
    expect(inferColumnType(['6.4%', '20.1%'])).toEqual({ type: 'DOUBLE', cleaned: true, percent: true });
    expect(inferColumnType([1.5, 2])).toEqual({ type: 'DOUBLE', cleaned: false, percent: false });
    expect(inferColumnType(['001', '002'])).toEqual({ type: 'VARCHAR', cleaned: false, percent: false });
    expect(inferColumnType(['2024-01-31', '2024-02-01'])).toEqual({ type: 'DATE', cleaned: false, percent: false });
    // Forms DuckDB's cast does not read, and cells of spaces, are converted first.
    expect(inferColumnType(['2024-01-31', '2024/2/1'])).toEqual({ type: 'DATE', cleaned: true, percent: false });
    expect(inferColumnType(['2024年1月31日', ''])).toEqual({ type: 'DATE', cleaned: true, percent: false });
    expect(inferColumnType(['2024-01-31 08:30', '2024-02-01'])).toEqual({ type: 'TIMESTAMP', cleaned: true, percent: false });
    expect(inferColumnType(['2024-01-31 08:30', '2024-02-01 09:00'])).toEqual({ type: 'TIMESTAMP', cleaned: false, percent: false });
    expect(inferColumnType(['1', '  ', 2])).toEqual({ type: 'BIGINT', cleaned: true, percent: false });
    expect(inferColumnType(['true', ' '])).toEqual({ type: 'BOOLEAN', cleaned: true, percent: false });
    expect(inferColumnType([true, 'FALSE'])).toEqual({ type: 'BOOLEAN', cleaned: false, percent: false });
    expect(inferColumnType(['a', 1])).toEqual({ type: 'VARCHAR', cleaned: false, percent: false });
    expect(inferColumnType([null, '—'])).toEqual({ type: 'VARCHAR', cleaned: false, percent: false });
  });

  it('converts cells and says why one does not fit', () => {
    expect(convertCell('1,234.5', 'DOUBLE')).toEqual({ ok: true, value: 1234.5 });
    expect(convertCell('—', 'DOUBLE')).toEqual({ ok: true, value: null });
    expect(convertCell('abc', 'DOUBLE')).toEqual({ ok: false, reason: { en: '"abc" is not a number', zh: '“abc”不是数字' } });
    expect(convertCell(1.5, 'BIGINT')).toEqual({ ok: false, reason: { en: '1.5 is not a whole number', zh: '1.5 不是整数' } });
    expect(convertCell(12, 'VARCHAR')).toEqual({ ok: true, value: '12' });
    expect(convertCell('2024年1月31日', 'DATE')).toEqual({ ok: true, value: '2024-01-31' });
    expect(parseDateText('2023-02-30')).toBeNull();
  });
});

describe('unpivot planning', () => {
  it('reads year labels', () => {
    expect(parseYearLabel('2019年')).toEqual({ year: 2019, rest: '' });
    expect(parseYearLabel('2021年度')).toEqual({ year: 2021, rest: '' });
    expect(parseYearLabel(2020)).toEqual({ year: 2020, rest: '' });
    expect(parseYearLabel('2023年（亿元）')).toEqual({ year: 2023, rest: '（亿元）' });
    expect(parseYearLabel('2023-01-01')).toBeNull();
    expect(parseYearLabel('20231')).toBeNull();
    expect(parseYearLabel(20.5)).toBeNull();
  });

  it('plans an unpivot with the indicator, unit and year columns', () => {
    const plan = planUnpivot(
      [
        { name: '序号', type: 'BIGINT' },
        { name: '指标', type: 'VARCHAR' },
        { name: '单位', type: 'VARCHAR' },
        { name: '年份_2021年', type: 'DOUBLE' },
        { name: '2022年_金额（亿元）', type: 'DOUBLE' },
      ],
      '亿元',
    );
    expect(plan).toEqual({
      yearColumns: [
        { column: 3, year: 2021, measure: null, unit: null },
        { column: 4, year: 2022, measure: '金额', unit: '亿元' },
      ],
      indicatorColumn: 1,
      unitColumn: 2,
      keepColumns: [0],
      defaultUnit: '亿元',
    });
    expect(planUnpivot([{ name: 'a', type: 'VARCHAR' }], null)).toBeNull();
  });
});

describe('table names', () => {
  it('derives and checks names, Chinese allowed', () => {
    expect(tableNameFromFile('2023年 科技指标(终稿).xlsx', 'Sheet1')).toBe('t_2023年_科技指标_终稿');
    expect(tableNameFromFile('/tmp/指标.csv')).toBe('指标');
    expect(tableNameFromFile('a.xlsx', '投资')).toBe('a_投资');
    expect(sanitizeTableName('---')).toBe('');
    expect(tableNameProblem('科技指标')).toBeNull();
    expect(tableNameProblem('import_provenance')).toEqual({ en: '"import_provenance" is one of the workbench\'s own tables.', zh: '“import_provenance”是工作台自己的表。' });
    expect(tableNameProblem('')?.en).toBe('The table name is empty.');
  });
});
