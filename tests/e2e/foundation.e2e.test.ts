import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { openApp, setEditorText, type OpenedApp, type ServedApp } from './browserHarness';

let app: ServedApp;
let browser: Browser;
let page: Page;
let requests: string[];
let pageErrors: string[];
let opened: OpenedApp | undefined;

beforeAll(async () => {
  // The target board is the start page; these tests drive the SQL view.
  opened = await openApp({ viewport: { width: 1400, height: 900 }, view: 'sql' });
  ({ app, browser, page, requests, errors: pageErrors } = opened);
});

afterAll(() => opened?.close());

describe('browser mode: the walking skeleton', () => {
  it('opens in Chinese and shows the engine it talks to', async () => {
    await expect.poll(() => page.locator('.status-bar').textContent()).toContain('DuckDB v1.5');
    expect(await page.getByTestId('run-button').textContent()).toContain('运行');
  });

  it('runs typed SQL with Ctrl+Enter and shows rows and a chart', async () => {
    await setEditorText(page, "select 2020 + i as year, 100 + i * 12.5 as value, '城市' || i as 名称 from range(5) t(i)");
    await page.keyboard.press('Control+Enter');
    await expect.poll(() => page.getByTestId('row-count').textContent()).toBe('5 行');
    const grid = page.getByTestId('result-grid');
    expect(await grid.locator('.vgrid-hcell .column-name').allTextContents()).toEqual(['year', 'value', '名称']);
    expect(await grid.locator('.vgrid-hcell .column-type').allTextContents()).toEqual(['BIGINT', 'DECIMAL(23,1)', 'VARCHAR']);
    expect(await grid.locator('.vgrid-body .vgrid-row').nth(4).locator('.vgrid-cell').allTextContents()).toEqual(['5', '2024', '150.0', '城市4']);

    await page.getByTestId('view-chart').click();
    await page.getByTestId('plotly-chart').locator('.main-svg').first().waitFor();
    expect(await page.getByTestId('plotly-chart').locator('.scatterlayer .trace').count()).toBe(1);
    await page.getByTestId('chart-kind').selectOption('bar');
    await expect.poll(() => page.getByTestId('plotly-chart').locator('.barlayer .point').count()).toBe(5);
    await page.getByTestId('view-table').click();
  });

  it('shows a SQL error with its line and column and marks it in the editor', async () => {
    await setEditorText(page, 'select 1 as ok;\nselect nosuch from range(3)');
    await page.keyboard.press('Control+Shift+Enter');
    const banner = page.getByTestId('error-banner');
    await banner.waitFor();
    expect(await banner.textContent()).toContain('第 2 行，第 8 列');
    // What is wrong, in the UI's language; DuckDB's own text is under 详细信息.
    expect(await banner.locator('.error-message').textContent()).toBe('这里没有“nosuch”列。相近的列：range。');
    expect(await banner.locator('details pre').textContent()).toContain('Binder Error: Referenced column "nosuch" not found');
    expect(await page.locator('.cm-iwb-error').textContent()).toBe('nosuch');
  });

  it('cancels a long query and stays responsive', async () => {
    await setEditorText(page, 'select count(*) from range(1e12::bigint)');
    await page.getByTestId('run-button').click();
    await expect.poll(() => page.getByTestId('result-status').textContent()).toContain('正在运行');
    // The UI keeps working while the query runs: switching language is instant.
    await page.getByTestId('language-switch').click();
    await expect.poll(() => page.getByTestId('cancel-button').textContent()).toContain('Cancel');
    await page.getByTestId('language-switch').click();
    await page.getByTestId('cancel-button').click();
    // A hang guard, not a timing claim: the engine is interrupted (or restarted after 3 s).
    await expect.poll(() => page.getByTestId('result-status').textContent(), { timeout: 30_000 }).toContain('查询已取消');
    await setEditorText(page, 'select 42 as answer');
    await page.keyboard.press('Control+Enter');
    await expect.poll(() => page.getByTestId('row-count').textContent()).toBe('1 行');
  });

  it('lists workspace tables in the sidebar after they are created', async () => {
    await setEditorText(page, "create or replace table 科技指标 as select '高新技术企业' as 名称, 1000 as 目标");
    await page.keyboard.press('Control+Enter');
    await expect.poll(() => page.getByTestId('schema-sidebar').textContent()).toContain('科技指标');
  });

  it('made no request to any host but the local server, and logged no errors', () => {
    expect(requests.length).toBeGreaterThan(5);
    expect(requests.filter((url) => !url.startsWith(app.origin + '/'))).toEqual([]);
    expect(pageErrors).toEqual([]);
  });

  it('refuses a page opened without the token', async () => {
    const other = await browser.newPage();
    await other.goto(app.origin + '/');
    expect(await other.locator('.fatal-screen').textContent()).toContain('缺少访问令牌');
    const status = await other.evaluate(async () => (await fetch('/api/call/app.info', { method: 'POST' })).status);
    expect(status).toBe(401);
    await other.close();
  });
});
