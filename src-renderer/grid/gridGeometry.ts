/**
 * Vertical geometry of the virtual grid. Browsers cap an element's height
 * (about 33 million px in Chromium, less elsewhere), and 10 million rows of
 * 26 px would be 260 million. Up to `maxScrollHeight` the scroll position maps
 * to rows one to one; beyond it, the scroll range is scaled so the scrollbar
 * still spans every row.
 */
export interface GridGeometry {
  /** Height of the scrollable body. */
  scrollHeight: number;
  /** First row to draw. */
  firstRow: number;
  /** Where the first drawn row sits, relative to the top of the scrollable body. */
  bodyTop: number;
  /** Rows to draw to fill the viewport (plus one partial row). */
  visibleRows: number;
}

export const MAX_SCROLL_HEIGHT = 8_000_000;

export function gridGeometry(
  totalRows: number,
  rowHeight: number,
  viewportHeight: number,
  scrollTop: number,
  maxScrollHeight = MAX_SCROLL_HEIGHT,
): GridGeometry {
  const visibleRows = Math.max(1, Math.ceil(viewportHeight / rowHeight) + 1);
  const naturalHeight = totalRows * rowHeight;
  if (naturalHeight <= maxScrollHeight) {
    const firstRow = Math.max(0, Math.min(Math.floor(scrollTop / rowHeight), Math.max(0, totalRows - 1)));
    return { scrollHeight: naturalHeight, firstRow, bodyTop: firstRow * rowHeight, visibleRows };
  }
  const scrollRange = Math.max(1, maxScrollHeight - viewportHeight);
  const rowRange = Math.max(0, totalRows - Math.floor(viewportHeight / rowHeight));
  const fraction = Math.min(1, Math.max(0, scrollTop / scrollRange));
  const firstRow = Math.min(totalRows - 1, Math.round(fraction * rowRange));
  return { scrollHeight: maxScrollHeight, firstRow, bodyTop: Math.min(scrollTop, maxScrollHeight - viewportHeight), visibleRows };
}

/** The scroll position that shows `row` at the top of the viewport. */
export function scrollTopForRow(
  row: number,
  totalRows: number,
  rowHeight: number,
  viewportHeight: number,
  maxScrollHeight = MAX_SCROLL_HEIGHT,
): number {
  const naturalHeight = totalRows * rowHeight;
  if (naturalHeight <= maxScrollHeight) return row * rowHeight;
  const scrollRange = Math.max(1, maxScrollHeight - viewportHeight);
  const rowRange = Math.max(1, totalRows - Math.floor(viewportHeight / rowHeight));
  return (Math.min(row, rowRange) / rowRange) * scrollRange;
}
