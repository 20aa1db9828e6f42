import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { tsvFromRows } from '../../src-shared/domain/tsvText';
import { openApp, type OpenedApp } from './browserHarness';

// A new workspace with the bundled datasets, as a planner first opens it.
const workspace = mkdtempSync(join(tmpdir(), 'iwb-e2e-history-grid-'));
const env = { XDG_DATA_HOME: join(workspace, 'user-data') };
/** Screenshots for people to look at (not compared): IWB_SCREENSHOTS=folder. */
const screenshots = process.env.IWB_SCREENSHOTS;

let page: Page;
let pageErrors: string[];
let opened: OpenedApp | undefined;

const HIGHTECH = 't2024_hightech_enterprises';
const RD = 't2024_industrial_rd_expenditure';
const cell = (code: string, year: number, period = 'annual') => page.getByTestId(`hgrid-cell-${code}-${year}-${period}`);
const status = (target: string) => page.getByTestId(`status-baseline-${target}`);

/** What Excel and WPS put on the clipboard for a copied block: tab-separated, CRLF, a CRLF after the last row. */
const copiedBlock = `${tsvFromRows([
  ['指标', '2021年', '2022年', '2023年'],
  ['有效高新技术企业（家）', '７１２', '８２１', '９８６'],
  ['规模以上工业企业研发费用', '712,300万元', '850,100万元', '986,500万元'],
  ['R&D经费占GDP比重', '3.05%', '3.18%', 'abc'],
])}\r\n`;

/** Puts text on the system clipboard and presses Ctrl+V in the focused cell, as a planner does. */
async function paste(text: string): Promise<void> {
  await page.evaluate(async (value) => navigator.clipboard.writeText(value), text);
  await page.keyboard.press('Control+V');
}

/** The grid opens by itself while most targets lack figures, and is one click away otherwise. */
async function openGrid(): Promise<void> {
  const toggle = page.getByTestId('board-history-toggle');
  await toggle.waitFor();
  if ((await toggle.getAttribute('aria-expanded')) !== 'true') await toggle.click();
  await page.getByTestId('history-grid').waitFor();
}

async function screenshot(name: string): Promise<void> {
  if (!screenshots) return;
  await page.screenshot({ path: join(screenshots, name) });
}

beforeAll(async () => {
  mkdirSync(env.XDG_DATA_HOME, { recursive: true });
  opened = await openApp({ serve: { workspace, env }, viewport: { width: 1366, height: 768 }, permissions: ['clipboard-read', 'clipboard-write'] });
  ({ page, errors: pageErrors } = opened);
});

afterAll(async () => {
  await opened?.close();
  rmSync(workspace, { recursive: true, force: true });
});

