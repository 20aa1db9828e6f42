import { cellText, fillMerged, isBlank, type CellGrid, type CellRange, type GridValue } from './cellGrid';
import { parseNumberText } from './numberText';
import { parseYearLabel } from './unpivotPlan';
import { unitFromText } from '../unitText';

/**
 * Where the table sits in a sheet: title, unit and footnote rows around it,
 * one to three header rows, the data rows and the used columns. All indexes
 * are 0-based and inclusive.
 */
export interface TableLayout {
  headerTop: number;
  /** 0 when the sheet has no header row (names are generated). */
  headerRows: number;
  dataTop: number;
  dataBottom: number;
  left: number;
  right: number;
  /** Rows above the header, as text (titles, the unit line). */
  titles: string[];
  /** The unit line's unit (`单位：亿元` → `亿元`), if any. */
  unit: string | null;
  /** Rows below the data, as text (notes, sources). */
  notes: string[];
}

const NOTE_START = /^\s*(注|说明|备注|附注|资料来源|数据来源|来源|填表|制表|审核|负责人|统计负责人|填报|Notes?\b|Sources?\b|\*|※)/i;
const MAX_HEADER_ROWS = 3;

function rowValues(grid: CellGrid, row: number): GridValue[] {
  return grid[row] ?? [];
}

function nonBlankColumns(values: readonly GridValue[]): number[] {
  const columns: number[] = [];
  values.forEach((value, column) => {
    if (!isBlank(value)) columns.push(column);
  });
  return columns;
}

function rowText(values: readonly GridValue[]): string {
  return values.filter((value) => !isBlank(value)).map(cellText).join(' ').trim();
}

/** A number that is not a year label: evidence of a data row. */
function isDataNumber(value: GridValue): boolean {
  if (typeof value === 'number') return !(Number.isInteger(value) && value >= 1900 && value <= 2100);
  if (typeof value !== 'string' || isBlank(value)) return false;
  if (parseYearLabel(value)) return false;
  return parseNumberText(value).kind === 'number';
}

function isNoteRow(values: readonly GridValue[]): boolean {
  const columns = nonBlankColumns(values);
  if (columns.length === 0) return false;
  const first = cellText(values[columns[0]!]);
  if (NOTE_START.test(first)) return true;
  return columns.length === 1 && typeof values[columns[0]!] === 'string' && first.trim().length >= 20;
}

/**
 * How many rows at the bottom of `rows` are footnotes (注：…, 资料来源：…)
 * in one cell, or blank; counted only when at least one is a footnote and at least one
 * row above them is not: the rows a text table's reader must stop before.
 */
export function trailingNoteRows(rows: readonly (readonly GridValue[])[]): number {
  let count = 0;
  let notes = 0;
  for (let index = rows.length - 1; index >= 0; index--) {
    const row = rows[index]!;
    const blank = row.every((value) => isBlank(value));
    // One filled cell only: a last data row such as `*ST某某,12,34` is data, not a note.
    if (!blank && (!isNoteRow(row) || nonBlankColumns(row).length > 1)) break;
    if (!blank) notes += 1;
    count += 1;
  }
  return notes > 0 && count < rows.length ? count : 0;
}

/**
 * Finds the table in a sheet: skips title and unit rows (rows with a single
 * value above the first wide row), takes header rows while merged or
 * partly blank header cells continue downwards, and drops empty and
 * footnote rows at the bottom.
 */
export function detectTableLayout(grid: CellGrid, merges: readonly CellRange[] = []): TableLayout | null {
  const rowCount = grid.length;
  if (rowCount === 0) return null;
  const filled = fillMerged(grid, merges);
  const counts = grid.map((values) => nonBlankColumns(values).length);
  const filledCounts = filled.map((values) => nonBlankColumns(values).length);
  // A loop, not Math.max(...counts): a million rows would overflow the call stack.
  const maxWidth = filledCounts.reduce((widest, count) => (count > widest ? count : widest), 0);
  if (maxWidth === 0) return null;

  // Header: the first row with at least two values (counting merged areas) and not a lone title.
  const threshold = maxWidth <= 2 ? Math.min(2, maxWidth) : Math.max(2, Math.ceil(maxWidth * 0.5));
  let headerTop = -1;
  for (let row = 0; row < rowCount; row++) {
    if (counts[row]! >= 2 && filledCounts[row]! >= threshold) {
      headerTop = row;
      break;
    }
  }
  if (headerTop === -1) headerTop = counts.findIndex((count) => count > 0);
  const titles: string[] = [];
  let unit: string | null = null;
  for (let row = 0; row < headerTop; row++) {
    const text = rowText(rowValues(grid, row));
    if (!text) continue;
    titles.push(text);
    unit ??= unitFromText(text, true);
  }

  // Bottom: drop trailing blank and footnote rows.
  let dataBottom = rowCount - 1;
  const notes: string[] = [];
  while (dataBottom > headerTop && (counts[dataBottom] === 0 || isNoteRow(rowValues(grid, dataBottom)))) {
    const text = rowText(rowValues(grid, dataBottom));
    if (text) notes.unshift(text);
    dataBottom -= 1;
  }

  // Is the first wide row a header at all? Mostly numbers means data.
  const firstValues = rowValues(filled, headerTop);
  const firstColumns = nonBlankColumns(firstValues);
  const numeric = firstColumns.filter((column) => isDataNumber(firstValues[column]!)).length;
  let headerRows = numeric >= 2 && numeric >= firstColumns.length / 2 ? 0 : 1;

  if (headerRows === 1) {
    while (headerRows < MAX_HEADER_ROWS && headerTop + headerRows < dataBottom) {
      const next = headerTop + headerRows;
      const values = rowValues(grid, next);
      const columns = nonBlankColumns(values);
      if (columns.length === 0) break;
      if (columns.some((column) => isDataNumber(values[column]!))) break;
      const mergedInto = merges.some(
        (merge) =>
          merge.top >= headerTop &&
          merge.top < next &&
          (merge.bottom >= next || (merge.right > merge.left && columns.some((column) => column >= merge.left && column <= merge.right))),
      );
      const above = rowValues(grid, next - 1);
      const underBlank = columns.some((column) => isBlank(above[column]) && !coveredByMerge(merges, next - 1, column));
      if (!mergedInto && !underBlank) break;
      headerRows += 1;
    }
  }

  const dataTop = headerTop + headerRows;
  let left = Number.POSITIVE_INFINITY;
  let right = -1;
  for (let row = headerTop; row <= dataBottom; row++) {
    const columns = nonBlankColumns(rowValues(filled, row));
    if (columns.length === 0) continue;
    left = Math.min(left, columns[0]!);
    right = Math.max(right, columns[columns.length - 1]!);
  }
  if (right === -1) return null;
  return { headerTop, headerRows, dataTop, dataBottom: Math.max(dataBottom, dataTop - 1), left, right, titles, unit, notes };
}

