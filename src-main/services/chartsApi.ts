import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ImplementationOf } from '@shared/contract/contractKit';
import type { ChartExportFormat, chartsContract } from '@shared/contract/services/chartsContract';
import type { ChartFigure } from '@shared/domain/chart/buildChartFigure';
import { chartExportSize, type ChartExportSize, type ChartSizePreset } from '@shared/domain/chart/chartExportSize';
import { ChartRendererUnavailable, type ChartImageRenderer } from '../charts/ChartImageRenderer';
import { CHART_MIME_TYPES, exportChartImage } from '../charts/exportChartImage';
import type { SharedChartRenderer } from '../charts/SharedChartRenderer';
import type { HtmlPdfPrinter } from '../briefing/notebookBriefing';
import type { ServiceContext } from './ServiceContext';
import { localizedError } from '@shared/contract/errorTexts';

function sizeOf(input: { size: ChartSizePreset; widthPx?: number | undefined; heightPx?: number | undefined; dpi?: number | undefined }): ChartExportSize {
  try {
    if (input.size !== 'custom') return chartExportSize(input.size);
    if (input.widthPx === undefined || input.heightPx === undefined) throw new Error('a custom size needs widthPx and heightPx');
    return chartExportSize('custom', { widthPx: input.widthPx, heightPx: input.heightPx, dpi: input.dpi ?? 300 });
  } catch (error) {
    throw localizedError('chart-size-invalid', { problem: (error as Error).message }, undefined, 'invalid-argument');
  }
}

const FILTERS: Record<ChartExportFormat, { name: string; extensions: string[] }> = {
  png: { name: 'PNG', extensions: ['png'] },
  svg: { name: 'SVG', extensions: ['svg'] },
  pdf: { name: 'PDF', extensions: ['pdf'] },
};

/** Chart exports: PNG (with DPI), SVG and vector PDF drawn by headless Chromium with the bundled font. */
export function createChartsApi(
  context: ServiceContext,
  /** One headless browser shared by chart images and briefings. */
  renderer: SharedChartRenderer<ChartImageRenderer & HtmlPdfPrinter>,
): ImplementationOf<typeof chartsContract> {
  const render = async (figure: ChartFigure, format: ChartExportFormat, size: ChartExportSize) => {
    try {
      return await renderer.use((chromium) => exportChartImage(chromium, figure, format, size));
    } catch (error) {
      if (error instanceof ChartRendererUnavailable) throw localizedError('chart-renderer-unavailable', { reason: error.message });
      throw error;
    }
  };
  return {
    charts: {
      export: async (input) => {
        const size = sizeOf(input);
        if (input.destination === 'clipboard' && input.format !== 'png') throw localizedError('chart-clipboard-png');
        if (input.destination === 'clipboard' && !context.dialogs?.copyImage) throw localizedError('chart-clipboard-desktop');
        const file = await render(input.figure as unknown as ChartFigure, input.format, size);
        const fileName = `${input.name}.${input.format}`;
        const outcome = { fileName, mimeType: CHART_MIME_TYPES[input.format], widthPx: file.widthPx, heightPx: file.heightPx, dpi: file.dpi, byteLength: file.bytes.byteLength };
        if (input.destination === 'clipboard') {
          await context.dialogs!.copyImage!(file.bytes);
          return { ...outcome, copied: true };
        }
        if (input.destination === 'dialog' && context.dialogs) {
          const path = await context.dialogs.chooseSavePath({ defaultPath: join(context.exportDirectory(), fileName), filters: [FILTERS[input.format]] });
          if (path) await writeFile(path, file.bytes);
          return { ...outcome, savedTo: path };
        }
        return { ...outcome, bytes: file.bytes };
      },
      exportAll: async (input) => {
        const size = sizeOf(input);
        const folder = join(context.exportDirectory(), input.folderName ?? 'charts');
        await mkdir(folder, { recursive: true });
        const files: string[] = [];
        const first = input.numbering?.first ?? 1;
        const width = Math.max(2, String(input.numbering?.total ?? input.charts.length).length);
        for (const [index, chart] of input.charts.entries()) {
          const file = await render(chart.figure as unknown as ChartFigure, input.format, size);
          const path = join(folder, `${String(first + index).padStart(width, '0')}-${chart.name}.${input.format}`);
          await writeFile(path, file.bytes);
          files.push(path);
        }
        return { folder, files };
      },
    },
  };
}
