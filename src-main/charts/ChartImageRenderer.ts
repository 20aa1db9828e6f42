import type { ChartFigure } from '@shared/domain/notebook/chartFigure';

export interface ChartImageOptions {
  /** `pdf` is vector: the drawn chart printed by the browser, fonts embedded; its page is the chart's CSS size. */
  format: 'png' | 'svg' | 'pdf';
  /** Size of the chart in CSS pixels. */
  widthPx: number;
  heightPx: number;
  /** Device pixels per CSS pixel for PNG (2 gives a 1920×1080 image for a 960×540 chart); SVG ignores it. */
  scale: number;
}

/**
 * Turns a chart figure into an image file's bytes. `iwb run` uses it for
 * the PNG and SVG of every chart cell; the briefing export will too.
 */
export interface ChartImageRenderer {
  render(figure: ChartFigure, options: ChartImageOptions): Promise<Uint8Array>;
  close(): Promise<void>;
}

/** Why images cannot be made on this computer, in words for the user. */
export class ChartRendererUnavailable extends Error {
  override readonly name = 'ChartRendererUnavailable';
}
