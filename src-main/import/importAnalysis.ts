import type { ImportColumnSpec, ImportPreview, ImportSettings } from '@shared/contract/workbenchContract';
import { bilingual, localizedError } from '@shared/contract/errorTexts';
import { cellText, type CellGrid, type CellRange, type GridValue } from '@shared/domain/import/cellGrid';
import { inferColumnType } from '@shared/domain/import/columnTypes';
import { tableNameFromFile } from '@shared/domain/import/importNames';
import { longLabels } from '@shared/domain/import/indicatorMatch';
import { detectTableLayout, eachDataRow, headerNames, uniqueNames, type TableLayout } from '@shared/domain/import/tableLayout';
import { planUnpivot } from '@shared/domain/import/unpivotPlan';
import type { EngineClient } from '../engine/EngineClient';
import type { ImportSource, ImportSources } from './importSources';
import { sheetPhrase } from './importErrors';
import { publicInfo } from './importSources';

export const PREVIEW_GRID_ROWS = 30;
export const PREVIEW_SAMPLE_ROWS = 20;

/** What a format module needs: the engine (for DuckDB's readers) and the held files (for the work folder). */
export interface FormatContext {
  engine: EngineClient;
  sources: ImportSources;
}

/** A source table read into the main process (workbooks and CSV samples), with where each row came from. */
export interface Sheetlike {
  sheet: string | null;
  grid: CellGrid;
  merges: CellRange[];
  origin: { row: number; column: number };
}

export interface Analysis {
  preview: ImportPreview;
  layout: TableLayout | null;
  sheet: Sheetlike | null;
  /** Source column names for formats DuckDB reads directly (Parquet, JSON). */
  sourceTypes: string[];
  /** A text file whose sample shows a line longer than DuckDB's default 2 MB buffer handles well. */
  longLines?: boolean;
}

/** Layout, names, types and the unpivot plan of a grid (a sheet or a CSV sample). */
export function tabulate(source: ImportSource, sheet: Sheetlike, settings: ImportSettings, resolved: ImportPreview['settings']): Analysis {
  const detected = detectTableLayout(sheet.grid, sheet.merges);
  if (!detected) throw localizedError('import-empty-sheet', { file: source.fileName, where: sheetPhrase(sheet.sheet) });
  let layout: TableLayout = settings.layout
    ? {
        ...detected,
        headerTop: settings.layout.headerTop,
        headerRows: settings.layout.headerRows,
        dataTop: settings.layout.headerTop + settings.layout.headerRows,
        dataBottom: settings.layout.dataBottom ?? detected.dataBottom,
        left: settings.layout.left ?? detected.left,
        right: settings.layout.right ?? detected.right,
      }
    : detected;
  if (resolved.format === 'csv' && settings.layout?.right === undefined) {
    // A text table is as wide as most of its rows: a ragged row must not add a column (DuckDB then reports that row's line).
    const width = usualWidth(sheet.grid.slice(layout.headerTop, layout.dataBottom + 1), 0);
    if (width - 1 >= layout.left && width - 1 < layout.right) layout = { ...layout, right: width - 1 };
  }
  // Only the header rows are filled from merged areas: the rows below are never copied for the names.
  const { names, cleanedColumns } = cleanHeaderNames(headerNames(sheet.grid.slice(0, layout.headerTop + layout.headerRows), sheet.merges, layout));
  // The sheet's own rows (no copy of a million of them); `at` reads a table column from one.
  const rows: (readonly GridValue[])[] = [];
  eachDataRow(sheet.grid, sheet.merges, layout, (values) => rows.push(values));
  const at = (row: readonly GridValue[], index: number): GridValue => row[layout.left + index] ?? null;
  const columns: ImportColumnSpec[] = names.map((name, index) => {
    const inferred = inferColumnType(rows.map((row) => at(row, index)));
    return { name, sourceIndex: index, sourceName: name, type: inferred.type, include: true, cleaned: inferred.cleaned, percent: inferred.percent };
  });
  const sampleRows = rows.slice(0, PREVIEW_SAMPLE_ROWS).map((row) => columns.map((column) => cellText(at(row, column.sourceIndex))));
  const unpivot = planUnpivot(
    columns.map((column) => ({ name: column.name, type: column.type })),
    layout.unit,
  );
  const plan = unpivot && unpivot.indicatorColumn !== null ? unpivot : null;
  const preview: ImportPreview = {
    source: publicInfo(source),
    settings: resolved,
    encodingReason: null,
    sheets: [],
    relations: [],
    grid: sheet.grid.slice(0, PREVIEW_GRID_ROWS).map((row) => row.map((value) => cellText(value))),
    gridRowsTotal: sheet.grid.length,
    layout,
    columns,
    sampleRows,
    rowCount: rows.length,
    rowCountExact: true,
    unpivot: plan,
    indicatorLabels: plan ? longLabels(rows.map((row) => row.slice(layout.left, layout.right + 1)), plan, (value) => cellText(value as GridValue)) : [],
    decodeIssues: null,
    warnings: [],
    suggestedTable: tableNameFromFile(source.fileName, sheet.sheet),
  };
  if (cleanedColumns.length > 0) {
    const list = cleanedColumns.map((index) => names[index]).join(', ');
    preview.warnings.push(
      bilingual(
        `The header of column(s) ${list} held control characters (such as NUL), which were removed from the column names.`,
        `列 ${list} 的表头含有控制字符（如 NUL），已从列名中去掉。`,
      ),
    );
  }
  return { preview, layout, sheet, sourceTypes: [] };
}

/** Control characters (NUL, escape…) cannot be in a DuckDB column name: line breaks and tabs become spaces, the rest are removed. */
const HEADER_SPACES = /[\t\n\r]+/g;
// eslint-disable-next-line no-control-regex
const HEADER_CONTROLS = /[\u0000-\u001f\u007f]/g;

function cleanHeaderNames(names: string[]): { names: string[]; cleanedColumns: number[] } {
  const cleanedColumns: number[] = [];
  const cleaned = names.map((name, index) => {
    const clean = name.replace(HEADER_SPACES, ' ').replace(HEADER_CONTROLS, '').trim();
    if (clean === name) return name;
    cleanedColumns.push(index);
    return clean || `列${index + 1}`;
  });
  return { names: cleanedColumns.length > 0 ? uniqueNames(cleaned) : names, cleanedColumns };
}

/** The usual field count of a text table's rows (a trailing delimiter adds an empty field); DuckDB's reader expects it on every row. */
export function tableWidth(grid: CellGrid, layout: TableLayout): number {
  return usualWidth(grid.slice(layout.headerTop, layout.dataBottom + 1), layout.right + 1);
}

export function usualWidth(rows: readonly unknown[][], minimum: number): number {
  const counts = new Map<number, number>();
  for (const row of rows) counts.set(row.length, (counts.get(row.length) ?? 0) + 1);
  let best = minimum;
  let bestCount = -1;
  for (const [width, count] of counts) {
    if (count > bestCount || (count === bestCount && width < best)) {
      best = width;
      bestCount = count;
    }
  }
  return Math.max(best, minimum);
}
