import { closeSync, openSync, writeSync } from 'node:fs';
import type { ImportColumnSpec, ImportPreview, ImportSettings } from '@shared/contract/workbenchContract';
import { localizedError } from '@shared/contract/errorTexts';
import { cellAddress, cellText, rangeAddress, type GridValue } from '@shared/domain/import/cellGrid';
import { convertCell } from '@shared/domain/import/columnTypes';
import { eachDataRow, type TableLayout } from '@shared/domain/import/tableLayout';
import { quoteIdentifier, quoteLiteral } from '@shared/domain/sqlIdentifier';
import { tabulate, type Analysis } from './importAnalysis';
import type { ImportSource } from './importSources';
import type { Workbook, WorkbookSheet } from './workbookReader';

/**
 * The workbook side of an import, run on the workbook thread next to the
 * cells (see workbookWorker): the sheet chosen and tabulated for the
 * preview, then its cells converted and staged as NDJSON for DuckDB.
 */

/** The preview of a workbook: its sheets, and the chosen one (or the first with data) as a table. */
export function analyseWorkbook(book: Workbook, source: ImportSource, settings: ImportSettings, format: 'xlsx' | 'xls'): Analysis {
  const sheets = book.sheets.map((sheet) => ({
    name: sheet.name,
    rows: sheet.grid.length,
    columns: sheet.grid[0]?.length ?? 0,
    hasData: sheet.grid.some((row) => row.some((value) => cellText(value).trim() !== '')),
  }));
  let chosen: WorkbookSheet | undefined;
  if (settings.sheet !== undefined) {
    chosen = book.sheets.find((sheet) => sheet.name === settings.sheet);
    if (!chosen) {
      throw localizedError('import-no-sheet', { file: source.fileName, sheet: settings.sheet, sheets: book.sheets.map((sheet) => sheet.name).join(', ') });
    }
  } else {
    chosen = book.sheets.find((_, index) => sheets[index]!.hasData);
    if (!chosen) throw localizedError('import-empty-workbook', { file: source.fileName });
  }
  const analysis = tabulate(source, { sheet: chosen.name, grid: chosen.grid, merges: chosen.merges, origin: chosen.origin }, settings, {
    format,
    encoding: null,
    delimiter: null,
    sheet: chosen.name,
    relation: null,
  });
  analysis.preview.sheets = sheets;
  return analysis;
}

/** Bytes of NDJSON gathered before each write to the staging file. */
const WRITE_BATCH = 4 * 1024 * 1024;

/**
 * The chosen sheet's data cells converted to the column types (an error
 * names the cell) and written to `path` as NDJSON; returns DuckDB's reader
 * over it and the sheet range read.
 */
export function stageWorkbook(
  book: Workbook,
  source: ImportSource,
  analysis: { preview: ImportPreview; layout: TableLayout },
  columns: ImportColumnSpec[],
  path: string,
): { select: string; range: string; rowCount: number } {
  const sheetName = analysis.preview.settings.sheet;
  const sheet = book.sheets.find((candidate) => candidate.name === sheetName);
  if (!sheet) throw localizedError('import-no-sheet', { file: source.fileName, sheet: sheetName ?? '', sheets: book.sheets.map((candidate) => candidate.name).join(', ') });
  const layout = analysis.layout;
  const included = columns.filter((column) => column.include);
  const keys = included.map((column) => JSON.stringify(`c${column.sourceIndex}`));
  let rowCount = 0;
  const file = openSync(path, 'w', 0o600);
  // Lines go into one reused buffer: text gathered in a string until a write would live long enough to be
  // promoted, and a million rows of it would grow the old generation for nothing.
  const buffer = Buffer.allocUnsafe(WRITE_BATCH);
  let used = 0;
  const put = (text: string): void => {
    if (used + text.length * 3 > buffer.length) {
      writeSync(file, buffer, 0, used);
      used = 0;
      if (text.length * 3 > buffer.length) {
        writeSync(file, text);
        return;
      }
    }
    used += buffer.write(text, used);
  };
  try {
    // The sheet's own rows, read in place: staging copies nothing but the NDJSON text.
    eachDataRow(sheet.grid, sheet.merges, layout, (values, sourceRow) => {
      rowCount += 1;
      let line = '{';
      for (let index = 0; index < included.length; index++) {
        const column = included[index]!;
        const value: GridValue = values[layout.left + column.sourceIndex] ?? null;
        const separator = index === 0 ? '' : ',';
        // The common cells need no conversion: a number in a DOUBLE column, text in a VARCHAR one.
        if (typeof value === 'number' && column.type === 'DOUBLE' && Number.isFinite(value)) {
          line += `${separator}${keys[index]!}:${value}`;
          continue;
        }
        if (typeof value === 'string' && column.type === 'VARCHAR' && value.trim() !== '') {
          line += `${separator}${keys[index]!}:${JSON.stringify(value)}`;
          continue;
        }
        const converted = convertCell(value, column.type);
        if (!converted.ok) {
          throw localizedError('import-cell', {
            file: source.fileName,
            sheet: sheet.name,
            cell: cellAddress(sheet.origin.row + sourceRow, sheet.origin.column + layout.left + column.sourceIndex),
            row: sheet.origin.row + sourceRow + 1,
            column: column.name,
            reason: converted.reason,
            type: column.type,
          });
        }
        line += `${separator}${keys[index]!}:${jsonValue(converted.value)}`;
      }
      put(`${line}}\n`);
    });
    if (used > 0) writeSync(file, buffer, 0, used);
  } finally {
    closeSync(file);
  }
  const jsonColumns = included.map((column) => `${quoteLiteral(`c${column.sourceIndex}`)}: ${quoteLiteral(column.type)}`);
  const select = included.map((column) => `${quoteIdentifier(`c${column.sourceIndex}`)} AS ${quoteIdentifier(column.name)}`);
  const reader =
    included.length === 0
      ? '(SELECT 1)'
      : `read_json(${quoteLiteral(path)}, format = 'newline_delimited', columns = {${jsonColumns.join(', ')}}, maximum_object_size = 268435456)`;
  const range = rangeAddress({
    top: sheet.origin.row + layout.headerTop,
    left: sheet.origin.column + layout.left,
    bottom: sheet.origin.row + layout.dataBottom,
    right: sheet.origin.column + layout.right,
  });
  if (rowCount === 0) {
    const empty = included.map((column) => `CAST(NULL AS ${column.type}) AS ${quoteIdentifier(column.name)}`);
    return { select: `SELECT ${empty.join(', ')} WHERE false`, range, rowCount: 0 };
  }
  return { select: `SELECT ${select.join(', ')} FROM ${reader}`, range, rowCount };
}

/** A cell value as JSON (as JSON.stringify writes it, without its general path for the common number). */
function jsonValue(value: string | number | boolean | null): string {
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : 'null';
  if (value === null) return 'null';
  return typeof value === 'string' ? JSON.stringify(value) : value ? 'true' : 'false';
}
