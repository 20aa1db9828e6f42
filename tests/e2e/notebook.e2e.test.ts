import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { datasetStandInSql } from '../support/datasetStandIns';
import { launchBrowser, recordPageErrors, recordRequests, serveApp, type ServedApp } from './browserHarness';
import { childPids, isRunning, waitFor } from './processObservation';

const root = resolve(__dirname, '../..');
const workspace = mkdtempSync(join(tmpdir(), 'iwb-e2e-notebook-'));
const userData = join(workspace, 'user-data');
const notebooksFolder = join(workspace, 'notebooks');
const outside = mkdtempSync(join(tmpdir(), 'iwb-e2e-outside-'));
const env = { IWB_BUNDLED_DATASETS: 'off', XDG_DATA_HOME: userData };

let app: ServedApp;
let browser: Browser;
let page: Page;
let requests: string[];
const pageErrors: string[] = [];

async function openPage(): Promise<void> {
  page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
  recordPageErrors(page, pageErrors);
  requests = recordRequests(page);
  await page.goto(app.url);
  await page.getByTestId('nav-notebook').click();
  await page.getByTestId('nb-start').waitFor();
}

/** Every process below `pid` (the server's engine and whatever it started). */
function descendants(pid: number): number[] {
  return childPids(pid).flatMap((child) => [child, ...descendants(child)]);
}

/** Kills the server as a crash would and starts it again on the same workspace once the dead one's processes (its engine holds the database) are gone. */
async function crashAndRestartServer(): Promise<void> {
  const left = descendants(app.server.pid!);
  app.server.kill('SIGKILL');
  await new Promise((resolveExit) => app.server.once('exit', resolveExit));
  await waitFor('the killed server’s engine to exit', () => left.every((pid) => !isRunning(pid)), 60_000);
  app = await serveApp({ workspace, env });
}

const cell = (index: number) => page.getByTestId(`nb-cell-${index}`);
/** Closes the notebook open, starts a new one and writes `sql` into its SQL cell, named `name`. */
async function newNotebookWithSql(name: string, sql: string): Promise<void> {
  await page.getByTestId('nb-close').click();
  await page.getByTestId('nb-start-new').click();
  await cell(1).waitFor();
  await cell(1).getByTestId('nb-cell-name').fill(name);
  await cell(1).locator('.cm-content').click();
  await page.keyboard.press('ControlOrMeta+a');
  await page.keyboard.insertText(sql);
}
const chartPoints = (index: number) => cell(index).locator('.scatterlayer .point');

beforeAll(async () => {
  execFileSync(process.execPath, [join(root, 'bin/iwb.cjs'), 'query', datasetStandInSql([]), '--workspace', workspace], { env: { ...process.env, ...env } });
  writeFileSync(join(outside, 'secret.csv'), 'secret\n42\n');
  app = await serveApp({ workspace, env });
  browser = await launchBrowser();
  await openPage();
});

afterAll(async () => {
  await browser?.close();
  await app?.stop();
  rmSync(workspace, { recursive: true, force: true });
  rmSync(outside, { recursive: true, force: true });
});

