import type { ChartFigure } from '@shared/domain/chart/buildChartFigure';
import type { ChartExportSize } from '@shared/domain/chart/chartExportSize';
import { readPngInfo, withPngDpi } from '@shared/domain/chart/pngMetadata';
import type { ChartImageRenderer } from './ChartImageRenderer';

export type ChartFileFormat = 'png' | 'svg' | 'pdf';

export const CHART_MIME_TYPES: Record<ChartFileFormat, string> = {
  png: 'image/png',
  svg: 'image/svg+xml',
  pdf: 'application/pdf',
};

export interface ChartImageFile {
  bytes: Uint8Array;
  widthPx: number;
  heightPx: number;
  dpi: number | null;
}

/**
 * One chart as a file: PNG at the size's pixels with its DPI declared
 * (pHYs), SVG at the layout size, or a one-page vector PDF of the layout
 * size with the font embedded.
 */
export async function exportChartImage(renderer: ChartImageRenderer, figure: ChartFigure, format: ChartFileFormat, size: ChartExportSize): Promise<ChartImageFile> {
  const bytes = await renderer.render(figure, { format, widthPx: size.cssWidth, heightPx: size.cssHeight, scale: size.scale });
  if (format !== 'png') return { bytes, widthPx: size.cssWidth, heightPx: size.cssHeight, dpi: null };
  const png = withPngDpi(bytes, size.dpi);
  const info = readPngInfo(png);
  return { bytes: png, widthPx: info.width, heightPx: info.height, dpi: size.dpi };
}
