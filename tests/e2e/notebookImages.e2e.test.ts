import { readPngInfo } from '../../src-shared/domain/chart/pngMetadata';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { chartFigure, type ChartFigure } from '@shared/domain/notebook/chartFigure';
import { ChromiumChartImageRenderer } from '../../src-main/charts/ChromiumChartImageRenderer';
import { runCli } from '../../src-main/cli/iwb';
import { datasetStandInSql, LIST_RELATIONS_SQL } from '../support/datasetStandIns';
import { darkPixels, launchBrowser } from './browserHarness';

const root = mkdtempSync(join(tmpdir(), 'iwb-images-'));
// A fontconfig setup with no fonts at all: whatever text appears must come from the bundled web font.
const noFonts = join(root, 'no-fonts.conf');
writeFileSync(noFonts, `<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "fonts.dtd">\n<fontconfig><cachedir>${join(root, 'font-cache')}</cachedir></fontconfig>\n`);

let renderer: ChromiumChartImageRenderer;
let browser: Browser;

const TITLE = '有效高新技术企业数量';

function figure(fontFamily?: string): ChartFigure {
  const outcome = chartFigure({ kind: 'bar', source: 's', x: '年份', y: ['数值'], title: TITLE, unit: '家' }, [
    { name: '年份', numeric: true, yearLike: true, values: [2021, 2022, 2023] },
    { name: '数值', numeric: true, yearLike: false, values: [700, 790, 880] },
  ]);
  if (!outcome.ok) throw new Error(outcome.problem.en);
  if (fontFamily) outcome.figure.layout.font = { family: fontFamily, size: 14 };
  return outcome.figure;
}

/** Dark pixels in the title band (top 10 %, left 60 %) of a PNG, counted by the browser's own decoder. */
async function titleInk(png: Uint8Array): Promise<{ ink: number; width: number; height: number }> {
  const page = await browser.newPage();
  try {
    return await darkPixels(page, png, { left: 0, width: 0.6, height: 0.1 });
  } finally {
    await page.close();
  }
}

beforeAll(async () => {
  renderer = await ChromiumChartImageRenderer.launch({ env: { ...process.env, FONTCONFIG_FILE: noFonts } });
  browser = await launchBrowser();
});
afterAll(async () => {
  await renderer?.close();
  await browser?.close();
  rmSync(root, { recursive: true, force: true });
});

describe('chart images', () => {
  it('draws Chinese with the bundled font even on a machine with no fonts at all', async () => {
    const size = { widthPx: 960, heightPx: 540, scale: 2 };
    const withFont = await titleInk(await renderer.render(figure(), { format: 'png', ...size }));
    const withoutFont = await titleInk(await renderer.render(figure('NoSuchFont'), { format: 'png', ...size }));
    console.log(`[chart images] title ink with the bundled font: ${withFont.ink} px; with no usable font: ${withoutFont.ink} px`);
    expect([withFont.width, withFont.height]).toEqual([1920, 1080]);
    // Ten characters at 18 px × 2 leave thousands of dark pixels; a font-less render leaves (next to) none.
    expect(withFont.ink).toBeGreaterThan(2000);
    expect(withoutFont.ink).toBeLessThan(withFont.ink / 20);
  });

  it('writes an SVG with the text as text, naming the font', async () => {
    const svg = new TextDecoder().decode(await renderer.render(figure(), { format: 'svg', widthPx: 960, heightPx: 540, scale: 2 }));
    expect(svg).toMatch(/^<svg[^>]+width="960" height="540"/);
    expect(svg).toContain(`>${TITLE}</text>`);
    expect(svg).toContain('Noto Sans SC');
  });
});

describe('iwb run with images', () => {
  it('writes PNG and SVG for every chart of a sample notebook', async () => {
    const workspace = join(root, 'workspace');
    const io = { stdout: '', stderr: '' };
    const cli = (...args: string[]) =>
      runCli([...args, '--workspace', workspace], { stdout: (text) => void (io.stdout += text), stderr: (text) => void (io.stderr += text) }, new Promise(() => undefined));
    await cli('query', LIST_RELATIONS_SQL, '--format', 'json');
    const existing = (JSON.parse(io.stdout) as { name: string }[]).map((row) => row.name);
    const setup = datasetStandInSql(existing);
    if (setup) expect(await cli('query', setup)).toBe(0);
    io.stderr = '';
    const out = join(root, 'out');
    const code = await cli('run', resolve(__dirname, '../../queries/03-rd-gdp-ratio.iwb.md'), '--out', out, '--images', 'png,svg');
    expect(io.stderr).toBe('');
    expect(code).toBe(0);
    const files = readdirSync(out).sort();
    expect(files.filter((file) => /\.(png|svg)$/.test(file))).toEqual(['04-实际值与目标.png', '04-实际值与目标.svg']);
    const png = readFileSync(join(out, '04-实际值与目标.png'));
    expect([...png.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    expect((await titleInk(png)).ink).toBeGreaterThan(2000);
    // The slide preset: 1920×1080 declaring 144 dpi, so Word and WPS place it at its intended size.
    expect(readPngInfo(new Uint8Array(png))).toEqual({ width: 1920, height: 1080, dpiX: 144, dpiY: 144 });
  });
});