describe('history grid on the board’s empty state', () => {
  it('opens on a new workspace where targets have no actual value', async () => {
    await page.getByTestId('target-table').waitFor();
    expect(await status(HIGHTECH).getAttribute('data-status')).toBe('none');
    expect(await status(HIGHTECH).textContent()).toContain('无实际值');
    await openGrid();
    // Each row names the place its figures are saved to: the target's own region and scope.
    const firstRow = page.getByTestId('history-grid').locator('tbody th.hg-name').first();
    expect(await firstRow.locator('.hg-place').textContent()).toBe('慈溪市 · 全市');
    await screenshot('history-grid-empty-zh.png');
  });

  it('pastes a block copied from a spreadsheet, shows each value as stored and the cell it cannot read', async () => {
    await cell('hightech_enterprises', 2015).click();
    await paste(copiedBlock);
    expect(await cell('hightech_enterprises', 2023).inputValue()).toBe('９８６');
    expect(await page.getByTestId('hgrid-cell-hightech_enterprises-2023-annual-preview').textContent()).toBe('存为 986 家');
    expect(await page.getByTestId('hgrid-cell-industrial_rd_expenditure-2023-annual-preview').textContent()).toBe('存为 98.65 亿元');
    expect(await page.getByTestId('hgrid-cell-rd_gdp_ratio-2022-annual-preview').textContent()).toBe('存为 3.18%');
    expect(await page.getByTestId('hgrid-cell-rd_gdp_ratio-2023-annual-preview').textContent()).toBe('“abc”不是数字');
    expect(await cell('rd_gdp_ratio', 2023).getAttribute('aria-invalid')).toBe('true');
    expect(await page.getByTestId('hgrid-problems').textContent()).toContain('全社会R&D经费占GDP比重 2023年：“abc”不是数字');
    expect(await page.getByTestId('hgrid-save').isDisabled()).toBe(true);
    expect(await page.getByTestId('hgrid-save').textContent()).toBe('保存 9 个单元格');
    await screenshot('history-grid-pasted-zh.png');
  });

  it('undoes with Ctrl+Z and the button, then saves a corrected grid in one batch', async () => {
    await cell('rd_gdp_ratio', 2023).fill('3.3');
    expect(await page.getByTestId('hgrid-cell-rd_gdp_ratio-2023-annual-preview').textContent()).toBe('存为 3.3%');
    await page.keyboard.press('Control+Z');
    expect(await cell('rd_gdp_ratio', 2023).inputValue()).toBe('abc');
    await page.getByTestId('hgrid-undo').click();
    expect(await cell('hightech_enterprises', 2023).inputValue()).toBe('');
    await cell('hightech_enterprises', 2021).click();
    await paste(copiedBlock);
    await cell('rd_gdp_ratio', 2023).fill('—');
    expect(await page.getByTestId('hgrid-problems').count()).toBe(0);
    expect(await page.getByTestId('hgrid-save').textContent()).toBe('保存 8 个单元格');
    await page.getByTestId('hgrid-save').click();
    await page.getByTestId('hgrid-saved').waitFor();
    expect(await page.getByTestId('hgrid-saved').textContent()).toBe('已保存：新增 8 条，修改 0 条，删除 0 条。');
  });

  it('sees the board change: the targets go from 无实际值 to a projection', async () => {
    await expect.poll(() => status(HIGHTECH).getAttribute('data-status')).not.toBe('none');
    expect(await page.getByTestId(`cell-baseline-${HIGHTECH}`).locator('.tb-projected').textContent()).toMatch(/家$/);
    expect(await page.getByTestId(`cell-baseline-${RD}`).locator('.tb-projected').textContent()).toMatch(/亿元$/);
    expect(await page.getByTestId(`target-row-${RD}`).locator('.tb-num').first().textContent()).toContain('98.65 亿元');
    // Saved rows are the user's: shown as such, and editable in the same grid.
    expect(await cell('industrial_rd_expenditure', 2023).inputValue()).toBe('98.65');
    expect(await cell('industrial_rd_expenditure', 2023).locator('..').getAttribute('class')).toContain('hg-user');
    await screenshot('history-grid-saved-zh.png');
  });

  it('turns a value the indicator cannot have red as it is typed, and will not save it', async () => {
    await cell('rd_gdp_ratio', 2022).fill('120');
    expect(await page.getByTestId('hgrid-cell-rd_gdp_ratio-2022-annual-preview').textContent()).toBe('120%：比重不能超过 100%');
    expect(await cell('rd_gdp_ratio', 2022).getAttribute('aria-invalid')).toBe('true');
    await cell('hightech_enterprises', 2022).fill('-821');
    expect(await page.getByTestId('hgrid-cell-hightech_enterprises-2022-annual-preview').textContent()).toBe('-821 家：不能为负数');
    expect(await page.getByTestId('hgrid-problems').textContent()).toContain('全社会R&D经费占GDP比重 2022年：120%：比重不能超过 100%');
    expect(await page.getByTestId('hgrid-save').isDisabled()).toBe(true);
    await page.getByTestId('hgrid-discard').click();
    expect(await page.getByTestId('hgrid-problems').count()).toBe(0);
    expect(await cell('rd_gdp_ratio', 2022).inputValue()).toBe('3.18');
  });

  it('is the same grid in 数据来源, with the user’s rows to correct', async () => {
    await page.getByTestId('nav-data').click();
    await page.getByTestId('indicator-industrial_rd_expenditure').click();
    await page.getByTestId('data-history-toggle').click();
    await page.getByTestId('data-history-grid').waitFor();
    await expect.poll(() => cell('industrial_rd_expenditure', 2022).inputValue()).toBe('85.01');
    expect(await cell('industrial_rd_expenditure', 2022).locator('..').getAttribute('title')).toBe('自填数据 85.01 亿元（录入）');
    await page.getByTestId('data-history-grid').scrollIntoViewIfNeeded();
    await screenshot('history-grid-data-sources-zh.png');
    await page.getByTestId('nav-targets').click();
    await openGrid();
  });

  it('corrects a stored value later, and shows the grid in English', async () => {
    await cell('industrial_rd_expenditure', 2023).fill('99.1');
    await page.getByTestId('hgrid-save').click();
    await expect.poll(() => page.getByTestId('hgrid-saved').textContent()).toBe('已保存：新增 0 条，修改 1 条，删除 0 条。');
    await expect.poll(() => page.getByTestId(`target-row-${RD}`).locator('.tb-num').first().textContent()).toMatch(/99\.10? 亿元/);
    await page.evaluate(() => localStorage.setItem('iwb.locale', 'en'));
    await page.reload();
    await openGrid();
    // Places read in English too (the data keep 慈溪市 · 全市).
    expect(await page.locator('.hg-place').first().textContent()).toBe('Cixi · whole city');
    // The in-year column follows the last full year.
    const inYear = new Date().getFullYear();
    await cell('hightech_enterprises', inYear, '1-11月').fill('12吨');
    expect(await page.getByTestId(`hgrid-cell-hightech_enterprises-${inYear}-1-11月-preview`).textContent()).toMatch(/^"吨" is not a unit the workbench knows/);
    await screenshot('history-grid-en.png');
    expect(pageErrors).toEqual([]);
  });
});
