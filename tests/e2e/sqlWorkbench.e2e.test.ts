import { tableFromIPC } from 'apache-arrow';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { openApp, setEditorText, type OpenedApp } from './browserHarness';

let page: Page;
let opened: OpenedApp | undefined;
const exportFolder = mkdtempSync(join(tmpdir(), 'iwb-e2e-export-'));

async function run(sql: string): Promise<void> {
  await setEditorText(page, sql);
  await page.keyboard.press('Control+Enter');
  await expect.poll(() => page.getByTestId('result-status').textContent()).not.toContain('正在运行');
}

const firstCell = (column: number) => page.locator('.vgrid-body .vgrid-row').first().locator('.vgrid-cell').nth(column + 1);

beforeAll(async () => {
  // The target board is the start page; these tests drive the SQL view.
  opened = await openApp({ viewport: { width: 1400, height: 900 }, permissions: ['clipboard-read', 'clipboard-write'], view: 'sql' });
  ({ page } = opened);
});

afterAll(async () => {
  await opened?.close();
  rmSync(exportFolder, { recursive: true, force: true });
});

describe('SQL workbench', () => {
  it('autocompletes Chinese column names of the table being queried', async () => {
    await run('create or replace table 指标数据 as select 2018 + i as 年份, 100.0 + i as "数值 (亿元)" from range(6) t(i)');
    await expect.poll(() => page.getByTestId('schema-sidebar').textContent()).toContain('指标数据');
    await setEditorText(page, 'select ');
    await page.keyboard.insertText('数');
    await page.keyboard.press('Control+Space');
    const option = page.locator('.cm-tooltip-autocomplete li', { hasText: '数值 (亿元)' });
    await option.waitFor();
    await option.click();
    await page.keyboard.insertText(' from 指标数据');
    expect(await page.locator('.cm-content').textContent()).toBe('select "数值 (亿元)" from 指标数据');
    await page.keyboard.press('Control+Enter');
    await expect.poll(() => page.getByTestId('row-count').textContent()).toBe('6 行');
  });

  it('leaves no completion list over the result when 运行 is clicked right after typing', async () => {
    await setEditorText(page, '');
    await page.keyboard.type('select i from range(6) t(i) order by i');
    await page.getByTestId('run-button').click();
    await expect.poll(() => page.getByTestId('row-count').textContent()).toBe('6 行');
    // CodeMirror asks for completions 100 ms after the last key; by the time the rows are shown no list may have opened.
    await page.getByTestId('result-grid').click({ position: { x: 5, y: 5 } }).catch(() => undefined);
    expect(await page.locator('.cm-tooltip-autocomplete').count()).toBe(0);
  });

  it('scrolls a ten-million-row result to its last row without loading it all', async () => {
    await run('select i as n, i % 7 as r from range(10000000) t(i)');
    expect(await page.getByTestId('row-count').textContent()).toBe('10,000,000 行');
    await firstCell(0).click();
    await page.keyboard.press('Control+End');
    const lastRow = page.locator('.vgrid-row', { hasText: '10,000,000' });
    await lastRow.waitFor();
    await expect.poll(() => lastRow.locator('.vgrid-cell').nth(1).textContent()).toBe('9,999,999');
    const heap = await page.evaluate(() => (performance as unknown as { memory?: { usedJSHeapSize: number } }).memory?.usedJSHeapSize ?? 0);
    expect(heap).toBeLessThan(300 * 1024 * 1024);
  });

  it('sorts by a header click and filters through the column menu, in the engine', async () => {
    await page.getByTestId('column-header-0').click();
    await page.getByTestId('column-header-0').click();
    await expect.poll(() => firstCell(0).textContent()).toBe('9,999,999');
    await page.getByTestId('filter-button-0').click();
    await page.getByTestId('filter-operator').selectOption('gte');
    await page.getByTestId('filter-value').fill('9999990');
    await page.getByTestId('filter-apply').click();
    await expect.poll(() => page.getByTestId('filtered-count').textContent()).toBe('筛选后 10 行');
    await page.getByTestId('filter-button-1').click();
    // The menu is drawn over the grid, not clipped inside its header cell: its buttons are what is under them.
    for (const id of ['filter-apply', 'summarize-button']) {
      const onTop = await page.getByTestId(id).evaluate((element) => {
        const box = element.getBoundingClientRect();
        return document.elementFromPoint(box.x + box.width / 2, box.y + box.height / 2) === element;
      });
      expect(onTop, id).toBe(true);
    }
    await page.getByTestId('summarize-button').click();
    await expect.poll(() => page.getByTestId('column-summary').textContent()).toContain('不同值');
    expect(await page.getByTestId('column-summary').textContent()).toContain('10');
  });

  it('copies a selection as tab-separated text that pastes into Excel', async () => {
    await firstCell(0).click();
    await page.locator('.vgrid-body .vgrid-row').nth(2).locator('.vgrid-cell').nth(2).click({ modifiers: ['Shift'] });
    await page.keyboard.press('Control+c');
    await expect.poll(() => page.evaluate(() => navigator.clipboard.readText())).toBe('9999999\t2\r\n9999998\t1\r\n9999997\t0');
  });

  it('exports the filtered, sorted view as GB18030 CSV with progress and a clear result', async () => {
    await page.getByTestId('export-button').click();
    await page.getByTestId('export-encoding').selectOption('gb18030');
    const path = join(exportFolder, '导出结果.csv');
    await page.getByTestId('export-path').fill(path);
    await page.getByTestId('export-start').click();
    await expect.poll(() => page.getByTestId('export-status').textContent()).toContain('已导出 10 行');
    const text = new TextDecoder('gb18030').decode(readFileSync(path));
    expect(text.split('\n').slice(0, 3)).toEqual(['n,r', '9999999,2', '9999998,1']);
    await page.getByTestId('export-start').click();
    await expect.poll(() => page.getByTestId('export-status').textContent()).toContain('文件已存在');
    await page.getByTestId('export-close').click();
    expect(await page.getByTestId('export-dialog').count()).toBe(0);
  });

  it('exports the same view as an Arrow stream, the file name following the format', async () => {
    await page.getByTestId('export-button').click();
    // The proposed name is in the UI's language, with the local date and time.
    expect(basename(await page.getByTestId('export-path').inputValue())).toMatch(/^查询结果_\d{8}_\d{6}\.csv$/);
    await page.getByTestId('export-close').click();
    await page.getByTestId('language-switch').click();
    await page.getByTestId('export-button').click();
    expect(basename(await page.getByTestId('export-path').inputValue())).toMatch(/^query_result_\d{8}_\d{6}\.csv$/);
    await page.getByTestId('export-close').click();
    await page.getByTestId('language-switch').click();
    await page.getByTestId('export-button').click();
    // A name typed with another format's extension chooses that format (never CSV text in a .xlsx).
    await page.getByTestId('export-path').fill(join(exportFolder, '导出结果.xlsx'));
    expect(await page.getByTestId('export-format').inputValue()).toBe('xlsx');
    await page.getByTestId('export-path').fill(join(exportFolder, '导出结果.CSV'));
    expect(await page.getByTestId('export-format').inputValue()).toBe('csv');
    await page.getByTestId('export-format').selectOption('arrow');
    expect(await page.getByTestId('export-path').inputValue()).toBe(join(exportFolder, '导出结果.arrow'));
    await page.getByTestId('export-start').click();
    await expect.poll(() => page.getByTestId('export-status').textContent()).toContain('已导出 10 行');
    const table = tableFromIPC(readFileSync(join(exportFolder, '导出结果.arrow')));
    expect([table.numRows, Number(table.getChild('n')!.get(0))]).toEqual([10, 9999999]);
    await page.getByTestId('export-close').click();
  });

  it('formats SQL and keeps a searchable history', async () => {
    await setEditorText(page, 'select 年份,"数值 (亿元)" from 指标数据 where 年份>2020');
    await page.getByTestId('format-button').click();
    expect(await page.locator('.cm-content').innerText()).toContain('SELECT\n  年份,\n  "数值 (亿元)"\nFROM\n  指标数据\nWHERE\n  年份 > 2020');
    await page.getByTestId('history-button').click();
    const history = page.getByTestId('history-panel');
    await expect.poll(() => history.textContent()).toContain('range(10000000)');
    await history.locator('.history-entry', { hasText: 'create or replace table 指标数据' }).click();
    expect(await page.locator('.cm-content').textContent()).toContain('create or replace table 指标数据');
    // A failed query is listed with the SQL banner's words in the UI's language, DuckDB's line on hover.
    await run('select yaer from range(3)');
    // The list is read when the panel opens.
    await page.getByTestId('history-button').click();
    await page.getByTestId('history-button').click();
    await expect.poll(() => history.locator('.history-error').first().textContent()).toBe('这里没有“yaer”列。');
    expect(await history.locator('.history-status.status-error').first().evaluate((element) => getComputedStyle(element).backgroundColor)).toBe('rgba(0, 0, 0, 0)');
  });

  it('shows whole table names in the sidebar in English, the preview button over the row count only on hover', async () => {
    await page.getByTestId('language-switch').click();
    try {
      const preview = page.getByTestId('preview-bundled_observations');
      const row = preview.locator('..');
      const name = row.locator('.relation-name');
      await expect.poll(() => name.textContent()).toBe('tablebundled_observations');
      // Before, the hidden button kept its width and the name ended in "…" (bundled_ob…).
      expect(await name.evaluate((element) => element.scrollWidth <= element.clientWidth)).toBe(true);
      expect(await preview.evaluate((element) => getComputedStyle(element).opacity)).toBe('0');
      await row.hover();
      await expect.poll(() => preview.evaluate((element) => getComputedStyle(element).opacity)).toBe('1');
    } finally {
      await page.getByTestId('language-switch').click();
    }
  });
});
