import { describe, expect, it } from 'vitest';
import { chartExportSize, customExportSize, pixelsForMm } from './chartExportSize';

describe('chartExportSize', () => {
  it('Word body width: 156 mm at 300 dpi is 1843 px, laid out at 640 CSS px', () => {
    expect(pixelsForMm(156, 300)).toBe(1843);
    const size = chartExportSize('word');
    expect(size).toMatchObject({ cssWidth: 640, cssHeight: 394, widthPx: 1843, heightPx: 1135, dpi: 300 });
    expect(Math.round(size.cssWidth * size.scale)).toBe(1843);
  });
  it('slide: 1920×1080 from 960×540 at 2×, 144 dpi', () => {
    expect(chartExportSize('slide')).toEqual({ cssWidth: 960, cssHeight: 540, scale: 2, widthPx: 1920, heightPx: 1080, dpi: 144 });
  });
  it('custom: exact width, height within a pixel', () => {
    const size = customExportSize(1200, 800, 150);
    expect(size.widthPx).toBe(1200);
    expect(Math.round(size.cssWidth * size.scale)).toBe(1200);
    expect(Math.abs(size.heightPx - 800)).toBeLessThanOrEqual(1);
    expect(customExportSize(800, 600, 96)).toMatchObject({ cssWidth: 800, cssHeight: 600, scale: 1 });
  });
  it('rejects sizes out of range, saying which', () => {
    expect(() => customExportSize(50, 600, 300)).toThrow('width must be a whole number of pixels from 100 to 10000; got 50');
    expect(() => customExportSize(800, 600, 5000)).toThrow('dpi must be from 72 to 1200; got 5000');
    expect(() => chartExportSize('custom')).toThrow('a custom size needs a width, a height and a dpi');
  });
});
