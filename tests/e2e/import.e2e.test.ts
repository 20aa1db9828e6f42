import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { statisticalTable, writeCsv, writeStatisticalWorkbook } from '../fixtures/importFixtures';
import { launchBrowser, recordRequests, serveApp, setEditorText, type ServedApp } from './browserHarness';

const screenshots = resolve(__dirname, '../../test-results/screenshots');
const files = mkdtempSync(join(tmpdir(), 'iwb-import-e2e-'));
let app: ServedApp;
let browser: Browser;
let page: Page;
let requests: string[];
const pageErrors: string[] = [];

beforeAll(async () => {
  mkdirSync(screenshots, { recursive: true });
  app = await serveApp();
  browser = await launchBrowser();
  page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
  page.on('pageerror', (error) => pageErrors.push(error.message));
  requests = recordRequests(page);
  await page.goto(app.url);
  await page.getByText('指标工作台').first().waitFor();
});

afterAll(async () => {
  await browser?.close();
  await app?.stop();
  rmSync(files, { recursive: true, force: true });
});

/** Drops a file on the window the way a user drags it from the file manager. */
async function dropFile(name: string, bytes: Buffer): Promise<void> {
  await page.evaluate(
    ({ name, base64 }) => {
      const binary = atob(base64);
      const data = new Uint8Array(binary.length);
      for (let index = 0; index < binary.length; index++) data[index] = binary.charCodeAt(index);
      const transfer = new DataTransfer();
      transfer.items.add(new File([data], name));
      window.dispatchEvent(new DragEvent('drop', { dataTransfer: transfer, cancelable: true }));
    },
    { name, base64: bytes.toString('base64') },
  );
}

describe('导入数据 / Import', () => {
  it('drags a statistical workbook in, previews it, unpivots the years and imports it', async () => {
    const path = writeStatisticalWorkbook(files, '科技指标.xlsx');
    await dropFile('科技指标.xlsx', readFileSync(path));
    await page.getByTestId('import-preview').waitFor();
    expect(await page.getByTestId('import-file-name').textContent()).toBe('科技指标.xlsx');
    expect(await page.getByTestId('import-sheet').inputValue()).toBe('主要指标');
    expect(await page.getByTestId('import-layout').textContent()).toContain('单位：亿元');
    expect(await page.getByTestId('import-column-name-1').inputValue()).toBe('年份_2019年');
    expect(await page.getByTestId('import-columns').locator('tbody tr').count()).toBe(statisticalTable.indicators.length);
    await page.getByTestId('import-unpivot').check();
    await page.getByTestId('import-table').fill('科技指标_长表');
    await page.screenshot({ path: join(screenshots, 'import-preview-zh.png'), fullPage: true });
    await page.getByTestId('import-run').click();
    await page.getByTestId('import-done').waitFor();
    const expected = statisticalTable.indicators.flatMap((indicator) => indicator.values.filter((value) => value !== null)).length;
    expect(await page.getByTestId('import-done').textContent()).toContain(`已导入 ${expected} 行到表 科技指标_长表`);
    expect(await page.getByTestId('import-history').locator('tbody tr').first().textContent()).toContain('科技指标.xlsx');
    await expect.poll(() => page.getByTestId('schema-sidebar').textContent()).toContain('科技指标_长表');
    await page.screenshot({ path: join(screenshots, 'import-done-zh.png'), fullPage: true });
  });

  it('queries the imported rows from the SQL view', async () => {
    await page.getByTestId('import-query').click();
    await page.getByTestId('run-button').waitFor();
    await setEditorText(page, `select value, unit from "科技指标_长表" where indicator = 'R&D经费支出' and year = 2021`);
    await page.keyboard.press('Control+Enter');
    await expect.poll(() => page.getByTestId('row-count').textContent()).toBe('1 行');
    const cells = await page.getByTestId('result-grid').locator('.vgrid-body .vgrid-row').first().locator('.vgrid-cell').allTextContents();
    expect(cells.slice(1)).toEqual(['58.75', '亿元']);
  });

  it('detects a GB18030 CSV and shows mojibake when another encoding is chosen', async () => {
    await page.getByTestId('nav-import').click();
    await dropFile('企业名单.csv', readFileSync(writeCsv(files, '企业名单.csv', 'gb18030')));
    await expect.poll(() => page.getByTestId('import-file-name').textContent()).toBe('企业名单.csv');
    expect(await page.getByTestId('import-encoding').inputValue()).toBe('gb18030');
    expect(await page.getByTestId('import-columns').locator('tbody tr').first().textContent()).toContain('高新技术企业𠀀');
    await page.getByTestId('import-encoding').selectOption('utf-8');
    await page.getByTestId('import-decode-issues').waitFor();
    expect(await page.getByTestId('import-columns').locator('tbody tr').first().textContent()).toContain('\ufffd');
    await page.screenshot({ path: join(screenshots, 'import-encoding-zh.png'), fullPage: true });
    await page.getByTestId('import-encoding').selectOption('gb18030');
    await expect.poll(() => page.getByTestId('import-decode-issues').count()).toBe(0);
  });

  it('shows a damaged workbook as a clear error, in English too', async () => {
    await page.getByTestId('language-switch').click();
    const whole = readFileSync(writeStatisticalWorkbook(files, 'whole.xlsx'));
    await dropFile('broken.xlsx', whole.subarray(0, whole.length >> 1));
    await page.getByTestId('import-error').waitFor();
    expect(await page.getByTestId('import-error').textContent()).toContain('broken.xlsx: cannot be read as an Excel workbook');
    await page.screenshot({ path: join(screenshots, 'import-error-en.png'), fullPage: true });
    await dropFile('科技指标.xlsx', readFileSync(join(files, '科技指标.xlsx')));
    await page.getByTestId('import-preview').waitFor();
    await page.screenshot({ path: join(screenshots, 'import-preview-en.png'), fullPage: true });
    expect(await page.getByTestId('nav-import').textContent()).toBe('Import');
  });

  it('made no request off the machine and threw no page errors', () => {
    expect(requests.filter((url) => !url.startsWith(app.origin) && !url.startsWith('data:') && !url.startsWith('blob:'))).toEqual([]);
    expect(pageErrors).toEqual([]);
  });
});
