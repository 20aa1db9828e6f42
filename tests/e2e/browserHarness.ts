import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
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

export interface OpenedApp {
  app: ServedApp;
  browser: Browser;
  context: BrowserContext;
  page: Page;
  /** Every request the page made (nothing may leave the machine). */
  requests: string[];
  /** Uncaught errors and console errors (`recordPageErrors`). */
  errors: string[];
  /** Uncaught errors only. */
  uncaught: string[];
  close(): Promise<void>;
}

export interface OpenAppOptions {
  /** Passed to `serveApp` (a workspace of the test's own, environment). */
  serve?: Parameters<typeof serveApp>[0];
  viewport: { width: number; height: number };
  acceptDownloads?: boolean;
  /** Browser permissions granted to the app's origin (e.g. the clipboard). */
  permissions?: string[];
  /** The view the tests start in: the start page (the target board, default), SQL or notebooks. */
  view?: 'start' | 'sql' | 'notebook';
}

/**
 * The set-up every browser test shares: `iwb serve` on a fresh (or the given)
 * workspace, Chromium with one page recording its requests and errors, the
 * app loaded and, when asked, the view the tests drive opened.
 */
export async function openApp(options: OpenAppOptions): Promise<OpenedApp> {
  const app = await serveApp(options.serve);
  let browser: Browser | undefined;
  try {
    browser = await launchBrowser();
    const context = await browser.newContext({ viewport: options.viewport, ...(options.acceptDownloads ? { acceptDownloads: true } : {}) });
    if (options.permissions) await context.grantPermissions(options.permissions, { origin: app.origin });
    const page = await context.newPage();
    const errors: string[] = [];
    const uncaught: string[] = [];
    recordPageErrors(page, errors);
    page.on('pageerror', (error) => uncaught.push(error.message));
    const requests = recordRequests(page);
    await page.goto(app.url);
    await page.getByText('指标工作台').first().waitFor();
    if (options.view === 'sql') {
      await page.getByTestId('nav-sql').click();
      await page.getByTestId('run-button').waitFor();
    } else if (options.view === 'notebook') {
      await page.getByTestId('nav-notebook').click();
      await page.getByTestId('nb-start').waitFor();
    }
    const opened = browser;
    const close = async () => {
      await opened.close();
      await app.stop();
    };
    return { app, browser, context, page, requests, errors, uncaught, close };
  } catch (error) {
    await browser?.close();
    await app.stop();
    throw error;
  }
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

/** A band of an image, as fractions of its width and height from the top left. */
export interface ImageBand {
  left: number;
  width: number;
  height: number;
}

/** Dark pixels in a band of a PNG (its title, say), counted by the browser's own decoder in `page`. */
export async function darkPixels(page: Page, png: Uint8Array, band: ImageBand): Promise<{ ink: number; width: number; height: number }> {
  // Runs in the page (written as text: the tests compile without DOM types).
  const script = `(async (base64, band) => {
    const image = new Image();
    image.src = 'data:image/png;base64,' + base64;
    await image.decode();
    const canvas = document.createElement('canvas');
    canvas.width = image.naturalWidth;
    canvas.height = image.naturalHeight;
    const context = canvas.getContext('2d');
    context.drawImage(image, 0, 0);
    const { data } = context.getImageData(Math.round(canvas.width * band.left), 0, Math.round(canvas.width * band.width), Math.round(canvas.height * band.height));
    let ink = 0;
    for (let index = 0; index < data.length; index += 4) if (data[index] + data[index + 1] + data[index + 2] < 3 * 128) ink += 1;
    return { ink, width: canvas.width, height: canvas.height };
  })(${JSON.stringify(Buffer.from(png).toString('base64'))}, ${JSON.stringify(band)})`;
  return (await page.evaluate(script)) as { ink: number; width: number; height: number };
}
