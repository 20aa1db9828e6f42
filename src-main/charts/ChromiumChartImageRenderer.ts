import { readFile } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { figureText, type ChartFigure } from '@shared/domain/notebook/chartFigure';
import { rendererDirectory } from '../host/rendererDirectory';
import { ChartRendererUnavailable, type ChartImageOptions, type ChartImageRenderer } from './ChartImageRenderer';
import { CHROMIUM_ENV, findChromium } from './findChromium';

/** Chromium flags for rendering offline: no sandbox helper, no GPU, nothing that calls home. */
export const CHROMIUM_RENDER_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

/** What the render page (src-renderer/render.ts) offers, as seen from here. */
interface RenderPage {
  document: { documentElement: { dataset: Record<string, string | undefined> } };
  iwbRenderChart?: (request: unknown) => Promise<string>;
}

/** The render page is served from this made-up origin, straight from the built files; nothing reaches the network. */
const ORIGIN = 'http://iwb-render.invalid';

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.svg': 'image/svg+xml',
};

/**
 * Renders charts in a headless Chromium-family browser (playwright-core
 * drives the system's Chromium, Edge or Chrome; none is downloaded). The
 * page is the app's own `render.html`, with the bundled Noto Sans SC font.
 *
 * PNG is a screenshot of the drawn chart at `scale` device pixels per CSS
 * pixel: Plotly's own PNG export paints an SVG through an <img>, which
 * cannot use the page's web fonts, so Chinese would fall back to whatever
 * the system has (or empty boxes). SVG is Plotly's SVG export with the
 * font subsets its characters need embedded (see render.ts). PDF is the
 * drawn chart printed by the browser (vector, fonts embedded).
 */
export class ChromiumChartImageRenderer implements ChartImageRenderer {
  private readonly contexts = new Map<number, Promise<{ context: BrowserContext; page: Page }>>();

  private constructor(
    private readonly browser: Browser,
    private readonly staticDirectory: string,
  ) {}

  /**
   * Starts the browser. `env` is the browser's environment (tests run it
   * with no system fonts to prove the bundled font is what draws).
   */
  static async launch(options: { executablePath?: string; staticDirectory?: string; env?: NodeJS.ProcessEnv } = {}): Promise<ChromiumChartImageRenderer> {
    const found = options.executablePath ? { path: options.executablePath, tried: [options.executablePath] } : findChromium();
    if (!found.path) {
      throw new ChartRendererUnavailable(
        `no Chromium, Edge or Chrome was found (looked for ${found.tried.join(', ')}); install one or set ${CHROMIUM_ENV} to its program file`,
      );
    }
    let staticDirectory: string;
    try {
      staticDirectory = options.staticDirectory ?? rendererDirectory();
    } catch (error) {
      throw new ChartRendererUnavailable((error as Error).message);
    }
    let browser: Browser;
    try {
      // Loaded on first use: playwright-core is the costliest module of a start-up that never draws a chart.
      const { chromium } = await import('playwright-core');
      browser = await chromium.launch({
        executablePath: found.path,
        args: CHROMIUM_RENDER_ARGS,
        timeout: 30_000,
        ...(options.env ? { env: Object.fromEntries(Object.entries(options.env).filter((entry): entry is [string, string] => entry[1] !== undefined)) } : {}),
      });
    } catch (error) {
      throw new ChartRendererUnavailable(`${found.path} did not start: ${(error as Error).message.split('\n')[0]}`);
    }
    return new ChromiumChartImageRenderer(browser, staticDirectory);
  }

  /** One page per scale factor (device scale is fixed per browser context). */
  private page(scale: number): Promise<{ context: BrowserContext; page: Page }> {
    let entry = this.contexts.get(scale);
    if (!entry) {
      entry = (async () => {
        const context = await this.browser.newContext({ deviceScaleFactor: scale, viewport: { width: 1600, height: 1200 } });
        await context.route('**/*', (route) => this.serve(route.request().url(), route));
        const page = await context.newPage();
        await page.goto(`${ORIGIN}/render.html`);
        await page.waitForFunction(() => (globalThis as unknown as RenderPage).document.documentElement.dataset.ready === 'true');
        return { context, page };
      })();
      this.contexts.set(scale, entry);
    }
    return entry;
  }

