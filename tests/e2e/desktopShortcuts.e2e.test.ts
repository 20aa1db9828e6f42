import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { openApp, type OpenedApp } from './browserHarness';

/**
 * The application menu's shortcuts in the page (browser mode): the same
 * runMenuCommand the desktop menu triggers, here falling back to the page's
 * own open and save-as panels since there is no native dialog.
 */

const workspace = mkdtempSync(join(tmpdir(), 'iwb-e2e-shortcuts-'));
let page: Page;
let pageErrors: string[];
let opened: OpenedApp | undefined;
let notebookPath: string;

beforeAll(async () => {
  mkdirSync(join(workspace, 'notebooks'), { recursive: true });
  notebookPath = join(workspace, 'notebooks', '快捷键 测试.iwb.md');
  writeFileSync(notebookPath, '---\niwb-notebook: 1\ntitle: 快捷键\n---\n\n```markdown\n# 快捷键\n```\n');
  opened = await openApp({ serve: { workspace }, viewport: { width: 1366, height: 768 } });
  ({ page, errors: pageErrors } = opened);
  await page.getByTestId('target-table').waitFor();
});

afterAll(async () => {
  await opened?.close();
  rmSync(workspace, { recursive: true, force: true });
});

describe('menu shortcuts in browser mode', () => {
  it('Ctrl+O goes to the notebooks and offers the open panel', async () => {
    await page.keyboard.press('Control+o');
    await page.getByTestId('nb-open-dialog').waitFor();
    expect(await page.getByTestId('nav-notebook').getAttribute('aria-current')).toBe('page');
    await page.getByTestId('nb-open-path').fill(notebookPath);
    await page.getByTestId('nb-open-path').press('Enter');
    await page.getByTestId('nb-cell-0').waitFor();
  });

  it('Ctrl+S saves the open notebook to its file', async () => {
    await page.getByTestId('nb-title').fill('快捷键已保存');
    await page.locator('body').click({ position: { x: 5, y: 700 } });
    await page.keyboard.press('Control+s');
    await expect.poll(() => page.getByTestId('nb-dirty-state').textContent()).toBe('已保存');
    expect(readFileSync(notebookPath, 'utf8')).toContain('title: 快捷键已保存');
  });

  it('Ctrl+Shift+S asks for a new name', async () => {
    await page.keyboard.press('Control+Shift+S');
    await page.getByTestId('nb-save-as-dialog').waitFor();
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('nb-save-as-name');
    await page.keyboard.press('Escape');
    await page.getByTestId('nb-save-as-dialog').waitFor({ state: 'detached' });
  });

  it('a dialog keeps Tab inside, closes on Escape and gives the focus back to its button', async () => {
    const focused = () => page.evaluate(() => document.activeElement?.getAttribute('data-testid') ?? document.activeElement?.tagName ?? null);
    const insideDialog = () => page.evaluate(() => Boolean(document.activeElement?.closest('[data-testid="nb-open-dialog"]')));
    await page.getByTestId('nb-open').focus();
    await page.keyboard.press('Enter');
    await page.getByTestId('nb-open-dialog').waitFor();
    expect(await insideDialog()).toBe(true);
    expect(await page.getByTestId('nb-open-dialog').getAttribute('aria-modal')).toBe('true');
    // Shift+Tab from the first field goes round to the dialog's last button, not to the page behind.
    await page.keyboard.press('Shift+Tab');
    expect(await insideDialog()).toBe(true);
    await page.keyboard.press('Tab');
    expect(await insideDialog()).toBe(true);
    await page.keyboard.press('Escape');
    await page.getByTestId('nb-open-dialog').waitFor({ state: 'detached' });
    expect(await focused()).toBe('nb-open');
  });

  it('Ctrl+I goes to the import view', async () => {
    await page.keyboard.press('Control+i');
    await expect.poll(() => page.getByTestId('nav-import').getAttribute('aria-current')).toBe('page');
    expect(pageErrors).toEqual([]);
  });
});
