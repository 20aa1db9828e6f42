import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DuckDBInstance } from '@duckdb/node-api';
import iconv from 'iconv-lite';
import type { Page } from 'playwright-core';
import { statisticalTable, tableToMap, writeCsv, writeStatisticalWorkbook } from '../fixtures/importFixtures';
import { openApp, setEditorText, type OpenedApp, type ServedApp } from './browserHarness';

const screenshots = resolve(__dirname, '../../test-results/screenshots');
const files = mkdtempSync(join(tmpdir(), 'iwb-import-e2e-'));
let app: ServedApp;
let page: Page;
let requests: string[];
let pageErrors: string[];
let opened: OpenedApp | undefined;

beforeAll(async () => {
  mkdirSync(screenshots, { recursive: true });
  opened = await openApp({ viewport: { width: 1400, height: 1000 } });
  ({ app, page, requests, uncaught: pageErrors } = opened);
});

afterAll(async () => {
  await opened?.close();
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

  it('maps the names of a 万元 table to indicators and appends the rows to the observations, converted to 亿元', async () => {
    await dropFile('研发费用.xlsx', readFileSync(writeStatisticalWorkbook(files, '研发费用.xlsx', tableToMap)));
    await expect.poll(() => page.getByTestId('import-file-name').textContent()).toBe('研发费用.xlsx');
    // Numbers written with separators or full-width digits show as the numbers they become.
    const firstRow = page.getByTestId('import-columns').locator('tbody tr').first();
    expect(await firstRow.locator('td').nth(1).textContent()).toBe('452000');
    expect(await firstRow.locator('td.import-cell-cleaned').count()).toBeGreaterThan(0);
    await page.getByTestId('import-unpivot').check();
    await page.getByTestId('import-destination-observations').check();
    const mapping = page.getByTestId('import-mapping');
    await mapping.waitFor();
    // Matched despite the space; the other two wait for a choice, and Import waits with them.
    expect(await page.getByTestId('import-mapping-0').inputValue()).toBe('industrial_rd_expenditure');
    expect(await page.getByTestId('import-mapping-unmapped').textContent()).toContain('还有 2 个名称没有对应指标');
    expect(await page.getByTestId('import-run').isDisabled()).toBe(true);
    await page.getByTestId('import-mapping-1').selectOption('hightech_industry_investment');
    // A count indicator (家) cannot take 万元: the mapping says so and Import waits, as the import would refuse it.
    await page.getByTestId('import-mapping-2').selectOption('hightech_enterprises');
    expect(await mapping.textContent()).toContain('单位不符：万元 不能换算为 家');
    expect(await page.getByTestId('import-mapping-wrong-unit').textContent()).toBe('有 1 个名称的单位与所选指标不符或未写明，导入会被拒绝：请改选指标、“不导入此行”，或在文件中写明单位。');
    expect(await page.getByTestId('import-run').isDisabled()).toBe(true);
    await page.getByTestId('import-mapping-2').selectOption('');
    expect(await page.getByTestId('import-mapping-wrong-unit').count()).toBe(0);
    expect(await mapping.textContent()).toContain('万元 换算为 亿元');
    expect(await mapping.textContent()).toContain('不导入');
    await page.screenshot({ path: join(screenshots, 'import-mapping-zh.png'), fullPage: true });
    await page.getByTestId('import-run').click();
    await page.getByTestId('import-done').waitFor();
    expect(await page.getByTestId('import-done').textContent()).toContain('已导入 10 行到表 user_observations');
    await page.getByTestId('import-query').click();
    await setEditorText(page, `select year, value, unit from observations where indicator_code = 'hightech_industry_investment' and origin = 'user' order by year`);
    await page.keyboard.press('Control+Enter');
    await expect.poll(() => page.getByTestId('row-count').textContent()).toBe('5 行');
    const cells = await page.getByTestId('result-grid').locator('.vgrid-body .vgrid-row').first().locator('.vgrid-cell').allTextContents();
    expect(cells.slice(1)).toEqual(['2019', '120.5', '亿元']);
    await page.getByTestId('nav-import').click();
  });

  it('reads units written in the cells (12亿, 3,500万元), and names the years whose value states none', async () => {
    const bare = '指标,2015年,2016年,2017年\n高新技术产业投资,12亿,"3,500万元",15.5\n新认定高新技术企业,"1,200家",1300家,—\n';
    await dropFile('单元格单位.csv', Buffer.from(bare));
    await page.getByTestId('import-preview').waitFor();
    await page.getByTestId('import-unpivot').check();
    await page.getByTestId('import-destination-observations').check();
    const mapping = page.getByTestId('import-mapping');
    await mapping.waitFor();
    const unitCells = mapping.locator('tbody tr td:nth-child(2)');
    await expect.poll(() => unitCells.allTextContents()).toEqual(['亿元', '家']);
    // 15.5 beside 12亿 states no unit: the mapping says which year, and Import waits, as the import would refuse it.
    expect(await mapping.textContent()).toContain('2017 年的数值未注明单位（其他年份写了 亿元），指标以 亿元 计');
    expect(await page.getByTestId('import-run').isDisabled()).toBe(true);
    await page.screenshot({ path: join(screenshots, 'import-cell-units-zh.png'), fullPage: true });

    await dropFile('单元格单位2.csv', Buffer.from(bare.replace(',15.5\n', ',15.5亿\n')));
    await expect.poll(() => page.getByTestId('import-file-name').textContent()).toBe('单元格单位2.csv');
    await page.getByTestId('import-unpivot').check();
    await page.getByTestId('import-destination-observations').check();
    await expect.poll(() => mapping.textContent()).not.toContain('未注明单位');
    await page.getByTestId('import-run').click();
    await page.getByTestId('import-done').waitFor();
    expect(await page.getByTestId('import-done').textContent()).toContain('已导入 5 行到表 user_observations');
    await page.getByTestId('import-query').click();
    await setEditorText(page, `select year, value, entered_value, entered_unit from user_observations where indicator_code = 'hightech_industry_investment' and year < 2018 order by year`);
    await page.keyboard.press('Control+Enter');
    await expect.poll(() => page.getByTestId('row-count').textContent()).toBe('3 行');
    const second = await page.getByTestId('result-grid').locator('.vgrid-body .vgrid-row').nth(1).locator('.vgrid-cell').allTextContents();
    expect(second.slice(1)).toEqual(['2016', '0.35', '3,500', '万元']);
    await page.getByTestId('nav-import').click();
  });

  it('copies a chosen table from a DuckDB file, or attaches the file read-only', async () => {
    const path = join(files, '历史库.duckdb');
    const instance = await DuckDBInstance.create(path);
    const connection = await instance.connect();
    await connection.run(`CREATE TABLE 企业 AS SELECT i AS id, '企业' || i AS 名称 FROM range(7) t(i)`);
    await connection.run(`CREATE TABLE 区域 AS SELECT '慈溪市' AS 地区`);
    connection.closeSync();
    instance.closeSync();
    await dropFile('历史库.duckdb', readFileSync(path));
    const choice = page.getByTestId('import-duckdb');
    await choice.waitFor();
    expect(await choice.textContent()).toContain('区域');
    await page.getByTestId('import-relation-区域').uncheck();
    await page.getByTestId('import-table').fill('历史企业');
    await page.screenshot({ path: join(screenshots, 'import-duckdb-zh.png'), fullPage: true });
    await page.getByTestId('import-run').click();
    await page.getByTestId('import-done').waitFor();
    expect(await page.getByTestId('import-done').textContent()).toContain('历史企业');
    await expect.poll(() => page.getByTestId('schema-sidebar').textContent()).toContain('历史企业');
    expect(await page.getByTestId('schema-sidebar').textContent()).not.toContain('区域');

    await dropFile('历史库.duckdb', readFileSync(path));
    await page.getByTestId('import-duckdb-attach').check();
    await page.getByTestId('import-table').fill('历史库');
    await page.getByTestId('import-run').click();
    await page.getByTestId('import-done').waitFor();
    await page.getByTestId('nav-sql').click();
    await setEditorText(page, `select count(*) as n from 历史库.企业`);
    await page.keyboard.press('Control+Enter');
    await expect.poll(() => page.getByTestId('row-count').textContent()).toBe('1 行');
    const cells = await page.getByTestId('result-grid').locator('.vgrid-body .vgrid-row').first().locator('.vgrid-cell').allTextContents();
    expect(cells.slice(1)).toEqual(['7']);
    await page.getByTestId('nav-import').click();
  });

  it('cancels a large GB18030 import from the Cancel button and leaves no table', async () => {
    // 1.5 MB of GB18030 rows, repeated in the page into a ~150 MB file (the header once).
    const rows = Array.from({ length: 30_000 }, (_, index) => `企业${index},慈溪市,${index * 1.5},高新技术企业`).join('\r\n') + '\r\n';
    await page.evaluate(
      ({ head, block }) => {
        const decode = (base64: string) => Uint8Array.from(atob(base64), (character) => character.charCodeAt(0));
        const body = decode(block);
        const file = new File([decode(head), ...Array.from({ length: 100 }, () => body)], '企业名录_大.csv');
        const transfer = new DataTransfer();
        transfer.items.add(file);
        window.dispatchEvent(new DragEvent('drop', { dataTransfer: transfer, cancelable: true }));
      },
      { head: iconv.encode('名称,地区,研发投入,类别\r\n', 'gb18030').toString('base64'), block: iconv.encode(rows, 'gb18030').toString('base64') },
    );
    await page.getByTestId('import-preview').waitFor({ timeout: 60_000 });
    await expect.poll(() => page.getByTestId('import-encoding').inputValue(), { timeout: 30_000 }).toBe('gb18030');
    await page.getByTestId('import-table').fill('企业名录_取消');
    await page.getByTestId('import-run').click();
    await page.getByTestId('import-cancel').click();
    await page.getByTestId('import-cancelled').waitFor({ timeout: 30_000 });
    expect(await page.getByTestId('import-cancelled').textContent()).toContain('已取消');
    await page.screenshot({ path: join(screenshots, 'import-cancelled-zh.png'), fullPage: true });
    expect(await page.getByTestId('schema-sidebar').textContent()).not.toContain('企业名录_取消');
    expect(await page.getByTestId('import-history').textContent()).not.toContain('企业名录_大.csv');
  }, 120_000);

  it('explains a ragged CSV in Chinese, with its row and DuckDB\'s own words', async () => {
    const rows = ['名称,数值,说明', ...Array.from({ length: 30 }, (_, index) => `企业${index},${index},备注`), '企业30,30', '企业31,31,备注'];
    await dropFile('参差.csv', Buffer.from(rows.join('\n') + '\n'));
    await page.getByTestId('import-preview').waitFor();
    expect(await page.locator('.import-warning').textContent()).toContain('第 32 行有 2 个字段，而表格有 3 列；导入会在这一行停止。');
    await page.getByTestId('import-table').fill('参差表');
    await page.getByTestId('import-run').click();
    await page.getByTestId('import-error').waitFor();
    const text = (await page.getByTestId('import-error').textContent()) ?? '';
    expect(text).toContain('参差.csv：导入失败，工作区未作任何改动。问题在文件的第 32 行。有一行的字段数与表头不同');
    expect(text).toContain('DuckDB 的原文：');
    await page.screenshot({ path: join(screenshots, 'import-load-error-zh.png'), fullPage: true });
  });

  it('shows a damaged workbook as a clear error in Chinese, and in English after switching', async () => {
    const whole = readFileSync(writeStatisticalWorkbook(files, 'whole.xlsx'));
    await dropFile('broken.xlsx', whole.subarray(0, whole.length >> 1));
    await page.getByTestId('import-error').waitFor();
    expect(await page.getByTestId('import-error').textContent()).toContain('broken.xlsx：无法作为 Excel 工作簿读取，文件已损坏或不完整');
    await page.screenshot({ path: join(screenshots, 'import-error-zh.png'), fullPage: true });
    await page.getByTestId('language-switch').click();
    await expect.poll(() => page.getByTestId('import-error').textContent()).toContain('broken.xlsx: cannot be read as an Excel workbook');
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
