import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { openApp, setEditorText, type OpenedApp } from './browserHarness';

let page: Page;
let opened: OpenedApp | undefined;

beforeAll(async () => {
  opened = await openApp({ viewport: { width: 1366, height: 768 }, view: 'sql' });
  ({ page } = opened);
});

afterAll(() => opened?.close());

/** Watches the page from before the run: whether rows were painted while the query still ran, and every growing count shown. */
async function watchStreaming(): Promise<void> {
  await page.evaluate(() => {
    const state = { rowsWhileRunning: false, firstCell: '', growing: [] as string[] };
    (globalThis as unknown as { iwbStreamWatch: typeof state }).iwbStreamWatch = state;
    const check = () => {
      const growing = document.querySelector('[data-testid="row-count-growing"]');
      const cell = document.querySelector('.vgrid-body .vgrid-row .vgrid-cell:nth-child(2)');
      if (growing) {
        const text = growing.textContent ?? '';
        if (state.growing.at(-1) !== text) state.growing.push(text);
        if (cell?.textContent && !cell.querySelector('.loading')) {
          state.rowsWhileRunning = true;
          state.firstCell ||= cell.textContent;
        }
      }
    };
    new MutationObserver(check).observe(document.body, { subtree: true, childList: true, characterData: true });
  });
}

describe('streamed results in the SQL grid', () => {
  it('paints the first rows while the query still runs, then shows the final count', async () => {
    await watchStreaming();
    await setEditorText(page, 'select i as n, i * 3 as triple from range(20000000) t(i)');
    await page.keyboard.press('Control+Enter');
    await expect.poll(() => page.getByTestId('row-count').textContent(), { timeout: 120_000 }).toBe('20,000,000 行');
    const watched = await page.evaluate(() => (globalThis as unknown as { iwbStreamWatch: { rowsWhileRunning: boolean; firstCell: string; growing: string[] } }).iwbStreamWatch);
    expect(watched.rowsWhileRunning).toBe(true);
    expect(watched.firstCell).toBe('0');
    const counts = watched.growing.map((text) => Number(/([\d,]+) 行/.exec(text)![1]!.replaceAll(',', '')));
    expect(counts.length).toBeGreaterThan(0);
    for (let index = 1; index < counts.length; index++) expect(counts[index]!).toBeGreaterThanOrEqual(counts[index - 1]!);
    expect(Math.max(...counts)).toBeLessThanOrEqual(20_000_000);
    // Complete: export is offered and the running state is gone.
    await page.getByTestId('export-button').waitFor();
    expect(await page.getByTestId('row-count-growing').count()).toBe(0);
    await page.screenshot({ path: '/tmp/streaming/grid-complete.png' });
  });
});
