import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { buildChartFigure, type ChartFigure } from '@shared/domain/chart/buildChartFigure';
import type { ChartColumn } from '@shared/domain/chart/ChartSpec';
import { chartExportSize } from '@shared/domain/chart/chartExportSize';
import { readPngInfo } from '@shared/domain/chart/pngMetadata';
import { ChromiumChartImageRenderer } from '../../src-main/charts/ChromiumChartImageRenderer';
import { exportChartImage } from '../../src-main/charts/exportChartImage';
import { runCli } from '../../src-main/cli/iwb';
import { datasetStandInSql, LIST_RELATIONS_SQL } from '../support/datasetStandIns';
import { darkPixels, launchBrowser } from './browserHarness';

const root = mkdtempSync(join(tmpdir(), 'iwb-chart-exports-'));
// No system fonts at all: any Chinese in the output must come from the bundled web font.
const noFonts = join(root, 'no-fonts.conf');
writeFileSync(noFonts, `<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "fonts.dtd">\n<fontconfig><cachedir>${join(root, 'font-cache')}</cachedir></fontconfig>\n`);

let renderer: ChromiumChartImageRenderer;
let browser: Browser;
let page: Page;

const TITLE = '规上工业企业研发费用';
const columns: ChartColumn[] = [
  { name: '年份', numeric: true, yearLike: true, values: [2019, 2020, 2021, 2022, 2023] },
  { name: '研发经费', numeric: true, yearLike: false, values: [5.5e9, 6.2e9, 7.9e9, 8.2e9, 9.3e9] },
  { name: '同比增速', numeric: true, yearLike: false, values: [10.2, 12.7, 27.4, 3.8, 13.4] },
];

function comboFigure(fontFamily?: string): ChartFigure {
  const outcome = buildChartFigure(
    { kind: 'combo', x: '年份', y: ['研发经费'], y2: ['同比增速'], unit: '元', title: TITLE, sourceNote: '慈溪市统计局', preset: 'print', dataLabels: true, targets: [{ value: 1e10, label: '2024年目标' }] },
    columns,
  );
  if (!outcome.ok) throw new Error(outcome.problem.en);
  if (fontFamily) outcome.figure.layout.font = { family: fontFamily, size: 14 };
  return outcome.figure;
}

/** Dark pixels in the title band (top 9 %, middle 60 %), decoded by the browser. */
async function titleInk(png: Uint8Array): Promise<number> {
  return (await darkPixels(page, png, { left: 0.2, width: 0.6, height: 0.09 })).ink;
}

/** Parses XML with the browser's parser; returns element counts by tag name, or the parser's error. */
async function parseXml(text: string, mime: string, tags: string[]): Promise<{ error: string | null; counts: Record<string, number> }> {
  const script = `((text, mime, tags) => {
    const doc = new DOMParser().parseFromString(text, mime);
    const error = doc.getElementsByTagName('parsererror')[0];
    const counts = {};
    for (const tag of tags) counts[tag] = doc.getElementsByTagName(tag).length;
    return { error: error ? error.textContent : null, counts };
  })(${JSON.stringify(text)}, ${JSON.stringify(mime)}, ${JSON.stringify(tags)})`;
  return (await page.evaluate(script)) as { error: string | null; counts: Record<string, number> };
}

