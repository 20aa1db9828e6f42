import { open, readFile } from 'node:fs/promises';
import * as XLSX from '@e965/xlsx';
import type { CellGrid, CellRange, GridValue } from '@shared/domain/import/cellGrid';
import { percentPoints } from '@shared/domain/import/numberText';
import { localizedError } from '@shared/contract/errorTexts';
import { WorkbenchError } from '@shared/contract/WorkbenchError';
import { MAX_SHEET_CELLS, readXlsx, XlsxError } from './xlsx/xlsxReader';

export interface WorkbookSheet {
  name: string;
  grid: CellGrid;
  merges: CellRange[];
  /** Sheet row/column of grid[0][0] (the used range may not start at A1). */
  origin: { row: number; column: number };
}

export interface Workbook {
  sheets: WorkbookSheet[];
}

/** "EncryptedPackage" as UTF-16LE: the stream name of an encrypted OOXML file inside its CFB container. */
const ENCRYPTED_PACKAGE = Buffer.from('EncryptedPackage', 'utf16le');

function pad(value: number): string {
  return String(value).padStart(2, '0');
}

function dateText(date: Date): string {
  const day = `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
  const hasTime = date.getHours() !== 0 || date.getMinutes() !== 0 || date.getSeconds() !== 0;
  return hasTime ? `${day} ${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}` : day;
}

function cellValue(cell: XLSX.CellObject | undefined): GridValue {
  if (!cell) return null;
  switch (cell.t) {
    case 'n': {
      const value = cell.v as number;
      // A number shown with a percent format (0.064 shown as 6.40%) is imported in percentage points.
      return typeof cell.z === 'string' && cell.z.includes('%') ? `${percentPoints(value)}%` : value;
    }
    case 's':
      return typeof cell.v === 'string' ? cell.v : String(cell.v ?? '');
    case 'b':
      return Boolean(cell.v);
    case 'd':
      return cell.v instanceof Date ? dateText(cell.v) : String(cell.v);
    case 'e':
    case 'z':
    default:
      return null;
  }
}

/**
 * Reads every sheet of a workbook into cell grids with their merged areas:
 * .xlsx/.xlsm as a stream (xlsx/xlsxReader), .xls/.et and other workbooks
 * with SheetJS. Password-protected and damaged files get a user error
 * naming the file (and the sheet and cell where known).
 */
export async function readWorkbook(path: string, fileName: string, options: { onlySheet?: string } = {}): Promise<Workbook> {
  const head = await readHead(path);
  if (head.length === 0) throw localizedError('import-empty', { file: fileName });
  if (head.subarray(0, 4).equals(ZIP_MAGIC)) {
    let book: Workbook | null;
    try {
      book = await readXlsx(path, options);
    } catch (error) {
      throw workbookError(error, fileName);
    }
    if (book) return book;
  }
  return readWithSheetJs(path, fileName, options);
}

const ZIP_MAGIC = Buffer.from([0x50, 0x4b, 0x03, 0x04]);

async function readHead(path: string): Promise<Buffer> {
  const handle = await open(path, 'r');
  try {
    const buffer = Buffer.alloc(8);
    const { bytesRead } = await handle.read(buffer, 0, 8, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

/** The streaming reader's failures as user errors naming the file (its own errors carry the sheet and cell). */
function workbookError(error: unknown, fileName: string): WorkbenchError {
  if (error instanceof WorkbenchError) return error;
  if (error instanceof XlsxError && error.kind === 'too-large') {
    return localizedError('import-sheet-too-large', { file: fileName, sheet: error.facts.sheet ?? '', rows: error.facts.rows ?? 0, columns: error.facts.columns ?? 0, max: MAX_SHEET_CELLS });
  }
  const detail = error instanceof Error ? error.message : String(error);
  return localizedError('import-damaged-workbook', { file: fileName, detail }, error instanceof Error && !(error instanceof XlsxError) ? error.stack : detail);
}

async function readWithSheetJs(path: string, fileName: string, options: { onlySheet?: string }): Promise<Workbook> {
  const bytes = await readFile(path);
  if (bytes.subarray(0, 8).equals(Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])) && bytes.includes(ENCRYPTED_PACKAGE)) {
    throw localizedError('import-encrypted', { file: fileName });
  }
  let book: XLSX.WorkBook;
  try {
    book = XLSX.read(bytes, {
      type: 'buffer',
      cellDates: true,
      // Dense sheets and no formatted text: three times faster on big sheets; cellNF keeps the number format (percent).
      dense: true,
      cellText: false,
      cellHTML: false,
      cellNF: true,
      cellStyles: false,
      ...(options.onlySheet ? { sheets: options.onlySheet } : {}),
    });
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    if (/password|encrypt/i.test(detail)) {
      throw localizedError('import-encrypted', { file: fileName }, detail);
    }
    throw localizedError('import-damaged-workbook', { file: fileName, detail }, detail);
  }
  const sheets: WorkbookSheet[] = [];
  for (const name of book.SheetNames) {
    if (options.onlySheet && name !== options.onlySheet) continue;
    const sheet = book.Sheets[name];
    if (!sheet) continue;
    sheets.push(sheetGrid(name, sheet));
  }
  return { sheets };
}

function sheetGrid(name: string, sheet: XLSX.WorkSheet): WorkbookSheet {
  const ref = sheet['!ref'];
  if (!ref) return { name, grid: [], merges: [], origin: { row: 0, column: 0 } };
  const range = XLSX.utils.decode_range(ref);
  const dense = (sheet as { '!data'?: (XLSX.CellObject | undefined)[][] })['!data'] ?? [];
  const grid: CellGrid = [];
  for (let row = range.s.r; row <= range.e.r; row++) {
    const cells = dense[row];
    const values: GridValue[] = [];
    for (let column = range.s.c; column <= range.e.c; column++) values.push(cellValue(cells?.[column]));
    grid.push(values);
  }
  const merges: CellRange[] = (sheet['!merges'] ?? []).map((merge) => ({
    top: merge.s.r - range.s.r,
    left: merge.s.c - range.s.c,
    bottom: merge.e.r - range.s.r,
    right: merge.e.c - range.s.c,
  }));
  return { name, grid, merges, origin: { row: range.s.r, column: range.s.c } };
}
