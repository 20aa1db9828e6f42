import { posix } from 'node:path';
import { TextDecoder } from 'node:util';
import type { CellGrid, CellRange, GridValue } from '@shared/domain/import/cellGrid';
import { cellAddress } from '@shared/domain/import/cellGrid';
import { percentPoints } from '@shared/domain/import/numberText';
import { builtinIsDate, formatIsDate, isoDateText, serialDateText } from './numberFormats';
import { XmlScanner, decodeXmlText, xmlAttributes, type XmlHandler } from './xmlScanner';
import { ZipArchive, type ZipEntry } from './zipEntries';
import type { Workbook, WorkbookSheet } from '../workbookReader';

/** A sheet larger than this (rows × columns of the cells present) is refused before it is laid out. */
export const MAX_SHEET_CELLS = 40_000_000;
const MAX_ROWS = 1_048_576;
const MAX_COLUMNS = 16_384;

/** The workbook cannot be read; `detail` names the part, sheet or cell (English, for the error's detail). */
export class XlsxError extends Error {
  constructor(
    message: string,
    readonly kind: 'damaged' | 'too-large' = 'damaged',
    readonly facts: { sheet?: string; rows?: number; columns?: number } = {},
  ) {
    super(message);
  }
}

interface CellStyle {
  date: boolean;
  percent: boolean;
}

/**
 * Reads an .xlsx/.xlsm workbook as a stream: the ZIP's directory, then each
 * part inflated and tokenized chunk by chunk (workbook, relationships,
 * styles, shared strings once, then each sheet). The cells present are what
 * counts: the `<dimension>` a sheet declares is never used. Returns null
 * for a ZIP that is not a SpreadsheetML workbook (.xlsb, .ods), which the
 * general reader handles.
 */
export async function readXlsx(path: string, options: { onlySheet?: string } = {}): Promise<Workbook | null> {
  const zip = await ZipArchive.open(path);
  const root = await relationships(zip, '_rels/.rels');
  const office = [...root.values()].find((relation) => relation.type.endsWith('/officeDocument'));
  const workbookPath = office ? resolveTarget('', office.target) : 'xl/workbook.xml';
  // A binary workbook part (.xlsb) is for the general reader.
  if (!workbookPath.toLowerCase().endsWith('.xml')) return null;
  const workbookEntry = zip.find(workbookPath);
  if (!workbookEntry) {
    // An OOXML package (it has [Content_Types].xml) without its workbook part is damaged: SheetJS can loop
    // on one. A ZIP that is no OOXML package (.ods) or a binary workbook (.xlsb) is for the general reader.
    if (office || (zip.find('[Content_Types].xml') && !zip.find('xl/workbook.bin'))) throw new XlsxError(`the workbook part ${workbookPath} is missing`);
    return null;
  }
  const folder = posix.dirname(workbookPath);
  const relations = await relationships(zip, posix.join(folder, '_rels', `${posix.basename(workbookPath)}.rels`));

  const declared: { name: string; relation: string }[] = [];
  let date1904 = false;
  await scanPart(zip, workbookEntry, {
    open(name, source, start, end) {
      if (name === 'sheet') {
        const values = xmlAttributes(source.slice(start, end));
        const relation = Object.entries(values).find(([key]) => key === 'id' || key.endsWith(':id'))?.[1] ?? '';
        declared.push({ name: values.name ?? `Sheet${declared.length + 1}`, relation });
      } else if (name === 'workbookPr') {
        const value = xmlAttributes(source.slice(start, end)).date1904;
        date1904 = value === '1' || value === 'true';
      }
    },
    close() {},
    text() {},
  });

  const partOf = (type: string, fallback: string): ZipEntry | undefined => {
    const relation = [...relations.values()].find((candidate) => candidate.type.endsWith(type));
    return zip.find(relation ? resolveTarget(folder, relation.target) : posix.join(folder, fallback));
  };
  const styleEntry = partOf('/styles', 'styles.xml');
  const styles = styleEntry ? await readStyles(zip, styleEntry) : [];
  const stringEntry = partOf('/sharedStrings', 'sharedStrings.xml');
  const strings = stringEntry ? await readSharedStrings(zip, stringEntry) : [];

  const sheets: WorkbookSheet[] = [];
  for (const sheet of declared) {
    if (options.onlySheet !== undefined && sheet.name !== options.onlySheet) continue;
    const relation = relations.get(sheet.relation);
    if (relation && !relation.type.endsWith('/worksheet')) {
      // A chart sheet or dialog sheet: listed, with no cells.
      sheets.push({ name: sheet.name, grid: [], merges: [], origin: { row: 0, column: 0 } });
      continue;
    }
    const entry = relation ? zip.find(resolveTarget(folder, relation.target)) : undefined;
    if (!entry) throw new XlsxError(`the part of sheet "${sheet.name}" is missing`);
    sheets.push(await readSheet(zip, entry, sheet.name, { strings, styles, date1904 }));
  }
  return { sheets };
}

