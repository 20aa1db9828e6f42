/**
 * A sheet as a rectangle of cell values, the common form of every
 * spreadsheet-like source (an Excel sheet, a parsed CSV sample). Dates come
 * as ISO text; numbers shown with a percent format come as text such as
 * `6.4%` so they read like typed ones.
 */
export type GridValue = string | number | boolean | null;
export type CellGrid = GridValue[][];

/** A merged area, inclusive, 0-based. */
export interface CellRange {
  top: number;
  left: number;
  bottom: number;
  right: number;
}

export function isBlank(value: GridValue | undefined): boolean {
  return value === null || value === undefined || (typeof value === 'string' && value.trim() === '');
}

/** Spreadsheet column letters: 0 → A, 26 → AA. */
export function columnLetters(index: number): string {
  let letters = '';
  let rest = index + 1;
  while (rest > 0) {
    const digit = (rest - 1) % 26;
    letters = String.fromCharCode(65 + digit) + letters;
    rest = Math.floor((rest - 1) / 26);
  }
  return letters;
}

/** `B7` for row 6, column 1 (0-based). */
export function cellAddress(row: number, column: number): string {
  return `${columnLetters(column)}${row + 1}`;
}

/** `A3:F20`. */
export function rangeAddress(range: CellRange): string {
  return `${cellAddress(range.top, range.left)}:${cellAddress(range.bottom, range.right)}`;
}

/**
 * Copies each merged area's top-left value into the cells it covers ("unmerge
 * and fill"). Only rows a merged area touches are copied; the others are the
 * grid's own rows, so the result must be read, not changed.
 */
export function fillMerged(grid: CellGrid, merges: readonly CellRange[]): CellGrid {
  const filled = grid.slice();
  const copied = new Set<number>();
  for (const merge of merges) {
    const value = grid[merge.top]?.[merge.left] ?? null;
    for (let row = merge.top; row <= merge.bottom; row++) {
      if (!copied.has(row)) {
        copied.add(row);
        filled[row] = (grid[row] ?? []).slice();
      }
      const target = filled[row]!;
      for (let column = merge.left; column <= merge.right; column++) {
        if (row !== merge.top || column !== merge.left) target[column] = value;
      }
    }
  }
  return filled;
}

/** Cell text for display and names: numbers without exponent noise, booleans as TRUE/FALSE. */
export function cellText(value: GridValue | undefined): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (typeof value === 'number') return String(value);
  return value;
}