describe('notebooks in the browser', () => {
  it('builds a notebook with a parameter, saves it, reopens it, and a new parameter value redraws the chart', async () => {
    await page.getByTestId('nb-start-new').click();
    await cell(1).waitFor();
    // The blank notebook: a text cell and a SQL cell. Turn the SQL into a series read through a parameter.
    await cell(1).getByTestId('nb-cell-name').fill('series');
    await cell(1).locator('.cm-content').click();
    await page.keyboard.press('ControlOrMeta+a');
    await page.keyboard.insertText("select year, value from observations where indicator_code = 'rd_gdp_ratio' and year <= getvariable('截止年份') order by year");
    // A parameter above it, and a chart below.
    await page.getByTestId('nb-add-bar').first().getByTestId('nb-add-parameter').click();
    await cell(0).getByTestId('nb-cell-name').fill('截止年份');
    await cell(0).getByTestId('nb-param-input').fill('2023');
    await page.getByTestId('nb-add-bar').last().getByTestId('nb-add-chart').click();
    await page.getByTestId('nb-title').fill('研发投入强度');

    await page.getByTestId('nb-run-all').click();
    await expect.poll(() => chartPoints(3).count()).toBe(5);
    await expect.poll(() => cell(2).getAttribute('data-status')).toBe('fresh');

    await page.getByTestId('nb-save').click();
    await page.getByTestId('nb-save-as-name').fill('研发投入强度');
    await page.getByTestId('nb-save-as-confirm').click();
    await expect.poll(() => page.getByTestId('nb-dirty-state').textContent()).toBe('已保存');
    const path = join(notebooksFolder, '研发投入强度.iwb.md');
    const saved = readFileSync(path, 'utf8');
    expect(saved).toMatch(/^---\niwb-notebook: 1\ntitle: 研发投入强度\nsignature: hmac-sha256:[0-9a-f]{64}\n---\n/);
    expect(saved).toContain('```parameter 截止年份\ncontrol: number\nvalue: 2023\n```');
    expect(saved).toContain('```chart\nkind: line\nsource: series\nx: year\ny: ["value"]\n```');

    await page.getByTestId('nb-close').click();
    await page.getByTestId('nb-start').getByRole('button', { name: '研发投入强度' }).click();
    // Signed by this user: trusted, so it runs on open.
    await expect.poll(() => chartPoints(3).count()).toBe(5);
    expect(await page.getByTestId('nb-untrusted').count()).toBe(0);

    await cell(0).getByTestId('nb-param-input').fill('2021');
    await expect.poll(() => chartPoints(3).count()).toBe(3);
    await expect.poll(() => cell(2).getAttribute('data-status')).toBe('fresh');
    expect(await page.getByTestId('nb-dirty-state').textContent()).toBe('未保存');

    // Editing the SQL makes it and the chart that reads it stale until it runs again.
    await cell(2).locator('.cm-content').click();
    await page.keyboard.press('End');
    await page.keyboard.insertText(' ');
    await expect.poll(() => cell(2).getAttribute('data-status')).toBe('stale');
    expect(await cell(3).getAttribute('data-status')).toBe('stale');
    await page.keyboard.press('Control+Enter');
    await expect.poll(() => cell(2).getAttribute('data-status')).toBe('fresh');
  });

  it('keeps unsaved edits through a crash and offers them back', async () => {
    await cell(1).locator('.nb-markdown-view').dblclick();
    await page.getByTestId('nb-markdown-input').fill('# 崩溃之前写的说明');
    // Autosave writes the recovery copy about a second after the last keystroke.
    await expect.poll(() => readRecoveryTexts().some((text) => text.includes('崩溃之前写的说明')), { timeout: 10_000 }).toBe(true);

    await crashAndRestartServer();
    await page.close();
    // The dead server's event stream broke off mid-response: that error is the point of this test.
    pageErrors.length = 0;
    await openPage();

    await page.getByTestId('nb-recoveries').waitFor();
    await page.getByTestId('nb-recovery-restore').first().click();
    await expect.poll(() => cell(1).textContent()).toContain('崩溃之前写的说明');
    expect(await page.getByTestId('nb-dirty-state').textContent()).toBe('未保存');
    await page.getByTestId('nb-save').click();
    await expect.poll(() => page.getByTestId('nb-dirty-state').textContent()).toBe('已保存');
    expect(readFileSync(join(notebooksFolder, '研发投入强度.iwb.md'), 'utf8')).toContain('# 崩溃之前写的说明');
    expect(readRecoveryTexts()).toEqual([]);
  });

  it('notices a file changed on disk before overwriting it', async () => {
    const path = join(notebooksFolder, '研发投入强度.iwb.md');
    writeFileSync(path, readFileSync(path, 'utf8').replace('title: 研发投入强度', 'title: 同事改过的标题'));
    await page.getByTestId('nb-title').fill('我的标题');
    await page.getByTestId('nb-save').click();
    await page.getByTestId('nb-conflict').waitFor();
    expect(await page.getByTestId('nb-conflict').textContent()).toContain('已被其他人或程序修改');
    // The safe answer has the focus: Enter keeps the colleague's changes.
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('nb-conflict-cancel');
    expect(readFileSync(path, 'utf8')).toContain('title: 同事改过的标题');
    await page.getByTestId('nb-conflict-overwrite').click();
    await expect.poll(() => readFileSync(path, 'utf8')).toContain('title: 我的标题');
  });

  it('opens a notebook from someone else without running it, restricted until trusted', async () => {
    mkdirSync(notebooksFolder, { recursive: true });
    const path = join(notebooksFolder, 'from-colleague.iwb.md');
    writeFileSync(
      path,
      `---\niwb-notebook: 1\ntitle: 同事发来的笔记本\n---\n\n\`\`\`sql secret\nselect * from read_csv('${join(outside, 'secret.csv')}')\n\`\`\`\n\n\`\`\`sql counted\nselect count(*) as n from observations\n\`\`\`\n`,
    );
    await page.getByTestId('nb-open').click();
    // A path that is not there is said in the dialog itself, not behind it.
    await page.getByTestId('nb-open-path').fill(join(notebooksFolder, 'nosuch.iwb.md'));
    await page.getByTestId('nb-open-path').press('Enter');
    await expect.poll(() => page.getByTestId('nb-open-dialog').getByTestId('nb-open-error').textContent()).toContain('没有这个文件');
    await page.getByTestId('nb-open-path').fill(path);
    await page.getByTestId('nb-open-path').press('Enter');
    const banner = page.getByTestId('nb-untrusted');
    await banner.waitFor();
    expect(await banner.textContent()).toContain('此笔记本不是由您保存的');
    expect(await banner.textContent()).toContain(notebooksFolder);
    expect(await cell(0).getAttribute('data-status')).toBe('idle');

    await page.getByTestId('nb-run-restricted').click();
    await expect.poll(() => cell(0).getByTestId('nb-cell-error').textContent()).toContain('Permission Error');
    // A stopped run leaves the next cell alone; run it by itself: workspace data is readable.
    await cell(1).getByTestId('nb-cell-run').click();
    await expect.poll(() => cell(1).getByTestId('nb-result-table').locator('tbody td').first().textContent()).toBe('49');

    await page.getByTestId('nb-trust').click();
    await expect.poll(() => cell(0).getByTestId('nb-result-table').locator('tbody td').first().textContent()).toBe('42');
    expect(await page.getByTestId('nb-untrusted').count()).toBe(0);
    // Trusting a notebook without unsaved edits signs the file.
    expect(readFileSync(path, 'utf8')).toMatch(/\nsignature: hmac-sha256:[0-9a-f]{64}\n/);
  });

  it('says what is wrong with a broken file, with its line, and keeps the current notebook', async () => {
    await page.getByTestId('nb-open').click();
    await page.getByTestId('nb-upload-input').setInputFiles({
      name: 'cut.iwb.md',
      mimeType: 'text/markdown',
      buffer: Buffer.from('---\niwb-notebook: 1\n---\n\n```sql a\nselect 1\n'),
    });
    const error = page.getByTestId('nb-error');
    await error.waitFor();
    expect(await error.textContent()).toContain('cut.iwb.md：第 5 行：这一行开始的 sql 单元格没有用 ``` 结束（文件可能不完整）');
    expect(await page.getByTestId('nb-title').inputValue()).toBe('同事发来的笔记本');
  });

  it('opens a notebook file dropped on the window, from any view', async () => {
    await page.getByTestId('nav-sql').click();
    await page.evaluate(`(() => {
      const transfer = new DataTransfer();
      transfer.items.add(new File(['---\\niwb-notebook: 1\\ntitle: 拖进来的笔记本\\n---\\n\\n\`\`\`markdown\\n拖放打开\\n\`\`\`\\n'], 'dropped.iwb.md'));
      window.dispatchEvent(new DragEvent('dragover', { dataTransfer: transfer, cancelable: true }));
      window.dispatchEvent(new DragEvent('drop', { dataTransfer: transfer, cancelable: true }));
    })()`);
    await expect.poll(() => page.getByTestId('nb-title').inputValue()).toBe('拖进来的笔记本');
    expect(await cell(0).textContent()).toContain('拖放打开');
  });

  it("projects a sample's target to the target year and says the verdict is not final yet", async () => {
    await page.getByTestId('nb-close').click();
    await page.getByTestId('nb-start-samples').getByText('有效高新技术企业超过千家').click();
    await expect.poll(() => page.getByTestId('nb-title').inputValue()).toContain('有效高新技术企业');
    await page.getByTestId('nb-run-all').click();
    const projection = page.getByTestId('nb-target-projection');
    // Stand-ins 520 … 880 (2019–2023) at their CAGR: 880 × (880 / 520)^(1/4) = 1,003.7 in 2024.
    await expect.poll(() => projection.textContent()).toContain('1,003.7');
    expect(await projection.textContent()).toContain('2024');
    const verdict = await page.getByTestId('nb-target-verdict').textContent();
    expect(verdict).toContain('2023 年实际值尚未达到目标水平');
    expect(verdict).toContain('有望完成');
    expect(verdict).toContain('13.6%');
  });

  it('draws sample 00\'s completion chart as horizontal bars, the source line clear of the axis title', async () => {
    await page.getByTestId('nb-close').click();
    await page.getByTestId('nb-start-samples').getByText('2024 年科技工作主要目标总览').click();
    await expect.poll(() => page.getByTestId('nb-title').inputValue()).toBe('2024 年科技工作主要目标总览');
    await page.getByTestId('nb-run-all').click();
    const chart = page.getByTestId('nb-cell-3');
    expect(await chart.getByTestId('chart-kind').inputValue()).toBe('barh');
    // One row per target of the table above, each name whole on one line, in the table's order from the top.
    const targets = page.getByTestId('nb-cell-2').getByTestId('nb-result-table').locator('tbody tr');
    await expect.poll(() => targets.count()).toBeGreaterThan(5);
    await expect.poll(async () => chart.locator('.ytick text').count()).toBe(await targets.count());
    await chart.locator('.g-xtitle text').waitFor();
    await chart.locator('.annotation-text', { hasText: '数据来源' }).waitFor();
    const boxes = await chart.evaluate((element) => ({
      rows: Array.from(element.querySelectorAll('.ytick text'), (node) => ({ text: node.textContent ?? '', top: node.getBoundingClientRect().top })),
      titleBottom: element.querySelector('.g-xtitle text')!.getBoundingClientRect().bottom,
      sourceTop: Array.from(element.querySelectorAll('.annotation-text'), (node) => node).find((node) => node.textContent?.startsWith('数据来源'))!.getBoundingClientRect().top,
    }));
    expect(boxes.rows.map((row) => row.text)).toContain('新增宁波市级以上研发机构');
    expect(boxes.rows.every((row) => !row.text.includes('…'))).toBe(true);
    expect(boxes.rows.map((row) => row.top)).toEqual([...boxes.rows.map((row) => row.top)].sort((a, b) => a - b));
    // Under one line of value labels the source line sat over the axis title (boxes 7 px into each other).
    expect(boxes.sourceTop).toBeGreaterThanOrEqual(boxes.titleBottom);
  });

  it('offers to draw the columns a result has when the chart was made for others', async () => {
    await newNotebookWithSql('gdp', 'select 2020 + i as year, 100 + i * 1.5 as GDP from range(4) t(i)');
    // Added before the SQL ran: the chart starts as year against value.
    await page.getByTestId('nb-add-bar').last().getByTestId('nb-add-chart').click();
    await page.getByTestId('nb-run-all').click();
    const refit = cell(2).getByTestId('nb-chart-refit');
    await expect.poll(() => refit.textContent()).toBe('“gdp”的结果中没有图表所用的列：value。 按结果现有的列作图');
    await refit.getByTestId('nb-chart-refit-button').click();
    await expect.poll(() => cell(2).locator('.scatterlayer .point, .barlayer .point').count()).toBe(4);
    expect(await cell(2).getByTestId('nb-chart-refit').count()).toBe(0);
  });

  it('draws long names as horizontal bars at first, and as columns with the axis title below names on four lines', async () => {
    const names = ['有效高新技术企业', '规上工业研发费用', 'R&D经费占GDP比重', '新增省科技型中小企业', '新增宁波市级以上研发机构', '研发机构覆盖率', '研发活动覆盖率', '产业创新集群', '小家电公共服务中心', '镇街科技服务站覆盖率'];
    await newNotebookWithSql('完成度', `select * from (values ${names.map((name, index) => `('${name}', ${index + 1})`).join(', ')}) t(目标, 完成度)`);
    await page.getByTestId('nb-run-all').click();
    await expect.poll(() => cell(1).getByTestId('nb-result-table').locator('tbody tr').count()).toBe(names.length);
    // Added after the SQL ran: the chart draws its names against its numbers, as a bar chart.
    await page.getByTestId('nb-add-bar').last().getByTestId('nb-add-chart').click();
    // Names this long are drawn as horizontal bars at first: one row per name, the first at the top, at most two lines each.
    expect(await cell(2).getByTestId('chart-kind').inputValue()).toBe('barh');
    await expect.poll(() => cell(2).locator('.ytick text').count()).toBe(names.length);
    const rows = await cell(2).evaluate((element) =>
      Array.from(element.querySelectorAll('.ytick text'), (node) => ({ text: node.textContent ?? '', top: node.getBoundingClientRect().top, lines: Math.max(1, node.querySelectorAll('tspan.line').length) })),
    );
    expect(rows.map((row) => row.text)).toEqual(names);
    expect(rows.map((row) => row.top)).toEqual([...rows.map((row) => row.top)].sort((a, b) => a - b));
    expect(Math.max(...rows.map((row) => row.lines))).toBeLessThanOrEqual(2);
    expect(await cell(2).locator('.barlayer .point').count()).toBe(names.length);
    // As columns, the same names wrap onto three and four lines: the axis title must still sit below them.
    await cell(2).getByTestId('chart-kind').selectOption('bar');
    await expect.poll(() => cell(2).locator('.xtick text').count()).toBe(names.length);
    const boxes = await cell(2).evaluate((element) => {
      const bottom = (selector: string) => Math.max(...Array.from(element.querySelectorAll(selector), (node) => node.getBoundingClientRect().bottom));
      return { labelsBottom: bottom('.xtick text'), titleTop: element.querySelector('.g-xtitle text')!.getBoundingClientRect().top };
    });
    // Text boxes include the font's line gap: a few pixels of box overlap is no overlap of glyphs; a title among the labels is a whole line up.
    expect(boxes.titleTop).toBeGreaterThan(boxes.labelsBottom - 4);
    // A source line goes below the title, as a year chart's does under one line of labels.
    await cell(2).getByTestId('chart-source').fill('慈溪市统计局');
    const source = cell(2).locator('.annotation-text', { hasText: '数据来源' });
    await source.waitFor();
    const titleBottom = await cell(2).evaluate((element) => element.querySelector('.g-xtitle text')!.getBoundingClientRect().bottom);
    expect(await source.evaluate((element) => element.getBoundingClientRect().top)).toBeGreaterThanOrEqual(titleBottom);
  });

  it('made no request to any host but the local server, and logged no errors', () => {
    expect(requests.filter((url) => !url.startsWith(app.origin + '/'))).toEqual([]);
    expect(pageErrors).toEqual([]);
  });
});

function readRecoveryTexts(): string[] {
  const folder = join(workspace, 'notebook-recovery');
  try {
    return readdirSync(folder)
      .filter((name) => name.endsWith('.json'))
      .map((name) => (JSON.parse(readFileSync(join(folder, name), 'utf8')) as { text: string }).text);
  } catch {
    return [];
  }
}