  private async serve(url: string, route: { fulfill(response: { status: number; body?: Buffer; contentType?: string }): Promise<void>; abort(): Promise<void> }): Promise<void> {
    if (!url.startsWith(ORIGIN + '/')) return route.abort();
    const relative = decodeURIComponent(new URL(url).pathname).replace(/^\/+/, '');
    const root = normalize(this.staticDirectory + sep);
    const file = normalize(join(root, relative));
    if (!file.startsWith(root)) return route.fulfill({ status: 403 });
    try {
      const body = await readFile(file);
      await route.fulfill({ status: 200, body, contentType: CONTENT_TYPES[extname(file)] ?? 'application/octet-stream' });
    } catch {
      await route.fulfill({ status: 404 });
    }
  }

  async render(figure: ChartFigure, options: ChartImageOptions): Promise<Uint8Array> {
    const scale = options.format === 'png' ? options.scale : 1;
    const { page } = await this.page(scale);
    if (options.widthPx > 1600 || options.heightPx > 1200) {
      await page.setViewportSize({ width: Math.max(1600, options.widthPx), height: Math.max(1200, options.heightPx) });
    }
    const request = { figure, widthPx: options.widthPx, heightPx: options.heightPx, text: figureText(figure), format: options.format === 'svg' ? 'svg' : 'png' };
    // Passed as JSON text: the figure's recursive type is more than Playwright's argument typing can follow.
    const svg = await page.evaluate(async (json) => {
      const render = (globalThis as unknown as RenderPage).iwbRenderChart;
      if (!render) throw new Error('The render page did not load');
      return render(JSON.parse(json));
    }, JSON.stringify(request));
    if (options.format === 'svg') return new TextEncoder().encode(svg);
    if (options.format === 'pdf') {
      const pdf = await page.pdf({ width: `${options.widthPx}px`, height: `${options.heightPx}px`, printBackground: true, pageRanges: '1', margin: { top: '0', right: '0', bottom: '0', left: '0' } });
      return new Uint8Array(pdf.buffer, pdf.byteOffset, pdf.byteLength);
    }
    const bytes = await page.locator('#chart').screenshot({ type: 'png', animations: 'disabled' });
    return new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }

  /**
   * Prints a self-contained HTML document (the briefing) to PDF with the
   * page's own @page size and margins, page numbers centred at the foot
   * (— 1 —). The app's bundled Noto Sans SC is added to the page, so
   * Chinese prints even where no CJK font is installed; Chromium embeds the
   * fonts it used.
   */
  async printHtml(html: string): Promise<Uint8Array> {
    const { context } = await this.page(1);
    const page = await context.newPage();
    try {
      await page.goto(`${ORIGIN}/render.html`);
      const styles = (await page.evaluate(
        `[...document.querySelectorAll('link[rel="stylesheet"], style')].map((element) => element.outerHTML).join('')`,
      )) as string;
      // The briefing's own policy forbids every external resource; the bundled font is served by this page's origin.
      const printable = html.replace(/<meta http-equiv="Content-Security-Policy"[^>]*>/i, '').replace('</head>', `${styles}</head>`);
      await page.setContent(printable, { waitUntil: 'load' });
      await page.evaluate(
        `Promise.all([document.fonts.load('400 16px "Noto Sans SC"', document.body.innerText), document.fonts.load('700 16px "Noto Sans SC"', document.body.innerText)]).then(() => document.fonts.ready).then(() => true)`,
      );
      const pdf = await page.pdf({
        preferCSSPageSize: true,
        printBackground: true,
        displayHeaderFooter: true,
        headerTemplate: '<div></div>',
        footerTemplate: '<div style="width:100%;text-align:center;font-size:12pt;font-family:\'Noto Sans SC\',sans-serif">— <span class="pageNumber"></span> —</div>',
      });
      return new Uint8Array(pdf.buffer, pdf.byteOffset, pdf.byteLength);
    } finally {
      await page.close();
    }
  }

  async close(): Promise<void> {
    for (const entry of this.contexts.values()) await (await entry).context.close().catch(() => undefined);
    await this.browser.close();
  }
}