async function scanPart(zip: ZipArchive, entry: ZipEntry, handler: XmlHandler): Promise<void> {
  const scanner = new XmlScanner(handler);
  let decoder: TextDecoder | null = null;
  for await (const chunk of zip.read(entry)) {
    // UTF-8 unless the part starts with a UTF-16 byte order mark.
    decoder ??= new TextDecoder(chunk[0] === 0xff && chunk[1] === 0xfe ? 'utf-16le' : chunk[0] === 0xfe && chunk[1] === 0xff ? 'utf-16be' : 'utf-8');
    scanner.push(decoder.decode(chunk, { stream: true }));
  }
  if (decoder) scanner.push(decoder.decode());
  scanner.end();
}

async function relationships(zip: ZipArchive, path: string): Promise<Map<string, { type: string; target: string }>> {
  const found = new Map<string, { type: string; target: string }>();
  const entry = zip.find(path);
  if (!entry) return found;
  await scanPart(zip, entry, {
    open(name, source, start, end) {
      if (name !== 'Relationship') return;
      const values = xmlAttributes(source.slice(start, end));
      if (values.Id !== undefined && values.Target !== undefined) found.set(values.Id, { type: values.Type ?? '', target: values.Target });
    },
    close() {},
    text() {},
  });
  return found;
}

function resolveTarget(folder: string, target: string): string {
  const path = target.startsWith('/') ? target.slice(1) : posix.join(folder, target);
  return posix.normalize(path).replace(/^(\.\.\/)+/, '');
}

async function readStyles(zip: ZipArchive, entry: ZipEntry): Promise<CellStyle[]> {
  const formats = new Map<number, string>();
  const cellFormats: number[] = [];
  let inCellXfs = false;
  await scanPart(zip, entry, {
    open(name, source, start, end, selfClosing) {
      if (name === 'numFmt') {
        const values = xmlAttributes(source.slice(start, end));
        formats.set(Number(values.numFmtId), values.formatCode ?? '');
      } else if (name === 'cellXfs') {
        inCellXfs = !selfClosing;
      } else if (name === 'xf' && inCellXfs) {
        cellFormats.push(Number(xmlAttributes(source.slice(start, end)).numFmtId ?? 0));
      }
    },
    close(name) {
      if (name === 'cellXfs') inCellXfs = false;
    },
    text() {},
  });
  return cellFormats.map((id) => {
    const code = formats.get(id);
    if (code === undefined) return { date: builtinIsDate(id), percent: id === 9 || id === 10 };
    return { date: formatIsDate(code), percent: code.includes('%') };
  });
}

