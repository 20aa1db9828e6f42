import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { datasetStandInSql } from '../support/datasetStandIns';
import { openApp, type OpenedApp } from './browserHarness';

const root = resolve(__dirname, '../..');
const workspace = mkdtempSync(join(tmpdir(), 'iwb-e2e-hardening-'));
const notebooksFolder = join(workspace, 'notebooks');
const outside = mkdtempSync(join(tmpdir(), 'iwb-e2e-hardening-outside-'));
const env = { IWB_BUNDLED_DATASETS: 'off', XDG_DATA_HOME: join(workspace, 'user-data') };

let page: Page;
let pageErrors: string[];
let opened: OpenedApp | undefined;
const cell = (index: number) => page.getByTestId(`nb-cell-${index}`);

beforeAll(async () => {
  execFileSync(process.execPath, [join(root, 'bin/iwb.cjs'), 'query', datasetStandInSql([]), '--workspace', workspace], { env: { ...process.env, ...env } });
  writeFileSync(join(outside, 'secret.csv'), 'secret\n42\n');
  mkdirSync(notebooksFolder, { recursive: true });
  opened = await openApp({ serve: { workspace, env }, viewport: { width: 1366, height: 768 }, view: 'notebook' });
  ({ page, errors: pageErrors } = opened);
});

afterAll(async () => {
  await opened?.close();
  rmSync(workspace, { recursive: true, force: true });
  rmSync(outside, { recursive: true, force: true });
});

async function openNotebook(path: string): Promise<void> {
  await page.getByTestId('nb-open').click();
  await page.getByTestId('nb-open-path').fill(path);
  await page.getByTestId('nb-open-path').press('Enter');
}

describe('hardening in the browser', () => {
  it('makes a trusted notebook untrusted again when another program changed it and the user reloads', async () => {
    const path = join(notebooksFolder, 'shared.iwb.md');
    writeFileSync(path, '---\niwb-notebook: 1\ntitle: 共享笔记本\n---\n\n```sql counted\nselect count(*) as n from observations\n```\n');
    await openNotebook(path);
    await page.getByTestId('nb-untrusted').waitFor();
    await page.getByTestId('nb-trust').click();
    await expect.poll(() => page.getByTestId('nb-untrusted').count()).toBe(0);
    await expect.poll(() => readFileSync(path, 'utf8')).toMatch(/\nsignature: hmac-sha256:/);

    // A colleague in the shared folder rewrites the cell to read a file outside the notebook's folder.
    writeFileSync(path, `---\niwb-notebook: 1\ntitle: 共享笔记本\n---\n\n\`\`\`sql counted\nselect * from read_csv('${join(outside, 'secret.csv')}')\n\`\`\`\n`);
    await page.getByTestId('nb-title').fill('我的修改');
    await page.getByTestId('nb-save').click();
    await page.getByTestId('nb-conflict').waitFor();
    await page.getByTestId('nb-conflict-reload').click();

    await page.getByTestId('nb-untrusted').waitFor();
    expect(await cell(0).getAttribute('data-status')).toBe('idle');
    await page.getByTestId('nb-run-restricted').click();
    await expect.poll(() => cell(0).getByTestId('nb-cell-error').textContent()).toContain('Permission Error');
    await page.screenshot({ path: '/tmp/iwb-hardening-reload-untrusted.png' });
  });

  it('keeps the error of a named SET cell in its cell instead of blanking the window', async () => {
    const path = join(notebooksFolder, 'named-set.iwb.md');
    writeFileSync(path, '---\niwb-notebook: 1\ntitle: 设置\n---\n\n```sql settings\nSET threads = 2\n```\n\n```sql after\nselect 7 as seven\n```\n');
    await openNotebook(path);
    await page.getByTestId('nb-untrusted').waitFor();
    await page.getByTestId('nb-run-restricted').click();
    await expect.poll(() => cell(0).getByTestId('nb-cell-error').textContent()).toContain('不是查询');
    // The page is still there: the header, the other cell, no caught render error.
    expect(await page.getByTestId('nav-notebook').isVisible()).toBe(true);
    expect(await cell(1).isVisible()).toBe(true);
    expect(await page.getByTestId('view-render-error').count()).toBe(0);
    await page.screenshot({ path: '/tmp/iwb-hardening-named-set.png' });
  });

  it('logged no page errors', () => {
    expect(pageErrors).toEqual([]);
  });
});
