/**
 * Export sizes. A chart is laid out at a CSS size chosen so its 14 px text
 * prints at about 五号 (10.5 pt) at the physical size, then drawn at `scale`
 * device pixels per CSS pixel to reach the pixel size asked for; the PNG
 * declares `dpi` (pHYs) so Word and WPS place it at that physical size.
 */

export type ChartSizePreset = 'word' | 'slide' | 'custom';
export const CHART_SIZE_PRESETS: readonly ChartSizePreset[] = ['word', 'slide', 'custom'];

export interface ChartExportSize {
  /** Layout size in CSS pixels. */
  cssWidth: number;
  cssHeight: number;
  /** Device pixels per CSS pixel. */
  scale: number;
  /** Final image size in pixels. */
  widthPx: number;
  heightPx: number;
  dpi: number;
}

const MM_PER_INCH = 25.4;
/** CSS pixels per inch of printed output that make 14 px text about 10.5 pt (300 dpi / 2.88). */
const LAYOUT_PPI = 104.2;

/** Word A4 body: GB/T 9704 text block 156 mm wide; 96 mm high (about 5:3). */
export const WORD_BODY_MM = { width: 156, height: 96 } as const;
export const WORD_DPI = 300;
/** 16:9 slide, 1920×1080; 144 dpi makes it 13.33 in (33.87 cm) wide, a PowerPoint/WPS widescreen slide. */
export const SLIDE_PX = { width: 1920, height: 1080, dpi: 144 } as const;

export function pixelsForMm(mm: number, dpi: number): number {
  return Math.round((mm / MM_PER_INCH) * dpi);
}

/** Size for a pixel size and resolution; the layout keeps text at about 10.5 pt when printed at `dpi`. */
export function customExportSize(widthPx: number, heightPx: number, dpi: number): ChartExportSize {
  if (!(Number.isInteger(widthPx) && widthPx >= 100 && widthPx <= 10_000)) throw new Error(`width must be a whole number of pixels from 100 to 10000; got ${widthPx}`);
  if (!(Number.isInteger(heightPx) && heightPx >= 100 && heightPx <= 10_000)) throw new Error(`height must be a whole number of pixels from 100 to 10000; got ${heightPx}`);
  if (!(dpi >= 72 && dpi <= 1200)) throw new Error(`dpi must be from 72 to 1200; got ${dpi}`);
  const cssWidth = Math.round(widthPx / Math.max(1, dpi / LAYOUT_PPI));
  const scale = widthPx / cssWidth;
  const cssHeight = Math.round(heightPx / scale);
  // The width is exact; the height can differ from the one asked by a pixel (whole CSS pixels × a fractional scale).
  return { cssWidth, cssHeight, scale, widthPx, heightPx: Math.round(cssHeight * scale), dpi };
}

export function chartExportSize(preset: ChartSizePreset, custom?: { widthPx: number; heightPx: number; dpi: number }): ChartExportSize {
  if (preset === 'word') return customExportSize(pixelsForMm(WORD_BODY_MM.width, WORD_DPI), pixelsForMm(WORD_BODY_MM.height, WORD_DPI), WORD_DPI);
  if (preset === 'slide') {
    // Slides are read from across a room: lay out at 960×540 so text is large.
    return { cssWidth: 960, cssHeight: 540, scale: 2, widthPx: SLIDE_PX.width, heightPx: SLIDE_PX.height, dpi: SLIDE_PX.dpi };
  }
  if (!custom) throw new Error('a custom size needs a width, a height and a dpi');
  return customExportSize(custom.widthPx, custom.heightPx, custom.dpi);
}