async function readSharedStrings(zip: ZipArchive, entry: ZipEntry): Promise<string[]> {
  const strings: string[] = [];
  let item: string[] | null = null;
  let inText = false;
  let phonetic = 0;
  await scanPart(zip, entry, {
    open(name, _source, _start, _end, selfClosing) {
      if (name === 'si') item = selfClosing ? (strings.push(''), null) : [];
      else if (name === 'rPh') phonetic += selfClosing ? 0 : 1;
      else if (name === 't' && item && phonetic === 0 && !selfClosing) inText = true;
    },
    close(name) {
      if (name === 't') inText = false;
      else if (name === 'rPh') phonetic = Math.max(0, phonetic - 1);
      else if (name === 'si' && item) {
        strings.push(item.join(''));
        item = null;
      }
    },
    text(source, start, end, decoded) {
      if (inText && item) item.push(decoded ? source.slice(start, end) : decodeXmlText(source.slice(start, end)));
    },
  });
  return strings;
}

/** `AB12` as 0-based row and column; null when it is not a cell reference inside Excel's limits. */
function parseReference(reference: string): { row: number; column: number } | null {
  let column = 0;
  let index = 0;
  const length = reference.length;
  if (reference.charCodeAt(0) === 0x24 /* $ */) index++;
  const lettersStart = index;
  for (; index < length; index++) {
    const code = reference.charCodeAt(index) & ~0x20;
    if (code < 65 || code > 90) break;
    column = column * 26 + (code - 64);
  }
  if (index === lettersStart || index - lettersStart > 3) return null;
  if (reference.charCodeAt(index) === 0x24) index++;
  let row = 0;
  const digitsStart = index;
  for (; index < length; index++) {
    const code = reference.charCodeAt(index);
    if (code < 48 || code > 57) return null;
    row = row * 10 + (code - 48);
  }
  if (index === digitsStart || row < 1 || row > MAX_ROWS || column > MAX_COLUMNS) return null;
  return { row: row - 1, column: column - 1 };
}

function parseRange(reference: string): CellRange | null {
  const [from, to = from] = reference.replaceAll('$', '').split(':');
  const start = parseReference(from ?? '');
  const end = parseReference(to ?? '');
  if (!start || !end) return null;
  return { top: Math.min(start.row, end.row), left: Math.min(start.column, end.column), bottom: Math.max(start.row, end.row), right: Math.max(start.column, end.column) };
}

/**
 * The r, s and t attributes of a `<c>` or `<row>` tag, read in place (the
 * general attribute parser is too slow for millions of cells); other
 * attributes are skipped.
 */
function cellAttributes(source: string, start: number, end: number): { r: string | null; s: string | null; t: string | null } {
  const found: { r: string | null; s: string | null; t: string | null } = { r: null, s: null, t: null };
  let index = start;
  while (index < end) {
    while (index < end && source.charCodeAt(index) <= 0x20) index++;
    const nameStart = index;
    while (index < end && source.charCodeAt(index) !== 0x3d /* = */ && source.charCodeAt(index) > 0x20) index++;
    const nameLength = index - nameStart;
    while (index < end && source.charCodeAt(index) <= 0x20) index++;
    if (index >= end || source.charCodeAt(index) !== 0x3d) break;
    index++;
    while (index < end && source.charCodeAt(index) <= 0x20) index++;
    const quote = source.charCodeAt(index);
    if (quote !== 0x22 && quote !== 0x27) break;
    const valueEnd = source.indexOf(quote === 0x22 ? '"' : "'", index + 1);
    if (valueEnd === -1 || valueEnd > end) break;
    if (nameLength === 1) {
      const name = source.charCodeAt(nameStart);
      if (name === 0x72 /* r */) found.r = source.slice(index + 1, valueEnd);
      else if (name === 0x73 /* s */) found.s = source.slice(index + 1, valueEnd);
      else if (name === 0x74 /* t */) found.t = source.slice(index + 1, valueEnd);
    }
    index = valueEnd + 1;
  }
  return found;
}

/**
 * One sheet's cells as a grid from the first to the last cell that holds a
 * value (empty formatted cells do not widen it), and its merged areas.
 */
