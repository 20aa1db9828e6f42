import { createRequire } from 'node:module';
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { _electron, type ElectronApplication, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordPageErrors, setEditorText } from './browserHarness';

/**
 * The desktop shell itself: starts the built app (out/) in Electron, waits
 * for the target board, runs one SQL query, opens a sample notebook, and
 * closes. Runs wherever an Electron binary is present (node_modules/electron/dist
 * or ELECTRON_OVERRIDE_DIST_PATH); elsewhere it is skipped, with the reason.
 * Not against a packaged executable: Playwright drives Electron through the
 * Node inspector, which the package's EnableNodeCliInspectArguments fuse turns off.
 */

const root = resolve(__dirname, '../..');
const { findElectronBinary } = createRequire(import.meta.url)('../../scripts/electronBinary.cjs') as {
  findElectronBinary(root: string): { path: string | null; reason?: string };
};
const electron = findElectronBinary(root);
const skipReason = electron.path ? null : `Electron smoke test skipped: ${electron.reason}`;
if (skipReason) console.warn(skipReason);

describe.skipIf(skipReason !== null)('desktop app (Electron)', () => {
  let app: ElectronApplication;
  let page: Page;
  let workspace: string;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    workspace = mkdtempSync(join(tmpdir(), 'iwb-electron-'));
    app = await _electron.launch({
      executablePath: electron.path!,
      args: [root, '--workspace', workspace],
      cwd: root,
      env: { ...process.env, ELECTRON_ENABLE_LOGGING: '1' },
      timeout: 60_000,
    });
    page = await app.firstWindow();
    recordPageErrors(page, pageErrors);
  });

  afterAll(async () => {
    await app?.close().catch(() => undefined);
    if (workspace) rmSync(workspace, { recursive: true, force: true });
  });

  it('opens on the target board, in Chinese, from its own origin', async () => {
    await page.getByTestId('target-table').waitFor();
    expect(await page.getByTestId('nav-targets').getAttribute('aria-current')).toBe('page');
    expect(new URL(page.url()).origin).toBe('app://renderer');
    // Isolated and sandboxed: the page sees the one bridge object and no Node.
    expect(await page.evaluate(() => [typeof (globalThis as { require?: unknown }).require, typeof (globalThis as { process?: unknown }).process, typeof (globalThis as { iwbHost?: unknown }).iwbHost])).toEqual([
      'undefined',
      'undefined',
      'object',
    ]);
  });

  it('runs one SQL query through the engine process', async () => {
    await page.getByTestId('nav-sql').click();
    await setEditorText(page, "SELECT 42 AS answer, '慈溪' AS 名称");
    await page.getByTestId('run-button').click();
    await expect.poll(() => page.getByTestId('row-count').textContent()).toBe('1 行');
    expect(await page.getByTestId('result-grid').locator('.vgrid-hcell .column-name').allTextContents()).toEqual(['answer', '名称']);
  });

  it('opens a sample notebook', async () => {
    await page.getByTestId('nav-notebook').click();
    await page.getByTestId('nb-start').waitFor();
    await page.getByTestId('nb-start-samples').getByText('有效高新技术企业超过千家').click();
    await page.getByTestId('nb-cell-0').waitFor();
  });

  it('answers the Chinese application menu', async () => {
    expect(await app.evaluate(({ Menu }) => Menu.getApplicationMenu()?.items.map((item) => item.label))).toEqual(['文件(&F)', '编辑(&E)', '视图(&V)', '窗口(&W)', '帮助(&H)']);
    await app.evaluate(({ Menu }) => Menu.getApplicationMenu()?.getMenuItemById('notebook.new')?.click());
    await page.getByTestId('nb-new-dialog').waitFor();
    await page.keyboard.press('Escape');
  });

  it('hands a second launch for the same workspace to this window, which opens its notebook', async () => {
    mkdirSync(join(workspace, 'notebooks'), { recursive: true });
    const notebook = join(workspace, 'notebooks', '第二次 启动.iwb.md');
    writeFileSync(notebook, '---\niwb-notebook: 1\ntitle: 第二次启动\n---\n\n```markdown\n# 第二次启动\n```\n');
    const second = spawn(electron.path!, [root, '--workspace', workspace, notebook], { cwd: root, stdio: 'ignore' });
    const exitCode = await new Promise<number | null>((resolveExit) => second.once('exit', resolveExit));
    expect(exitCode).toBe(0);
    await expect.poll(() => page.getByTestId('nb-title').inputValue()).toBe('第二次启动');
    expect(pageErrors).toEqual([]);
  });

  it('remembers the window’s place when it closes', async () => {
    const bounds = await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows()[0]!.getNormalBounds());
    await app.close();
    const saved = JSON.parse(readFileSync(join(workspace, 'desktop-state.json'), 'utf8')) as { window: { bounds: unknown; maximized: boolean } };
    expect(saved.window).toEqual({ bounds, maximized: false });
  });
});
