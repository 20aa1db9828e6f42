import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { writeFixtureXlsx } from '../fixtures/xlsxWriter';

/**
 * Workbooks that broke the import (issue 18) or a first version of the
 * streamed reader, written afresh by each run (never committed as
 * binaries). Each names what it guards against; the fuzz suite imports
 * every one and expects a correct table or a clean message naming the file.
 */
export interface RegressionWorkbook {
  path: string;
  /** What went wrong, or would go wrong without the guard. */
  guards: string;
  /** Rows the preview must find, when the file is readable. */
  rows?: number;
}

export function writeRegressionWorkbooks(folder: string): RegressionWorkbook[] {
  const at = (name: string): string => join(folder, name);
  const header = '<row r="1"><c r="A1" t="inlineStr"><is><t>名称</t></is></c><c r="B1" t="inlineStr"><is><t>数值</t></is></c></row>';
  const data = Array.from({ length: 8 }, (_, index) => `<row r="${index + 2}"><c r="A${index + 2}" t="inlineStr"><is><t>甲${index}</t></is></c><c r="B${index + 2}"><v>${index}</v></c></row>`).join('');
  const sheet = (body: string, before = ''): string =>
    `<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">${before}<sheetData>${body}</sheetData></worksheet>`;
  // A central directory entry whose extra field runs past the directory (found by the fuzz suite, seed 20261205).
  const longExtra = writeFixtureXlsx(at('regression-directory-extra.xlsx'), [{ name: 'S', rows: [], xml: sheet(header + data) }]);
  const bytes = readFileSync(longExtra);
  bytes.writeUInt16LE(0xffff, bytes.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02])) + 30);
  writeFileSync(longExtra, bytes);
  return [
    {
      path: longExtra,
      guards: "a Buffer RangeError from a directory field pointing past the directory's end, passed off as a damaged file only by luck",
    },
    {
      path: writeFixtureXlsx(at('regression-stale-dimension.xlsx'), [{ name: 'S', rows: [], xml: sheet(header + data, '<dimension ref="A1:B3"/>') }]),
      guards: 'issue 18: SheetJS trusted <dimension> and imported 2 of 8 rows with exit 0',
      rows: 9,
    },
    {
      path: writeFixtureXlsx(at('regression-nul-header.xlsx'), [{ name: 'S', rows: [], xml: sheet(header.replace('名称', '名_x0000_称') + data) }]),
      guards: 'issue 18: a NUL in a header cell ended in an internal error (exit 70, "Identifiers cannot contain NUL characters")',
      rows: 9,
    },
    {
      path: writeFixtureXlsx(at('regression-far-corner.xlsx'), [{ name: 'S', rows: [], xml: sheet(`${header}<row r="1048576"><c r="XFD1048576"><v>1</v></c></row>`) }]),
      guards: 'a range of A1:XFD1048576 laid out cell by cell exhausts the heap (issue 18: wrong sheet XML drove the heap to ~2 GB, SIGABRT)',
    },
    {
      path: writeFixtureXlsx(at('regression-unclosed-tag.xlsx'), [{ name: 'S', rows: [], xml: sheet(header + data).replace('</sheetData>', `<row r="10" ${' '.repeat(5 * 1024 * 1024)}`) }]),
      guards: 'a tag that never closes, buffered without bound',
    },
    {
      path: writeFixtureXlsx(at('regression-no-sheetdata-end.xlsx'), [{ name: 'S', rows: [], xml: sheet(header + data).replace('</sheetData></worksheet>', '') }]),
      guards: 'a sheet cut short importing the rows before the cut, with exit 0',
    },
    {
      path: writeFixtureXlsx(at('regression-bad-reference.xlsx'), [{ name: 'S', rows: [], xml: sheet(`${header}<row r="2"><c r="A0"><v>1</v></c></row>`) }]),
      guards: 'a cell reference outside the sheet (row 0) read as row -1',
    },
    {
      path: writeFixtureXlsx(at('regression-shared-index.xlsx'), [{ name: 'S', rows: [], xml: sheet(`${header}<row r="2"><c r="A2" t="s"><v>99</v></c></row>`) }]),
      guards: 'a shared-string index past the end silently read as an empty cell',
    },
    {
      path: writeFixtureXlsx(at('regression-huge-char-ref.xlsx'), [{ name: 'S', rows: [], xml: sheet(`${header}<row r="2"><c r="A2" t="inlineStr"><is><t>&#1114112;&#0;&#x41;</t></is></c></row>`) }]),
      guards: 'String.fromCodePoint throwing a RangeError on a character reference past U+10FFFF',
      rows: 2,
    },
  ];
}