function has(tool: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${tool}`]).status === 0;
}

beforeAll(async () => {
  renderer = await ChromiumChartImageRenderer.launch({ env: { ...process.env, FONTCONFIG_FILE: noFonts } });
  browser = await launchBrowser();
  page = await browser.newPage();
});
afterAll(async () => {
  await renderer?.close();
  await browser?.close();
  rmSync(root, { recursive: true, force: true });
});

describe('chart export', () => {
  it('Word preset: 1843 px wide at 300 dpi, with the Chinese title drawn by the bundled font', async () => {
    const size = chartExportSize('word');
    const file = await exportChartImage(renderer, comboFigure(), 'png', size);
    const info = readPngInfo(file.bytes);
    expect(info).toEqual({ width: 1843, height: size.heightPx, dpiX: 300, dpiY: 300 });
    const withFont = await titleInk(file.bytes);
    const withoutFont = await titleInk((await exportChartImage(renderer, comboFigure('NoSuchFont'), 'png', size)).bytes);
    console.log(`[chart exports] word PNG ${info.width}×${info.height} @ ${info.dpiX} dpi; title ink ${withFont} px with the font, ${withoutFont} px without`);
    expect(withFont).toBeGreaterThan(2000);
    expect(withoutFont).toBeLessThan(withFont / 10);
    writeFileSync(join(root, 'word.png'), file.bytes);
  });

  it('slide preset: 1920×1080 at 144 dpi', async () => {
    const file = await exportChartImage(renderer, comboFigure(), 'png', chartExportSize('slide'));
    expect(readPngInfo(file.bytes)).toEqual({ width: 1920, height: 1080, dpiX: 144, dpiY: 144 });
  });

  it('SVG is well-formed XML with the title as text', async () => {
    const file = await exportChartImage(renderer, comboFigure(), 'svg', chartExportSize('word'));
    const svg = new TextDecoder().decode(file.bytes);
    const parsed = await parseXml(svg, 'image/svg+xml', ['svg', 'text', 'path']);
    expect(parsed.error).toBeNull();
    expect(parsed.counts.svg).toBeGreaterThan(0);
    expect(parsed.counts.text).toBeGreaterThan(10);
    expect(svg).toContain(TITLE);
  });

  it('SVG carries the font subsets it needs, and a browser opening the file loads them', async () => {
    const svg = new TextDecoder().decode((await exportChartImage(renderer, comboFigure(), 'svg', chartExportSize('word'))).bytes);
    const faces = [...svg.matchAll(/@font-face\{font-family:"Noto Sans SC";font-weight:(\d+);font-style:normal;unicode-range:([^;]+);src:url\(data:font\/woff2;base64,([^)]+)\) format\("woff2"\)\}/g)];
    expect(faces.length).toBeGreaterThan(0);
    for (const face of faces) expect(Buffer.from(face[3]!, 'base64').subarray(0, 4).toString('latin1')).toBe('wOF2');
    // Every character of the title lies in an embedded subset.
    const covered = (code: number) =>
      faces.some((face) =>
        face[2]!.split(',').some((range) => {
          const [from, to] = range.trim().replace(/^U\+/i, '').split('-');
          return code >= parseInt(from!, 16) && code <= parseInt(to ?? from!, 16);
        }),
      );
    expect([...TITLE].filter((char) => !covered(char.codePointAt(0)!))).toEqual([]);
    const path = join(root, 'embedded.svg');
    writeFileSync(path, svg);
    const viewer = await browser.newPage({ viewport: { width: 640, height: 394 } });
    try {
      await viewer.goto(`file://${path}`);
      const statuses = (await viewer.evaluate('document.fonts.ready.then(() => [...document.fonts].map((face) => face.status))')) as string[];
      console.log(`[chart exports] SVG ${Math.round(svg.length / 1024)} KB with ${faces.length} font subsets; opened in Chromium: ${statuses.filter((status) => status === 'loaded').length} loaded`);
      expect(statuses).toHaveLength(faces.length);
      expect(statuses).not.toContain('error');
      expect(statuses.filter((status) => status === 'loaded').length).toBeGreaterThan(0);
    } finally {
      await viewer.close();
    }
  });

  it('PDF is one vector page of the chart with the font embedded', async () => {
    const size = chartExportSize('word');
    const file = await exportChartImage(renderer, comboFigure(), 'pdf', size);
    expect(new TextDecoder().decode(file.bytes.subarray(0, 5))).toBe('%PDF-');
    if (!has('pdfinfo')) return console.warn('[chart exports] pdfinfo (poppler-utils) not installed: PDF page checks skipped');
    const path = join(root, 'chart.pdf');
    writeFileSync(path, file.bytes);
    const info = execFileSync('pdfinfo', [path], { encoding: 'utf8' });
    expect(info).toMatch(/Pages:\s+1\n/);
    // 640 × 394 CSS px = 480 × 295.5 pt (Chromium rounds the page height up slightly).
    expect(info).toMatch(/Page size:\s+480 x 29[56]\.\d+ pts/);
    const images = execFileSync('pdfimages', ['-list', path], { encoding: 'utf8' }).trim().split('\n');
    expect(images).toHaveLength(2); // header lines only: no raster image, the chart is vector
    const fonts = execFileSync('pdffonts', [path], { encoding: 'utf8' }).trim().split('\n').slice(2);
    expect(fonts.length).toBeGreaterThan(0);
    expect(fonts.every((line) => / yes /.test(line))).toBe(true);
  });
});

