import { describe, expect, it } from 'vitest';
import { tableFromArrays, tableToIPC } from 'apache-arrow';
import type { ResultId, ResultWindow } from '@shared/contract/workbenchContract';
import { ResultWindowCache } from './ResultWindowCache';

const TOTAL = 10_000;

function fakeFetcher() {
  const calls: [number, number][] = [];
  const fetcher = async (offset: number, limit: number): Promise<ResultWindow> => {
    calls.push([offset, limit]);
    const rows = Math.max(0, Math.min(limit, TOTAL - offset));
    const n = Int32Array.from({ length: rows }, (_unused, index) => offset + index);
    return { resultId: 'r' as ResultId, offset, rowCount: rows, totalRows: TOTAL, arrow: tableToIPC(tableFromArrays({ n }), 'stream') };
  };
  return { calls, fetcher };
}

describe('ResultWindowCache', () => {
  it('fetches only the pages a range needs, once, and serves cells from them', async () => {
    const { calls, fetcher } = fakeFetcher();
    const cache = new ResultWindowCache(fetcher, TOTAL, { pageRows: 100, maxPages: 5 });
    expect(cache.cell(250, 0)).toBeUndefined();
    await Promise.all([cache.ensureRows(250, 420), cache.ensureRows(300, 310)]);
    expect(calls).toEqual([
      [200, 100],
      [300, 100],
      [400, 100],
    ]);
    expect(cache.cell(250, 0)).toBe(250);
    expect(cache.cell(499, 0)).toBe(499);
  });

  it('keeps at most maxPages pages, dropping the least recently used', async () => {
    const { fetcher } = fakeFetcher();
    const cache = new ResultWindowCache(fetcher, TOTAL, { pageRows: 100, maxPages: 3 });
    await cache.ensureRows(0, 99);
    await cache.ensureRows(100, 199);
    await cache.ensureRows(0, 0);
    await cache.ensureRows(200, 399);
    expect(cache.cachedRowCount).toBe(300);
    expect(cache.hasRow(0)).toBe(true);
    expect(cache.hasRow(150)).toBe(false);
    await cache.ensureRows(9_000, 9_050);
    expect(cache.cachedRowCount).toBe(300);
  });

  it('uses the first window that came with the query without fetching it again', async () => {
    const { calls, fetcher } = fakeFetcher();
    const first = await fetcher(0, 250);
    calls.length = 0;
    const { tableFromIPC } = await import('apache-arrow');
    const cache = new ResultWindowCache(fetcher, TOTAL, { pageRows: 100 }, tableFromIPC(first.arrow));
    await cache.ensureRows(0, 199);
    expect(calls).toEqual([]);
    await cache.ensureRows(200, 210);
    expect(calls).toEqual([[200, 100]]);
  });

  it('remembers a failed fetch and tells listeners', async () => {
    let notified = 0;
    const cache = new ResultWindowCache(async () => Promise.reject(new Error('engine restarted')), TOTAL, { pageRows: 100 });
    cache.onDidLoad(() => (notified += 1));
    await cache.ensureRows(0, 10);
    expect(notified).toBe(1);
    expect((cache.error as Error).message).toBe('engine restarted');
  });
});
