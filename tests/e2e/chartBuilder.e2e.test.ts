import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { readPngInfo } from '@shared/domain/chart/pngMetadata';
import { openApp, setEditorText, type OpenedApp } from './browserHarness';

/** Screenshots for a person to look at (not compared): IWB_SHOTS or the system temp folder. */
const shots = process.env.IWB_SHOTS ?? join(tmpdir(), 'iwb-chart-shots');
mkdirSync(shots, { recursive: true });

let page: Page;
let pageErrors: string[];
let opened: OpenedApp | undefined;

beforeAll(async () => {
  // The target board is the start page; the chart builder sits under SQL results.
  opened = await openApp({ viewport: { width: 1400, height: 980 }, acceptDownloads: true, view: 'sql' });
  ({ page, uncaught: pageErrors } = opened);
});

afterAll(() => opened?.close());

const SQL = `SELECT * FROM (VALUES (2019, 5500000000, 10.2), (2020, 6200000000, 12.7), (2021, 7900000000, 27.4), (2022, 8200000000, 3.8), (2023, 9300000000, 13.4)) t(年份, 研发经费, 同比增速)`;

describe('chart builder', () => {
  it('builds a combo chart on a query result and exports a 300-dpi PNG 1843 px wide', async () => {
    await setEditorText(page, SQL);
    await page.keyboard.press('Control+Enter');
    await expect.poll(() => page.getByTestId('row-count').textContent()).toBe('5 行');
    await page.getByTestId('view-chart').click();
    const builder = page.getByTestId('chart-builder');
    await builder.waitFor();
    // An amount and a growth rate start as the 金额 + 同比增速 combination.
    expect(await page.getByTestId('chart-kind').inputValue()).toBe('combo');
    await page.getByTestId('chart-kind').selectOption('bar');
    await page.getByTestId('chart-kind').selectOption('combo');
    await page.getByTestId('chart-preset').selectOption('print');
    await page.getByTestId('chart-labels').check();
    await page.getByTestId('chart-title').fill('规上工业企业研发费用');
    await page.getByTestId('chart-subtitle').fill('2019—2023年');
    await page.getByTestId('chart-source').fill('慈溪市统计局');
    await page.getByTestId('chart-unit').fill('元');
    await page.getByTestId('chart-target').fill('10000000000');
    const plot = page.getByTestId('plotly-chart');
    await expect.poll(() => plot.locator('.barlayer .point').count()).toBe(5);
    await expect.poll(() => plot.locator('.scatterlayer .trace').count()).toBe(1);
    // 元 above 10⁸ is shown in 亿元, and the growth rate has its own axis.
    await expect.poll(() => plot.locator('.g-ytitle').textContent()).toBe('研发经费（亿元）');
    await expect.poll(() => plot.locator('.g-y2title').textContent()).toBe('同比增速（%）');
    await page.screenshot({ path: join(shots, 'chart-builder-zh.png') });

    const downloading = page.waitForEvent('download');
    await page.getByTestId('chart-export-png').click();
    const download = await downloading;
    expect(download.suggestedFilename()).toMatch(/^chart-\d+\.png$/);
    const file = join(shots, 'exported-word.png');
    await download.saveAs(file);
    const info = readPngInfo(new Uint8Array(readFileSync(file)));
    expect(info).toEqual({ width: 1843, height: 1135, dpiX: 300, dpiY: 300 });
    await expect.poll(() => page.getByTestId('chart-export-status').textContent()).toContain('1843×1135');

    await page.getByTestId('chart-export-size').selectOption('slide');
    const slide = page.waitForEvent('download');
    await page.getByTestId('chart-export-png').click();
    const slideFile = join(shots, 'exported-slide.png');
    await (await slide).saveAs(slideFile);
    expect(readPngInfo(new Uint8Array(readFileSync(slideFile)))).toEqual({ width: 1920, height: 1080, dpiX: 144, dpiY: 144 });
    expect(pageErrors).toEqual([]);
  });

  it('reads in English too', async () => {
    await page.getByTestId('language-switch').click();
    await expect.poll(() => page.getByTestId('chart-export-png').textContent()).toContain('PNG');
    expect(await page.getByTestId('chart-builder').textContent()).toContain('Second axis (line)');
    await page.getByTestId('chart-kind').selectOption('waterfall');
    await page.screenshot({ path: join(shots, 'chart-builder-en.png') });
    await page.getByTestId('chart-kind').selectOption('combo');
    await page.getByTestId('language-switch').click();
  });

  it('starts with the unit the rows state, so the axis of observations says 亿元', async () => {
    await setEditorText(page, `SELECT * FROM (VALUES (2021, 79.0, '亿元'), (2022, 82.0, '亿元'), (2023, 93.0, '亿元')) t(year, value, unit)`);
    await page.getByTestId('run-new-tab').click();
    await expect.poll(() => page.getByTestId('row-count').textContent()).toBe('3 行');
    await page.getByTestId('view-chart').click();
    await expect.poll(() => page.getByTestId('chart-unit').inputValue()).toBe('亿元');
    await expect.poll(() => page.getByTestId('plotly-chart').locator('.g-ytitle text').textContent()).toBe('value（亿元）');
  });

  it('charts the whole result, not only the rows the grid fetched first, up to 10,000 rows', async () => {
    const plot = page.getByTestId('plotly-chart');
    // Each in a new tab, so the chart starts from the default spec (not the first test's labelled combo).
    const chartRows = async (rows: number) => {
      await setEditorText(page, `SELECT 2000 + i AS 年份, 100 + i % 7 AS 研发经费 FROM range(${rows}) t(i)`);
      await page.getByTestId('run-new-tab').click();
      await expect.poll(() => page.getByTestId('row-count').textContent()).toBe(`${rows.toLocaleString('en-US')} 行`);
      await page.getByTestId('view-chart').click();
      await page.getByTestId('chart-kind').selectOption('bar');
    };
    // 3,000 rows: the grid's first window is 1,000; the chart draws all 3,000 bars and needs no note.
    await chartRows(3000);
    await expect.poll(() => plot.locator('.barlayer .point').count(), { timeout: 30_000 }).toBe(3000);
    expect(await page.locator('.chart-note').count()).toBe(0);
    // Beyond 10,000 rows the chart says what it draws.
    await chartRows(12_000);
    await expect.poll(() => page.locator('.chart-note').textContent(), { timeout: 30_000 }).toBe('图表使用前 10,000 行（共 12,000 行）。行数多时，可先用 GROUP BY 汇总再作图。');
    await expect.poll(() => plot.locator('.barlayer .point').count(), { timeout: 30_000 }).toBe(10_000);
    // Labels on 10,000 bars would be one black band: the chart says why it draws none.
    await page.getByTestId('chart-labels').check();
    await expect.poll(() => page.getByTestId('chart-labels-hidden').textContent()).toBe('数据标签只在 100 个点以内显示（本图 10,000 个点，标签会叠成一片）。');
    expect(await plot.locator('.barlayer .point text').count()).toBe(0);
    expect(pageErrors).toEqual([]);
  });

  it('exports a notebook as a DOCX briefing from the notebook toolbar', async () => {
    const folder = join(shots, 'notebooks');
    mkdirSync(folder, { recursive: true });
    const path = join(folder, '研发简报.iwb.md');
    writeFileSync(path, NOTEBOOK);
    await page.getByTestId('nav-notebook').click();
    await page.getByTestId('nb-open').click();
    await page.getByTestId('nb-open-path').fill(path);
    await page.getByTestId('nb-open-path').press('Enter');
    await page.getByTestId('nb-run-restricted').click();
    await expect.poll(() => page.locator('.nb-chart .barlayer .point').count()).toBe(3);
    await page.screenshot({ path: join(shots, 'notebook-briefing-zh.png') });
    const downloading = page.waitForEvent('download');
    await page.getByTestId('nb-briefing').click();
    const download = await downloading;
    expect(download.suggestedFilename()).toBe('研发简报.docx');
    const file = join(shots, '研发简报.docx');
    await download.saveAs(file);
    const xml = execFileSync('unzip', ['-p', file, 'word/document.xml'], { encoding: 'utf8', maxBuffer: 64 << 20 });
    expect(xml).toContain('图1');
    expect(xml.match(/<w:tbl>/g)).toHaveLength(1);
    expect(xml.match(/<w:drawing>/g)).toHaveLength(1);
    await expect.poll(() => page.getByTestId('nb-briefing-status').textContent()).toContain('1 张图，1 张表');
    await page.getByTestId('language-switch').click();
    await expect.poll(() => page.getByTestId('nb-briefing').textContent()).toContain('Export briefing');
    await page.screenshot({ path: join(shots, 'notebook-briefing-en.png') });
    await page.getByTestId('language-switch').click();
  });
});

const NOTEBOOK = `---
iwb-notebook: 1
title: 研发简报
---

\`\`\`markdown
## 一、总体情况

2023 年研发经费 93 亿元。
\`\`\`

\`\`\`sql 研发经费
SELECT * FROM (VALUES (2021, 7900000000, 27.4), (2022, 8200000000, 3.8), (2023, 9300000000, 13.4)) t(年份, 研发经费, 同比增速)
\`\`\`

\`\`\`chart 研发经费图
kind: combo
source: 研发经费
x: 年份
y: 研发经费
y2: 同比增速
unit: 元
title: 规上工业企业研发费用
preset: print
\`\`\`
`;