describe('briefing export', () => {
  const workspace = join(root, 'workspace');
  const out = join(root, 'out');
  const io = { stdout: '', stderr: '' };
  const cli = (...args: string[]) =>
    runCli([...args, '--workspace', workspace], { stdout: (text) => void (io.stdout += text), stderr: (text) => void (io.stderr += text) }, new Promise(() => undefined));

  beforeAll(async () => {
    await cli('query', LIST_RELATIONS_SQL, '--format', 'json');
    const existing = (JSON.parse(io.stdout) as { name: string }[]).map((row) => row.name);
    const setup = datasetStandInSql(existing);
    if (setup) expect(await cli('query', setup)).toBe(0);
    mkdirSync(out, { recursive: true });
  });

  it('iwb run --export writes a DOCX with real tables, 300-dpi images and the sources', async () => {
    io.stdout = '';
    io.stderr = '';
    const docx = join(out, '目标总览.docx');
    const code = await cli('run', resolve(__dirname, '../../queries/00-targets-overview.iwb.md'), '--out', join(out, 'run'), '--images', 'none', '--export', docx);
    expect(io.stderr).toBe('');
    expect(code).toBe(0);
    expect(io.stdout).toMatch(/Briefing: .*目标总览\.docx \(1 figure, \d+ tables, [1-9]\d* sources?\)/);
    const listing = execFileSync('unzip', ['-Z1', docx], { encoding: 'utf8' }).split('\n');
    const media = listing.filter((name) => name.startsWith('word/media/'));
    expect(media).toHaveLength(1);
    const png = new Uint8Array(execFileSync('unzip', ['-p', docx, media[0]!], { maxBuffer: 64 << 20 }));
    expect(readPngInfo(png)).toMatchObject({ width: 1843, dpiX: 300 });
    const xml = execFileSync('unzip', ['-p', docx, 'word/document.xml'], { encoding: 'utf8', maxBuffer: 64 << 20 });
    const parsed = await parseXml(xml, 'application/xml', ['w:tbl', 'w:drawing', 'w:p']);
    expect(parsed.error).toBeNull();
    expect(parsed.counts['w:tbl']).toBeGreaterThanOrEqual(2);
    expect(parsed.counts['w:drawing']).toBe(1);
    expect(xml).toContain('图1');
    expect(xml).toContain('表1');
    expect(xml).toContain('慈溪市科学技术局《慈溪市科学技术局2023年度工作总结和2024年工作思路》（2024年2月1日）');
  });

  it('LibreOffice opens the DOCX: pages counted, each chart image on a page', async () => {
    if (!has('soffice')) return console.warn('[briefing export] soffice (libreoffice-writer-nogui) is not installed: the LibreOffice conversion check is skipped');
    const notebook = join(root, '简报.iwb.md');
    writeFileSync(notebook, BRIEFING_NOTEBOOK);
    const docx = join(out, '简报.docx');
    io.stderr = '';
    expect(await cli('run', notebook, '--out', join(out, 'brief'), '--images', 'none', '--export', docx)).toBe(0);
    const converted = join(out, 'pdf');
    execFileSync('soffice', ['--headless', `-env:UserInstallation=file://${join(root, 'lo-profile')}`, '--convert-to', 'pdf', '--outdir', converted, docx], { stdio: 'ignore', timeout: 180_000 });
    const pdf = join(converted, '简报.pdf');
    expect(existsSync(pdf)).toBe(true);
    const pages = Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [pdf], { encoding: 'utf8' }))![1]);
    const images = execFileSync('pdfimages', ['-list', pdf], { encoding: 'utf8' })
      .trim()
      .split('\n')
      .slice(2)
      .map((line) => line.trim().split(/\s+/))
      .map((cells) => ({ page: Number(cells[0]), width: Number(cells[3]), ppi: Number(cells[12]) }));
    console.log(`[briefing export] LibreOffice: ${pages} pages; images ${JSON.stringify(images)}`);
    expect(pages).toBeGreaterThanOrEqual(2);
    expect(pages).toBeLessThanOrEqual(4);
    expect(images).toHaveLength(3);
    for (const image of images) {
      expect(image.page).toBeGreaterThanOrEqual(1);
      expect(image.page).toBeLessThanOrEqual(pages);
      expect(image.width).toBe(1843);
      expect(image.ppi).toBe(300);
    }
    execFileSync('pdftoppm', ['-r', '40', '-png', pdf, join(converted, 'page')]);
    expect(readdirSync(converted).filter((name) => name.startsWith('page')).length).toBe(pages);
  });

  it('--export .pdf prints the briefing on A4 with fonts embedded; --export .html is self-contained', async () => {
    const notebook = join(root, '简报.iwb.md');
    writeFileSync(notebook, BRIEFING_NOTEBOOK);
    const pdf = join(out, '简报.pdf');
    const html = join(out, '简报.html');
    expect(await cli('run', notebook, '--out', join(out, 'brief'), '--images', 'none', '--export', pdf)).toBe(0);
    expect(await cli('run', notebook, '--out', join(out, 'brief'), '--images', 'none', '--export', html, '--cells', '1-3')).toBe(0);
    expect(readFileSync(pdf).subarray(0, 5).toString()).toBe('%PDF-');
    const text = readFileSync(html, 'utf8');
    expect(text.match(/<img /g)).toHaveLength(1);
    expect(text).not.toMatch(/src="http/);
    if (!has('pdfinfo')) return;
    const info = execFileSync('pdfinfo', [pdf], { encoding: 'utf8' });
    expect(info).toMatch(/Page size:\s+59[45]\.\d+ x 841\.\d+ pts \(A4\)/);
    const fonts = execFileSync('pdffonts', [pdf], { encoding: 'utf8' }).trim().split('\n').slice(2);
    expect(fonts.every((line) => / yes /.test(line))).toBe(true);
  });

  it('--cells naming no cell is a usage error', async () => {
    io.stderr = '';
    const notebook = join(root, '简报.iwb.md');
    writeFileSync(notebook, BRIEFING_NOTEBOOK);
    expect(await cli('run', notebook, '--out', join(out, 'brief'), '--images', 'none', '--export', join(out, 'x.docx'), '--cells', '没有这个')).toBe(2);
    expect(io.stderr).toContain('--cells: no cell is named "没有这个"');
  });
});

