import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { CHROMIUM_RENDER_ARGS } from '../../src-main/charts/ChromiumChartImageRenderer';

const root = resolve(__dirname, '../..');

export const CHROMIUM_PATH = process.env.IWB_CHROMIUM ?? '/usr/bin/chromium';
/** The flags the app renders charts with: the same offline, sandbox-free, GPU-free Chromium. */
export const CHROMIUM_ARGS = CHROMIUM_RENDER_ARGS;

export interface ServedApp {
  url: string;
  origin: string;
  token: string;
  workspace: string;
  server: ChildProcess;
  output: () => string;
  stop(): Promise<void>;
}

/** Starts `iwb serve` (the built CLI) on a random port with a fresh workspace. */
export async function serveApp(options: { workspace?: string; env?: NodeJS.ProcessEnv } = {}): Promise<ServedApp> {
  const workspace = options.workspace ?? mkdtempSync(join(tmpdir(), 'iwb-e2e-'));
  const server = spawn(process.execPath, [join(root, 'bin/iwb.cjs'), 'serve', '--port', '0', '--workspace', workspace], {
    cwd: root,
    env: { ...process.env, ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  server.stdout!.on('data', (part: Buffer) => (output += part.toString()));
  server.stderr!.on('data', (part: Buffer) => (output += part.toString()));
  const url = await new Promise<string>((resolveUrl, reject) => {
    const timer = setTimeout(() => reject(new Error(`iwb serve did not print its URL in 30 s:\n${output}`)), 30_000);
    const check = () => {
      const match = /http:\/\/127\.0\.0\.1:\d+\/#token=[0-9a-f]+/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolveUrl(match[0]);
      }
    };
    server.stdout!.on('data', check);
    server.on('exit', (code) => reject(new Error(`iwb serve exited with ${code}:\n${output}`)));
  });
  const parsed = new URL(url);
  return {
    url,
    origin: parsed.origin,
    token: parsed.hash.replace('#token=', ''),
    workspace,
    server,
    output: () => output,
    stop: async () => {
      if (server.exitCode === null) {
        const exited = new Promise((resolveExit) => server.once('exit', resolveExit));
        server.kill('SIGINT');
        await exited;
      }
      if (!options.workspace) rmSync(workspace, { recursive: true, force: true });
    },
  };
}

export async function launchBrowser(): Promise<Browser> {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(`Chromium not found at ${CHROMIUM_PATH}. Install it (apt-get install -y chromium) or set IWB_CHROMIUM.`);
  }
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
}

/** Replaces the editor's text (insertText avoids CodeMirror's bracket auto-closing). */
export async function setEditorText(page: Page, text: string): Promise<void> {
  await page.locator('.cm-content').click();
  await page.keyboard.press('ControlOrMeta+a');
  await page.keyboard.press('Delete');
  await page.keyboard.insertText(text);
}

/** Every request the page makes, to prove nothing leaves the machine. */
export function recordRequests(page: Page): string[] {
  const urls: string[] = [];
  page.on('request', (request) => urls.push(request.url()));
  return urls;
}

/** Collects the page's uncaught errors and console errors into `errors` (tests assert it stays empty). */
export function recordPageErrors(page: Page, errors: string[]): void {
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
}
