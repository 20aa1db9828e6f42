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
  return decodeURIComponent(url.slice(url.indexOf(',') + 1));
}

(window as Window & { iwbRenderChart?: typeof renderChart }).iwbRenderChart = renderChart;
document.documentElement.dataset.ready = 'true';
