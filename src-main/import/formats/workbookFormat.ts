import { randomBytes } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ImportColumnSpec, ImportSettings } from '@shared/contract/workbenchContract';
import { localizedError } from '@shared/contract/errorTexts';
import { cellAddress, cellText, rangeAddress, type GridValue } from '@shared/domain/import/cellGrid';
import { convertCell } from '@shared/domain/import/columnTypes';
import { dataRows } from '@shared/domain/import/tableLayout';
import { quoteIdentifier, quoteLiteral } from '@shared/domain/sqlIdentifier';
import { tabulate, type Analysis, type FormatContext } from '../importAnalysis';
import type { ImportSource } from '../importSources';
import { readWorkbook, type Workbook, type WorkbookSheet } from '../workbookReader';

/**
 * Workbooks (.xlsx, .xls, .et): read into cell grids (the last one read is
 * kept for the next preview or the run), cleaned cell by cell, and loaded
 * from a staging NDJSON file by DuckDB's JSON reader.
 */
export class WorkbookFormat {
  private readonly workbooks = new Map<string, Workbook>();

  constructor(private readonly context: FormatContext) {}

  forget(sourceId: string): void {
    this.workbooks.delete(sourceId);
  }

  private async load(source: ImportSource): Promise<Workbook> {
    const cached = this.workbooks.get(source.sourceId);
    if (cached) return cached;
    const book = await readWorkbook(source.path, source.fileName);
    this.workbooks.clear();
    this.workbooks.set(source.sourceId, book);
    return book;
  }

  async analyse(source: ImportSource, settings: ImportSettings, format: 'xlsx' | 'xls'): Promise<Analysis> {
    const book = await this.load(source);
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


  /** Workbooks: cells converted here (errors name the cell), written as NDJSON for DuckDB's JSON reader. */
  async stage(source: ImportSource, analysis: Analysis, columns: ImportColumnSpec[], cleanup: string[]): Promise<{ select: string; range: string }> {
    const sheet = analysis.sheet!;
    const layout = analysis.layout!;
    const { rows, sourceRows } = dataRows(sheet.grid, sheet.merges, layout);
    const included = columns.filter((column) => column.include);
    const lines: string[] = [];
    for (let rowIndex = 0; rowIndex < rows.length; rowIndex++) {
      const row = rows[rowIndex]!;
      const record: Record<string, GridValue> = {};
      for (const column of included) {
        const value = row[column.sourceIndex] ?? null;
        const converted = convertCell(value, column.type);
        if (!converted.ok) {
          const address = cellAddress(sheet.origin.row + sourceRows[rowIndex]!, sheet.origin.column + layout.left + column.sourceIndex);
          throw localizedError('import-cell', {
            file: source.fileName,
            sheet: sheet.sheet ?? '',
            cell: address,
            row: sheet.origin.row + sourceRows[rowIndex]! + 1,
            column: column.name,
            reason: converted.reason,
            type: column.type,
          });
        }
        record[`c${column.sourceIndex}`] = converted.value;
      }
      lines.push(JSON.stringify(record));
    }
    const path = join(await this.context.sources.workDirectory(), `staged_${randomBytes(6).toString('hex')}.ndjson`);
    cleanup.push(path);
    await writeFile(path, lines.join('\n') + '\n');
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
    if (rows.length === 0) {
      const empty = included.map((column) => `CAST(NULL AS ${column.type}) AS ${quoteIdentifier(column.name)}`);
      return { select: `SELECT ${empty.join(', ')} WHERE false`, range };
    }
    return { select: `SELECT ${select.join(', ')} FROM ${reader}`, range };
  }
}
