import '@shared/contract/zodSettings';
import '@fontsource/noto-sans-sc/400.css';
import '@fontsource/noto-sans-sc/700.css';
import { Plotly, type PlotData, type PlotLayout } from './charts/plotly';

/**
 * The page `iwb run` loads in headless Chromium to turn chart figures into
 * images (see src-main/charts/ChartImageRenderer.ts). It draws with the same
 * Plotly build and the same bundled Noto Sans SC font as the app, and waits
 * until the font's glyphs for the chart's text are loaded, so Chinese never
 * comes out as empty boxes.
 */

export interface RenderRequest {
  figure: { data: unknown[]; layout: Record<string, unknown> };
  widthPx: number;
  heightPx: number;
  /** Every character the chart shows, to load the font subsets that hold them. */
  text: string;
  /** `svg` returns the SVG document; `png` returns nothing and the caller screenshots `#chart`. */
  format: 'png' | 'svg';
}

async function renderChart(request: RenderRequest): Promise<string> {
  const host = document.getElementById('chart')!;
  host.style.width = `${request.widthPx}px`;
  host.style.height = `${request.heightPx}px`;
  await Promise.all([
    document.fonts.load(`400 16px "Noto Sans SC"`, request.text),
    document.fonts.load(`700 16px "Noto Sans SC"`, request.text),
  ]);
  await document.fonts.ready;
  Plotly.purge(host);
  await Plotly.newPlot(
    host,
    request.figure.data as PlotData[],
    { ...(request.figure.layout as Partial<PlotLayout>), width: request.widthPx, height: request.heightPx },
    { staticPlot: true, displayModeBar: false, responsive: false },
  );
  if (request.format === 'png') return '';
  const url = await Plotly.toImage(host, { format: 'svg', width: request.widthPx, height: request.heightPx });
  return embedFonts(decodeURIComponent(url.slice(url.indexOf(',') + 1)), request.text);
}

function unicodeRanges(text: string): [number, number][] {
  return text
    .split(',')
    .map((part) => part.trim().replace(/^U\+/i, ''))
    .filter(Boolean)
    .map((part) => {
      const [from, to] = part.split('-');
      return [parseInt(from!.replace(/\?/g, '0'), 16), parseInt((to ?? from!).replace(/\?/g, 'f'), 16)];
    });
}

function blobToDataUrl(blob: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result));
    reader.onerror = () => reject(reader.error ?? new Error('could not read the font'));
    reader.readAsDataURL(blob);
  });
}

/**
 * Puts the subsets of the bundled Noto Sans SC that hold the chart's
 * characters into the SVG as data-URI @font-face rules, so the SVG shows
 * Chinese in any browser or editor that honours CSS fonts, whatever fonts
 * the viewing machine has. Only the subsets needed: a chart adds a few
 * hundred kilobytes, not the whole font.
 */
async function embedFonts(svg: string, text: string): Promise<string> {
  const codes = new Set([...text].map((char) => char.codePointAt(0)!));
  const rules: string[] = [];
  for (const sheet of Array.from(document.styleSheets)) {
    let cssRules: CSSRuleList;
    try {
      cssRules = sheet.cssRules;
    } catch {
      continue;
    }
    for (const rule of Array.from(cssRules)) {
      if (!(rule instanceof CSSFontFaceRule)) continue;
      const style = rule.style;
      if (!style.getPropertyValue('font-family').includes('Noto Sans SC')) continue;
      const ranges = unicodeRanges(style.getPropertyValue('unicode-range') || 'U+0-10FFFF');
      if (![...codes].some((code) => ranges.some(([from, to]) => code >= from && code <= to))) continue;
      const source = /url\(\s*["']?([^"')]+)["']?\s*\)\s*format\(\s*["']?woff2/.exec(style.getPropertyValue('src'));
      if (!source) continue;
      let href = source[1]!;
      if (!href.startsWith('data:')) {
        const response = await fetch(new URL(href, sheet.href ?? document.baseURI));
        href = await blobToDataUrl(new Blob([await response.arrayBuffer()], { type: 'font/woff2' }));
      }
      rules.push(
        `@font-face{font-family:"Noto Sans SC";font-weight:${style.getPropertyValue('font-weight') || '400'};font-style:normal;unicode-range:${style.getPropertyValue('unicode-range')};src:url(${href}) format("woff2")}`,
      );
    }
  }
  if (rules.length === 0) return svg;
  const close = svg.indexOf('>');
  return `${svg.slice(0, close + 1)}<defs><style type="text/css">${rules.join('')}</style></defs>${svg.slice(close + 1)}`;
}

(window as Window & { iwbRenderChart?: typeof renderChart }).iwbRenderChart = renderChart;
document.documentElement.dataset.ready = 'true';
