import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { datasetStandInSql, LIST_RELATIONS_SQL } from '../support/datasetStandIns';
import { launchBrowser, recordRequests, serveApp, setEditorText, type ServedApp } from './browserHarness';

const root = resolve(__dirname, '../..');
const workspace = mkdtempSync(join(tmpdir(), 'iwb-e2e-targets-'));
// The figures asserted below are the stand-ins' (tests/support/datasetStandIns.ts), so the bundled datasets stay off.
const env = { XDG_DATA_HOME: join(workspace, 'user-data'), IWB_BUNDLED_DATASETS: 'off' };
/** Screenshots for people to look at (not compared): IWB_SCREENSHOTS=folder. */
const screenshots = process.env.IWB_SCREENSHOTS;

let app: ServedApp;
let browser: Browser;
let page: Page;
let requests: string[];
const pageErrors: string[] = [];

const SME = 't2024_new_provincial_tech_smes';
const status = (scenario: string, target: string) => page.getByTestId(`status-${scenario}-${target}`);
const probability = (scenario: string, target: string) => page.getByTestId(`cell-${scenario}-${target}`).locator('.tb-probability');

/** The board scrolls inside its own pane: a tall viewport shows all of it. */
async function screenshot(name: string): Promise<void> {
  await page.setViewportSize({ width: 1440, height: 1800 });
  await page.screenshot({ path: join(screenshots!, name) });
  await page.setViewportSize({ width: 1440, height: 1000 });
}

function iwb(...args: string[]): string {
  return execFileSync(process.execPath, [join(root, 'bin/iwb.cjs'), ...args, '--workspace', workspace], { env: { ...process.env, ...env }, encoding: 'utf8' });
}

beforeAll(async () => {
  mkdirSync(env.XDG_DATA_HOME, { recursive: true });
  const existing = (JSON.parse(iwb('query', LIST_RELATIONS_SQL, '--format', 'json')) as { name: string }[]).map((row) => row.name);
  const setup = datasetStandInSql(existing);
  if (setup) iwb('query', setup);
  app = await serveApp({ workspace, env });
  browser = await launchBrowser();
  page = await browser.newPage({ viewport: { width: 1440, height: 1000 } });
  page.on('pageerror', (error) => pageErrors.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error' || message.text().includes('worker unavailable')) pageErrors.push(message.text());
  });
  requests = recordRequests(page);
  await page.goto(app.url);
});

afterAll(async () => {
  await browser?.close();
  await app?.stop();
  rmSync(workspace, { recursive: true, force: true });
});

/** A simulated probability as the board prints it: "42%", or "> 99%" / "< 1%" at the ends (never certain). */
const PROBABILITY_TEXT = /^(?:[<>] )?\d+%$/;

