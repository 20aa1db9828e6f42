import { mkdtempSync, readFileSync, rmSync, statSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as XLSX from '@e965/xlsx';
import { afterAll, describe, expect, it } from 'vitest';
import { writeFixtureXlsx, type FixtureCell } from '../../../tests/fixtures/xlsxWriter';
import { readWorkbook } from '../workbookReader';
import { readXlsx } from './xlsxReader';

const folder = mkdtempSync(join(tmpdir(), 'iwb-xlsx-reader-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

function* numbered(rows: number, strings = false): Generator<FixtureCell[]> {
  yield ['名称', '数值'];
  for (let row = 0; row < rows; row++) yield [strings ? `企业${row}` : row + 1, row * 1.5];
}

async function firstSheet(path: string) {
  const book = await readXlsx(path);
  if (!book) throw new Error('not read as SpreadsheetML');
  return book.sheets[0]!;
}

describe('the streamed .xlsx reader', () => {
  it('reads every row under a stale <dimension> (A1:B6 over 1,000 rows), where SheetJS stops at the declared range', async () => {
    const path = writeFixtureXlsx(join(folder, 'stale.xlsx'), [{ name: 'S', rows: numbered(1000, true), dimension: 'A1:B6' }]);
    const sheetJs = XLSX.read(readFileSync(path), { dense: true }).Sheets.S!;
    expect(sheetJs['!ref']).toBe('A1:B6');
    const sheet = await firstSheet(path);
    expect(sheet.grid).toHaveLength(1001);
    expect(sheet.grid[1000]).toEqual(['企业999', 1498.5]);
    expect(sheet.origin).toEqual({ row: 0, column: 0 });
  });

  it('reads a sheet of inline strings (t="inlineStr"), rich-text runs without their phonetic guides, and rows without r', async () => {
    const rows: (FixtureCell[] | string)[] = [['地区', '名称', '备注']];
    for (let row = 0; row < 20_000; row++) rows.push(['慈溪市', `高新技术企业 ${row} 𠀀`, row % 2 === 0 ? '含"引号" & <尖括号>' : null]);
    rows.push('<row><c t="inlineStr"><is><r><t>富</t></r><r><t xml:space="preserve">文本 </t></r><rPh sb="0" eb="1"><t>フ</t></rPh></is></c><c t="inlineStr"><is><t>_x0041_B</t></is></c></row>');
    const path = writeFixtureXlsx(join(folder, 'inline.xlsx'), [{ name: '内联', rows, strings: 'inline', dimension: 'A1:C2' }]);
    const sheet = await firstSheet(path);
    expect(sheet.grid).toHaveLength(20_002);
    expect(sheet.grid[1]).toEqual(['慈溪市', '高新技术企业 0 𠀀', '含"引号" & <尖括号>']);
    expect(sheet.grid[20_000]).toEqual(['慈溪市', '高新技术企业 19999 𠀀', null]);
    expect(sheet.grid[20_001]).toEqual(['富文本 ', 'AB', null]);
  });

  it('reads 1,000,000 rows whatever the dimension says', async () => {
    function* rows(): Generator<FixtureCell[]> {
      yield ['编号'];
      for (let row = 1; row <= 1_000_000; row++) yield [row];
    }
    const path = writeFixtureXlsx(join(folder, 'million.xlsx'), [{ name: 'data', rows: rows(), dimension: 'A1:A6' }]);
    const sheet = await firstSheet(path);
    expect(sheet.grid).toHaveLength(1_000_001);
    expect(sheet.grid[1_000_000]).toEqual([1_000_000]);
    let sum = 0;
    for (let row = 1; row < sheet.grid.length; row++) sum += sheet.grid[row]![0] as number;
    expect(sum).toBe(500_000_500_000);
  }, 60_000);

  it('reads dates, times and percents from the number formats, booleans, errors as empty, and the 1904 date system', async () => {
    const date = '<row r="2"><c r="A2" s="1"><v>45296</v></c><c r="B2" s="3"><v>45296.75</v></c><c r="C2" s="2"><v>0.064</v></c><c r="D2" t="b"><v>1</v></c><c r="E2" t="e"><v>#DIV/0!</v></c><c r="F2" t="d"><v>2024-01-05T00:00:00</v></c><c r="G2" t="str"><f>A1</f><v>公式&amp;结果</v></c></row>';
    const path = writeFixtureXlsx(join(folder, 'formats.xlsx'), [{ name: 'F', rows: [['a', 'b', 'c', 'd', 'e', 'f', 'g'], date] }], { styles: true });
    const sheet = await firstSheet(path);
    expect(sheet.grid[1]).toEqual(['2024-01-05', '2024-01-05 18:00:00', '6.4%', true, null, '2024-01-05', '公式&结果']);
    const in1904 = writeFixtureXlsx(join(folder, 'formats-1904.xlsx'), [{ name: 'F', rows: [['a'], '<row r="2"><c r="A2" s="1"><v>43834</v></c></row>'] }], { styles: true, date1904: true });
    expect((await firstSheet(in1904)).grid[1]).toEqual(['2024-01-05']);
  });

  it('keeps merged areas relative to the first cell present, and the origin of a table that does not start at A1', async () => {
    const rows = ['<row r="3"><c r="C3" t="inlineStr"><is><t>标题</t></is></c></row>', '<row r="4"><c r="C4" t="inlineStr"><is><t>指标</t></is></c><c r="D4"><v>1</v></c></row>'];
    const path = writeFixtureXlsx(join(folder, 'offset.xlsx'), [{ name: 'O', rows, merges: ['C3:D3', 'A1:B1'] }]);
    const sheet = await firstSheet(path);
    expect(sheet.origin).toEqual({ row: 2, column: 2 });
    expect(sheet.grid).toEqual([
      ['标题', null],
      ['指标', 1],
    ]);
    expect(sheet.merges).toEqual([{ top: 0, left: 0, bottom: 0, right: 1 }]);
  });

  it('lists hidden sheets like the others, in workbook order', async () => {
    const path = writeFixtureXlsx(join(folder, 'hidden.xlsx'), [
      { name: '隐藏', rows: [['x'], [1]], hidden: true },
      { name: '数据', rows: [['y'], [2]] },
    ]);
    const book = await readWorkbook(path, 'hidden.xlsx');
    expect(book.sheets.map((sheet) => [sheet.name, sheet.grid.length])).toEqual([
      ['隐藏', 2],
      ['数据', 2],
    ]);
  });

  it('stops with an error naming the file and sheet when the sheet XML ends before its cells do, never a shorter table', async () => {
    const path = writeFixtureXlsx(join(folder, 'cut-xml.xlsx'), [{ name: '数据', rows: numbered(500), tail: '' }]);
    await expect(readWorkbook(path, 'cut-xml.xlsx')).rejects.toMatchObject({
      kind: 'user',
      code: 'import-damaged-workbook',
      message: expect.stringMatching(/^cut-xml\.xlsx: .*sheet "数据" ends before its cells do \(after row 501\)/),
    });
  });

  it('stops with an error when the file is cut short, and names a cell whose value is not a number', async () => {
    const whole = writeFixtureXlsx(join(folder, 'cut-file.xlsx'), [{ name: 'S', rows: numbered(5000) }]);
    truncateSync(whole, Math.floor(statSync(whole).size / 2));
    await expect(readWorkbook(whole, 'cut-file.xlsx')).rejects.toMatchObject({ code: 'import-damaged-workbook', message: expect.stringContaining('cut-file.xlsx') });
    const bad = writeFixtureXlsx(join(folder, 'bad-number.xlsx'), [{ name: 'S', rows: [['a'], '<row r="2"><c r="A2"><v>12x</v></c></row>'] }]);
    await expect(readWorkbook(bad, 'bad-number.xlsx')).rejects.toMatchObject({ message: expect.stringContaining('sheet "S", cell A2 holds "12x" where a number belongs') });
  });

  it('refuses a sheet whose cells span more than one import can hold before laying it out', async () => {
    const path = writeFixtureXlsx(join(folder, 'corners.xlsx'), [{ name: 'S', rows: ['<row r="1"><c r="A1"><v>1</v></c></row>', '<row r="1048576"><c r="XFD1048576"><v>2</v></c></row>'] }]);
    await expect(readWorkbook(path, 'corners.xlsx')).rejects.toMatchObject({ code: 'import-sheet-too-large', message: expect.stringContaining('1048576 rows × 16384 columns') });
  });

  it('leaves a ZIP that is not SpreadsheetML to SheetJS, and an empty or non-ZIP file gets its own error', async () => {
    const ods = XLSX.utils.book_new();
    XLSX.utils.book_append_sheet(ods, XLSX.utils.aoa_to_sheet([['名称'], ['甲']]), 'S');
    const path = join(folder, 'book.ods');
    writeFileSync(path, XLSX.write(ods, { type: 'buffer', bookType: 'ods' }) as Buffer);
    expect(await readXlsx(path)).toBeNull();
    expect((await readWorkbook(path, 'book.ods')).sheets[0]!.grid).toEqual([['名称'], ['甲']]);
    const empty = join(folder, 'empty.xlsx');
    writeFileSync(empty, '');
    await expect(readWorkbook(empty, 'empty.xlsx')).rejects.toMatchObject({ code: 'import-empty' });
  });
});
