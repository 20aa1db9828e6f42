import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { callBodyLimit } from '@shared/contract/callBodyLimits';
import { openApp, type OpenedApp } from './browserHarness';

const workspace = mkdtempSync(join(tmpdir(), 'iwb-e2e-export-all-'));
// No ~/Downloads in this home: exports go to the workspace's exports folder, never the real user's.
const home = mkdtempSync(join(tmpdir(), 'iwb-e2e-home-'));
const notebooksFolder = join(workspace, 'notebooks');
const screenshots = resolve(__dirname, '../../test-results/screenshots');
let opened: OpenedApp | undefined;
let page: Page;
const exportCalls: number[] = [];

/**
 * A notebook whose three charts each draw 10,000 firms with names `labelChars` long:
 * each figure is several MiB, so together they are over browser mode's body limit.
 */
function bigChartsNotebook(name: string, labelChars: number, charts: number): string {
  const chart = (index: number) => `\`\`\`chart 图${index}\nkind: bar\nsource: firms\nx: 单位\ny: ["研发投入"]\ntitle: 第${index}张\n\`\`\`\n`;
  const text = `---\niwb-notebook: 1\ntitle: ${name}\n---\n\n\`\`\`sql firms\nSELECT lpad(i::VARCHAR, ${labelChars}, '甲') AS 单位, i AS 研发投入 FROM range(10000) t(i)\n\`\`\`\n\n${Array.from({ length: charts }, (_, index) => chart(index + 1)).join('\n')}`;
  const path = join(notebooksFolder, `${name}.iwb.md`);
  writeFileSync(path, text);
  return path;
}

async function openAndRun(path: string, charts: number): Promise<void> {
  await page.getByTestId('nb-open').click();
  await page.getByTestId('nb-open-path').fill(path);
  await page.getByTestId('nb-open-path').press('Enter');
  await page.getByTestId('nb-trust').click();
  // Every chart drawn with all its bars.
  for (let index = 1; index <= charts; index++) {
    await expect.poll(() => page.getByTestId(`nb-cell-${index}`).locator('.barlayer .point').count(), { timeout: 60_000 }).toBe(10_000);
  }
}

beforeAll(async () => {
  mkdirSync(notebooksFolder, { recursive: true });
  mkdirSync(screenshots, { recursive: true });
  opened = await openApp({ viewport: { width: 1366, height: 768 }, view: 'notebook', serve: { workspace, env: { HOME: home, IWB_BUNDLED_DATASETS: 'off' } } });
  page = opened.page;
  page.on('request', (request) => {
    if (request.url().endsWith('/api/call/charts.exportAll')) exportCalls.push(request.postDataBuffer()?.byteLength ?? 0);
  });
});

afterAll(async () => {
  await opened?.close();
  rmSync(workspace, { recursive: true, force: true });
  rmSync(home, { recursive: true, force: true });
});

describe('导出全部图表 in browser mode', () => {
  it('sends charts over the body limit in several calls, each under it, numbered 01…03 into one folder', async () => {
    await openAndRun(bigChartsNotebook('三张大图', 120, 3), 3);
    await page.getByTestId('nb-export-charts').click();
    const status = page.getByTestId('nb-briefing-status');
    await expect.poll(() => status.textContent(), { timeout: 120_000 }).toMatch(/^已导出 3 张图表到 /);
    const limit = callBodyLimit('charts.exportAll');
    expect(exportCalls.length).toBe(2);
    for (const bytes of exportCalls) expect(bytes).toBeLessThanOrEqual(limit);
    expect(exportCalls.reduce((sum, bytes) => sum + bytes, 0)).toBeGreaterThan(limit);
    const folder = (await status.textContent())!.replace(/^已导出 3 张图表到 /, '');
    expect(folder.startsWith(join(workspace, 'exports'))).toBe(true);
    const files = readdirSync(folder).sort();
    expect(files.map((file) => file.slice(0, 3))).toEqual(['01-', '02-', '03-']);
    expect(files.every((file) => file.endsWith('.png'))).toBe(true);
    copyFileSync(join(folder, files[0]!), join(screenshots, 'export-all-first-chart.png'));
    await page.screenshot({ path: join(screenshots, 'export-all-done-zh.png') });
    expect(opened!.uncaught).toEqual([]);
  });

  it('refuses a chart too large for any call, by name, before writing anything', async () => {
    exportCalls.length = 0;
    const before = readdirSync(join(workspace, 'exports'));
    await openAndRun(bigChartsNotebook('一张太大的图', 320, 1), 1);
    await page.getByTestId('nb-export-charts').click();
    await expect.poll(() => page.getByTestId('nb-briefing-error').textContent(), { timeout: 60_000 }).toMatch(/图表“图1”的数据有 [\d.]+ MB，超过了浏览器模式下一次导出的上限 [\d.]+ MB，未写入任何文件/);
    await page.screenshot({ path: join(screenshots, 'export-all-too-large-zh.png') });
    expect(exportCalls).toEqual([]);
    expect(readdirSync(join(workspace, 'exports'))).toEqual(before);
  });
});