async function readSheet(
  zip: ZipArchive,
  entry: ZipEntry,
  sheetName: string,
  book: { strings: string[]; styles: CellStyle[]; date1904: boolean },
): Promise<WorkbookSheet> {
  const rows: GridValue[][] = [];
  const merges: CellRange[] = [];
  let top = Infinity;
  let bottom = -1;
  let left = Infinity;
  let right = -1;
  let rowIndex = -1;
  let columnIndex = -1;
  let inSheetData = false;
  let sawSheetData = false;
  let sheetDataClosed = false;
  // The cell being read.
  let cell: { row: number; column: number; type: string; style: number; reference: string } | null = null;
  let capturing = false;
  let captured = '';
  let value: string | null = null;
  let inline: string[] | null = null;
  let phonetic = 0;
  const where = (reference: string): string => `sheet "${sheetName}", cell ${reference}`;

  // The row being read is gathered in `scratch` and kept as an exact-size copy when the next row starts:
  // arrays grown by push keep spare capacity, which for a million short rows is most of the memory.
  const scratch: GridValue[] = [];
  let scratchRow = -1;
  const keepScratch = (): void => {
    if (scratchRow === -1) return;
    const kept = rows[scratchRow];
    if (kept) {
      // The row came back after another (cells out of order): merged into what was kept.
      for (let column = 0; column < scratch.length; column++) if (scratch[column] !== null) kept[column] = scratch[column]!;
      for (let column = 0; column < kept.length; column++) kept[column] ??= null;
    } else {
      rows[scratchRow] = scratch.slice();
    }
    scratch.length = 0;
    scratchRow = -1;
  };
  const store = (row: number, column: number, stored: GridValue): void => {
    if (row !== scratchRow) {
      keepScratch();
      scratchRow = row;
    }
    while (scratch.length < column) scratch.push(null);
    if (scratch.length === column) scratch.push(stored);
    else scratch[column] = stored;
    if (row < top) top = row;
    if (row > bottom) bottom = row;
    if (column < left) left = column;
    if (column > right) right = column;
  };

  const finishCell = (): void => {
    if (!cell) return;
    const { type, reference } = cell;
    let stored: GridValue = null;
    if (type === 'inlineStr') {
      stored = inline ? inline.join('') : null;
    } else if (value !== null) {
      const text = value;
      switch (type) {
        case 's': {
          const index = Number(text);
          const shared = book.strings[index];
          if (!Number.isInteger(index) || shared === undefined) {
            throw new XlsxError(`${where(reference)} refers to shared string ${text.trim()}, but the workbook has ${book.strings.length}`);
          }
          stored = shared;
          break;
        }
        case 'str':
          stored = decodeXmlText(text);
          break;
        case 'b':
          stored = text.trim() === '1' || text.trim().toLowerCase() === 'true';
          break;
        case 'e':
          stored = null;
          break;
        case 'd':
          stored = isoDateText(decodeXmlText(text));
          break;
        default: {
          if (text.trim() === '') break;
          const number = Number(text);
          if (Number.isNaN(number)) throw new XlsxError(`${where(reference)} holds "${text.slice(0, 40)}" where a number belongs`);
          const style = book.styles[cell.style];
          if (style?.date) stored = serialDateText(number, book.date1904) ?? number;
          else if (style?.percent) stored = `${percentPoints(number)}%`;
          else stored = number;
        }
      }
    }
    if (stored !== null) store(cell.row, cell.column, stored);
    cell = null;
    value = null;
    inline = null;
    capturing = false;
  };

  await scanPart(zip, entry, {
    open(name, source, start, end, selfClosing) {
      if (name === 'c' && inSheetData) {
        const attributes = cellAttributes(source, start, end);
        const reference = attributes.r;
        let position: { row: number; column: number } | null;
        if (reference !== null) {
          position = parseReference(reference);
          if (!position) throw new XlsxError(`sheet "${sheetName}" has a cell with the reference "${reference.slice(0, 20)}", outside a sheet's 1,048,576 rows × 16,384 columns`);
        } else {
          position = { row: Math.max(rowIndex, 0), column: columnIndex + 1 };
        }
        rowIndex = position.row;
        columnIndex = position.column;
        if (selfClosing) return;
        cell = {
          row: position.row,
          column: position.column,
          type: attributes.t ?? 'n',
          style: attributes.s === null ? 0 : Number(attributes.s),
          reference: reference ?? cellAddress(position.row, position.column),
        };
      } else if (name === 'row' && inSheetData) {
        const reference = cellAttributes(source, start, end).r;
        const number = reference === null ? rowIndex + 2 : Number(reference);
        if (!Number.isInteger(number) || number < 1 || number > MAX_ROWS) throw new XlsxError(`sheet "${sheetName}" has a row numbered "${String(reference).slice(0, 20)}"`);
        rowIndex = number - 1;
        columnIndex = -1;
      } else if (name === 'v' && cell && !selfClosing) {
        capturing = true;
        captured = '';
      } else if (name === 'is' && cell && !selfClosing) {
        inline = [];
      } else if (name === 'rPh' && !selfClosing) {
        phonetic += 1;
      } else if (name === 't' && inline && phonetic === 0 && !selfClosing) {
        capturing = true;
        captured = '';
      } else if (name === 'sheetData') {
        inSheetData = !selfClosing;
        sawSheetData = true;
        sheetDataClosed = selfClosing;
      } else if (name === 'mergeCell') {
        const reference = xmlAttributes(source.slice(start, end)).ref ?? '';
        const range = parseRange(reference);
        if (!range) throw new XlsxError(`sheet "${sheetName}" has a merged area "${reference.slice(0, 20)}" that is not a cell range`);
        merges.push(range);
      }
    },
    close(name) {
      if (name === 'v' && capturing) {
        value = captured;
        capturing = false;
      } else if (name === 't' && capturing && inline) {
        inline.push(decodeXmlText(captured));
        capturing = false;
      } else if (name === 'rPh') {
        phonetic = Math.max(0, phonetic - 1);
      } else if (name === 'c') {
        finishCell();
      } else if (name === 'sheetData') {
        inSheetData = false;
        sheetDataClosed = true;
      }
    },
    text(source, start, end, decoded) {
      if (!capturing) return;
      const text = source.slice(start, end);
      // CDATA is kept raw like the rest, so one decoding serves both.
      captured += decoded ? text.replace(/[&<>]/g, (char) => (char === '&' ? '&amp;' : char === '<' ? '&lt;' : '&gt;')) : text;
    },
  });
  keepScratch();
  if (!sawSheetData || !sheetDataClosed) {
    // A read that stops early is an error, never a smaller table.
    throw new XlsxError(`the XML of sheet "${sheetName}" ends before its cells do${bottom >= 0 ? ` (after row ${bottom + 1})` : ''}: the file is incomplete`);
  }
  if (bottom === -1) return { name: sheetName, grid: [], merges: [], origin: { row: 0, column: 0 } };
  const height = bottom - top + 1;
  const width = right - left + 1;
  if (height * width > MAX_SHEET_CELLS) {
    throw new XlsxError(`sheet "${sheetName}" spans ${height} rows × ${width} columns`, 'too-large', { sheet: sheetName, rows: height, columns: width });
  }
  // Each row cut to the columns in use and padded to the same width (a new array only where needed).
  const grid: CellGrid = new Array<GridValue[]>(height);
  for (let row = 0; row < height; row++) {
    const cells = rows[top + row];
    if (!cells) {
      grid[row] = new Array<GridValue>(width).fill(null);
      continue;
    }
    const used = left > 0 ? cells.slice(left) : cells;
    grid[row] = used.length < width ? used.concat(new Array<GridValue>(width - used.length).fill(null)) : used;
  }
  // A merged area whose first cell lies outside the cells present holds no value; the others are cut to the grid.
  const shifted = merges
    .filter((merge) => merge.top >= top && merge.top <= bottom && merge.left >= left && merge.left <= right)
    .map((merge) => ({ top: merge.top - top, left: merge.left - left, bottom: Math.min(merge.bottom, bottom) - top, right: Math.min(merge.right, right) - left }));
  return { name: sheetName, grid, merges: shifted, origin: { row: top, column: left } };
}