describe('target board', () => {
  it('is the start page and shows every target with its latest actual, gap and pace', async () => {
    await page.getByTestId('target-table').waitFor();
    expect(await page.getByTestId('nav-targets').getAttribute('aria-current')).toBe('page');
    await expect.poll(() => page.locator('[data-testid^="target-row-"]').count()).toBe(8);
    expect(await page.getByTestId(`target-pace-${SME}`).textContent()).toBe('尚需新增 170 家（剩 6 个月）');
    expect(await page.getByTestId('target-gap-t2024_hightech_enterprises').textContent()).toBe('差 120 家（12.0%）');
    expect(await page.getByTestId('target-pace-t2024_hightech_enterprises').textContent()).toBe('需同比增长 13.6%');
    // Probabilities arrive from the Monte Carlo worker.
    await expect.poll(() => probability('baseline', SME).textContent()).toMatch(PROBABILITY_TEXT);
    expect(await status('baseline', SME).getAttribute('data-status')).toBe('on-track');
    expect(await status('baseline', SME).textContent()).toContain('有望完成');
    await page.getByTestId('scenario-chart').locator('.main-svg').first().waitFor();
  });

  it('moves a slider and sees the status on the board change', async () => {
    await page.getByTestId(`target-row-${SME}`).click();
    await page.getByTestId('scenario-tab-baseline').click();
    await page.getByTestId('slider-paceFactor').fill('0.3');
    await expect.poll(() => status('baseline', SME).getAttribute('data-status')).toBe('off-track');
    expect(await status('baseline', SME).textContent()).toContain('难以完成');
    await expect.poll(() => probability('baseline', SME).textContent()).toMatch(PROBABILITY_TEXT);
    expect(Number((await probability('baseline', SME).textContent())!.replace(/[<>%\s]/g, ''))).toBeLessThan(40);
    expect(await page.getByTestId('scenario-save').textContent()).toBe('保存情景');
    // The other scenarios are untouched.
    expect(await status('optimistic', SME).getAttribute('data-status')).toBe('on-track');
    if (screenshots) await screenshot('target-board-zh.png');
  });

  it('goal-seeks the pace that meets the target, in one click', async () => {
    await page.getByTestId('goal-seek').click();
    expect(await page.getByTestId('goal-seek-result').textContent()).toMatch(/^已求解：剩余月份进度（相对往年同期） = \d+\.\d+%$/);
    await expect.poll(() => status('baseline', SME).getAttribute('data-status')).not.toBe('off-track');
    expect(Number(await page.getByTestId('number-paceFactor').inputValue())).toBeGreaterThan(30);
  });

  it('makes a scenario of its own, shown beside the built-in ones, and saves it', async () => {
    await page.getByTestId('scenario-new').click();
    await expect.poll(() => page.locator('[data-testid^="board-scenario-"]').count()).toBe(4);
    const name = page.getByTestId('scenario-name');
    expect(await name.inputValue()).toBe('我的情景 1');
    await name.fill('加快认定');
    await expect.poll(() => page.locator('[data-testid^="board-scenario-"]').nth(3).textContent()).toBe('加快认定');
    await page.getByTestId('scenario-save').click();
    await expect.poll(() => page.getByTestId('scenario-save').textContent()).toBe('已保存');
  });

  it('refuses a target without a source and adds one with it', async () => {
    // Escape is Cancel: nothing is added and the focus is back on the button.
    await page.getByTestId('target-add').click();
    // No indicator chosen: the form's own words, in the UI's language, not the browser's bubble.
    expect(await page.getByTestId('target-form-indicator').locator('option:checked').textContent()).toBe('请选择指标…');
    await page.getByTestId('target-form-save').click();
    await expect.poll(() => page.getByTestId('target-form-error').textContent()).toBe('请选择指标。');
    await page.getByTestId('target-form-indicator').selectOption('industrial_rd_expenditure');
    await page.keyboard.press('Escape');
    await page.getByTestId('target-form').waitFor({ state: 'detached' });
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('target-add');
    expect(await page.locator('[data-testid^="target-row-"]').count()).toBe(8);
    await page.getByTestId('target-add').click();
    // No indicator chosen: the form's own words, in the UI's language, not the browser's bubble.
    expect(await page.getByTestId('target-form-indicator').locator('option:checked').textContent()).toBe('请选择指标…');
    await page.getByTestId('target-form-save').click();
    await expect.poll(() => page.getByTestId('target-form-error').textContent()).toBe('请选择指标。');
    await page.getByTestId('target-form-indicator').selectOption('industrial_rd_expenditure');
    await page.getByTestId('target-form-year').fill('2025');
    await page.getByTestId('target-form-value').fill('110');
    await page.getByTestId('target-form-note').fill(' ');
    await page.getByTestId('target-form-save').click();
    await expect.poll(() => page.getByTestId('target-form-error').textContent()).toBe('请填写目标来源：文件、章节或会议。');
    if (screenshots) await page.screenshot({ path: join(screenshots, 'target-form-zh.png') });
    await page.getByTestId('target-form-note').fill('2025年工作要点（测试）');
    await page.getByTestId('target-form-value').fill('1,1,0');
    await page.getByTestId('target-form-save').click();
    await expect.poll(() => page.getByTestId('target-form-error').textContent()).toBe('目标值“1,1,0”无法识别：请写数字，如 3.53、1,500；百分号只用于以 % 计的指标。');
    // A value the indicator cannot have is refused by the main side, in the UI's language.
    await page.getByTestId('target-form-indicator').selectOption('rd_gdp_ratio');
    await page.getByTestId('target-form-value').fill('120%');
    await page.getByTestId('target-form-save').click();
    await expect.poll(() => page.getByTestId('target-form-error').textContent()).toBe('全社会R&D经费占GDP比重（rd_gdp_ratio）的目标不能是 120%：比重不能超过 100%。');
    await page.getByTestId('target-form-indicator').selectOption('industrial_rd_expenditure');
    await page.getByTestId('target-form-value').fill('１１０');
    await page.getByTestId('target-form-save').click();
    await page.getByTestId('target-form').waitFor({ state: 'detached' });
    expect(pageErrors).toEqual([]);
    await expect.poll(() => page.locator('[data-testid^="target-row-"]').count()).toBe(9);
    const added = page.locator('[data-testid^="target-row-u_2025_"]');
    expect(await added.textContent()).toContain('自定');
    expect(await added.locator('[data-testid^="target-pace-"]').textContent()).toMatch(/^需年均增长 \d+\.\d%（2 年）$/);
  });

  it('writes every scenario to scenario_results for SQL', async () => {
    await page.getByTestId('target-save-results').click();
    await expect.poll(() => page.getByTestId('target-message').textContent()).toMatch(/^已写入 \d+ 行到表 scenario_results/);
    await page.getByTestId('nav-sql').click();
    await setEditorText(page, "select count(distinct scenario_id) as n from scenario_results where target_id = 't2024_new_provincial_tech_smes' and status is not null");
    await page.getByTestId('run-button').click();
    await expect.poll(() => page.locator('.vgrid-body .vgrid-row').first().locator('.vgrid-cell').nth(1).textContent()).toBe('4');
  });

  it('reads in English, and nothing left the machine', async () => {
    await page.getByTestId('nav-targets').click();
    await page.getByTestId('language-switch').click();
    await expect.poll(() => page.getByTestId(`target-pace-${SME}`).textContent()).toBe('Needs 170 家 more (6 months left)');
    if (screenshots) {
      await page.getByTestId('target-row-t2024_hightech_enterprises').click();
      await expect.poll(() => probability('baseline', 't2024_hightech_enterprises').textContent()).toMatch(PROBABILITY_TEXT);
      await screenshot('target-board-en.png');
    }
    await page.getByTestId('language-switch').click();
    expect(requests.filter((url) => !url.startsWith(app.origin))).toEqual([]);
    // The simulation ran in the Web Worker (its script was loaded under the page's CSP).
    expect(requests.some((url) => /monteCarloWorker-[\w-]+\.js$/.test(url))).toBe(true);
    expect(pageErrors).toEqual([]);
  });
});