const BRIEFING_NOTEBOOK = `---
iwb-notebook: 1
title: 研发投入简报
---

\`\`\`markdown
# 研发投入简报

## 一、总体情况

2023 年全市规上工业企业研发费用 **93 亿元**，距离 2024 年突破 100 亿元的目标还差 7 亿元。
\`\`\`

\`\`\`sql 历年研发经费
SELECT * FROM (VALUES (2019, 5500000000, 10.2, '元'), (2020, 6200000000, 12.7, '元'), (2021, 7900000000, 27.4, '元'), (2022, 8200000000, 3.8, '元'), (2023, 9300000000, 13.4, '元')) t(年份, 研发经费, 同比增速, 单位)
\`\`\`

\`\`\`chart 研发经费图
kind: combo
source: 历年研发经费
x: 年份
y: 研发经费
y2: 同比增速
unit: 元
title: 规上工业企业研发费用
sourceNote: 慈溪市统计局
preset: print
labels: true
targets: [{"value": 10000000000, "label": "2024年目标 100亿元"}]
\`\`\`

\`\`\`markdown
## 二、目标差距
\`\`\`

\`\`\`sql 差距分解
SELECT * FROM (VALUES ('2023年实际', 93.0), ('存量企业增长', 4.5), ('新增规上企业', 3.0), ('退出企业', -0.8)) t(项目, 金额)
\`\`\`

\`\`\`chart 差距瀑布图
kind: waterfall
source: 差距分解
x: 项目
y: 金额
unit: 亿元
title: 2024年研发费用预计构成
totalLabel: 2024年预计
preset: print
targets: [100]
\`\`\`

\`\`\`sql 高企
SELECT * FROM (VALUES (2021, 700, NULL, NULL), (2022, 790, NULL, NULL), (2023, 880, NULL, NULL), (2024, 985, 940, 1030)) t(年份, 家数, P10, P90)
\`\`\`

\`\`\`chart 高企扇形图
kind: fan
source: 高企
x: 年份
y: 家数
low: P10
high: P90
unit: 家
title: 有效高新技术企业数
preset: print
targets: [{"value": 1000, "label": "2024年目标 超千家"}]
\`\`\`
`;