function coveredByMerge(merges: readonly CellRange[], row: number, column: number): boolean {
  return merges.some((merge) => row >= merge.top && row <= merge.bottom && column >= merge.left && column <= merge.right);
}

/** Joins the lines of a header cell: no space between Chinese, one between Latin words. */
function joinLines(text: string): string {
  return text
    .split(/\s*[\r\n]+\s*/)
    .reduce((joined, part) => {
      if (!joined) return part;
      const latin = /[A-Za-z0-9]$/.test(joined) && /^[A-Za-z0-9]/.test(part);
      return joined + (latin ? ' ' : '') + part;
    }, '')
    .trim();
}

/**
 * Column names from the header rows, merged cells filled: the parts of a
 * column from top to bottom joined by `_` (`2023年_金额`), blanks named
 * `列N`, duplicates numbered.
 */
export function headerNames(grid: CellGrid, merges: readonly CellRange[], layout: TableLayout, blankName = (index: number) => `列${index}`): string[] {
  const filled = fillMerged(grid, merges);
  const names: string[] = [];
  for (let column = layout.left; column <= layout.right; column++) {
    const parts: string[] = [];
    for (let row = layout.headerTop; row < layout.headerTop + layout.headerRows; row++) {
      const text = joinLines(cellText(filled[row]?.[column]));
      if (text && parts[parts.length - 1] !== text) parts.push(text);
    }
    names.push(parts.join('_') || blankName(column - layout.left + 1));
  }
  return uniqueNames(names);
}

/** Makes names unique, case-insensitively as DuckDB compares them: `名称`, `名称_2`. */
export function uniqueNames(names: readonly string[]): string[] {
  const seen = new Set<string>();
  return names.map((name) => {
    let candidate = name;
    for (let suffix = 2; seen.has(candidate.toLowerCase()); suffix++) candidate = `${name}_${suffix}`;
    seen.add(candidate.toLowerCase());
    return candidate;
  });
}

/** The data rows of a table, with the sheet row each came from (0-based). */
export interface TableRows {
  rows: GridValue[][];
  sourceRows: number[];
}

/**
 * Visits the data rows of the table in order, skipping blank ones: `values`
 * is the sheet row (read it from `layout.left`; do not change it) and
 * `sourceRow` where it came from. A merged area in the data is filled down
 * its first column only (a category label spanning rows), never across into
 * value columns. Nothing is copied but the rows a merged area fills.
 */
export function eachDataRow(grid: CellGrid, merges: readonly CellRange[], layout: TableLayout, visit: (values: readonly GridValue[], sourceRow: number) => void): void {
  const filledDown = new Map<number, GridValue[]>();
  const dataMerges = merges.filter((merge) => merge.bottom >= layout.dataTop && merge.top <= layout.dataBottom && merge.bottom > merge.top);
  for (const merge of dataMerges) {
    const value = grid[merge.top]?.[merge.left] ?? null;
    for (let row = Math.max(merge.top + 1, layout.dataTop); row <= merge.bottom; row++) {
      const copy = (filledDown.get(row) ?? grid[row] ?? []).slice();
      copy[merge.left] = value;
      filledDown.set(row, copy);
    }
  }
  for (let row = layout.dataTop; row <= layout.dataBottom; row++) {
    const values = filledDown.get(row) ?? grid[row] ?? [];
    // Blank rows inside the table are spacing, not records.
    let any = false;
    for (let column = layout.left; column <= layout.right && !any; column++) if (!isBlank(values[column] ?? null)) any = true;
    if (any) visit(values, row);
  }
}

/** The data cells of the table (see eachDataRow), each row exactly as wide as the table. */
export function dataRows(grid: CellGrid, merges: readonly CellRange[], layout: TableLayout): TableRows {
  const rows: GridValue[][] = [];
  const sourceRows: number[] = [];
  const width = layout.right - layout.left + 1;
  eachDataRow(grid, merges, layout, (values, row) => {
    // Sized once: arrays grown by push keep spare room, which for a million rows is most of their memory.
    const out = new Array<GridValue>(width);
    for (let column = 0; column < width; column++) out[column] = values[layout.left + column] ?? null;
    rows.push(out);
    sourceRows.push(row);
  });
  return { rows, sourceRows };
}
