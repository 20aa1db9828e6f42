import { describe, expect, it } from 'vitest';
import { gridGeometry, MAX_SCROLL_HEIGHT, scrollTopForRow } from './gridGeometry';

describe('gridGeometry', () => {
  it('maps scroll position to rows one to one for ordinary results', () => {
    expect(gridGeometry(1000, 26, 520, 0)).toEqual({ scrollHeight: 26_000, firstRow: 0, bodyTop: 0, visibleRows: 21 });
    expect(gridGeometry(1000, 26, 520, 2613)).toMatchObject({ firstRow: 100, bodyTop: 2600 });
  });

  it('scales the scroll range for ten million rows and still reaches the last row', () => {
    const total = 10_000_000;
    const top = gridGeometry(total, 26, 520, 0);
    expect(top).toMatchObject({ scrollHeight: MAX_SCROLL_HEIGHT, firstRow: 0 });
    const bottom = gridGeometry(total, 26, 520, MAX_SCROLL_HEIGHT - 520);
    expect(bottom.firstRow).toBe(total - 20);
    expect(bottom.firstRow + bottom.visibleRows).toBeGreaterThanOrEqual(total);
  });

  it('inverts: scrolling to a row shows that row first', () => {
    for (const total of [500, 100_000, 10_000_000]) {
      for (const row of [0, 7, Math.floor(total / 2), Math.floor(total * 0.9)]) {
        const scrollTop = scrollTopForRow(row, total, 26, 520);
        expect(gridGeometry(total, 26, 520, scrollTop).firstRow).toBe(row);
      }
    }
  });
});
