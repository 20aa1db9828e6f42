import { describe, expect, it } from 'vitest';
import { readPngInfo, withPngDpi } from './pngMetadata';

// A valid 2x1 RGBA PNG (one red, one blue pixel) without a pHYs chunk, as browsers write them;
// made with Node's zlib: signature, IHDR, deflated IDAT, IEND, each with its CRC.
const TINY_PNG = Uint8Array.from(
  atob('iVBORw0KGgoAAAANSUhEUgAAAAIAAAABCAYAAAD0In+KAAAADklEQVR4nGP4z8AAQv8BD/kD/YURmXYAAAAASUVORK5CYII='),
  (char) => char.charCodeAt(0),
);

describe('PNG resolution', () => {
  it('reads the pixel size and finds no DPI in a browser PNG', () => {
    expect(readPngInfo(TINY_PNG)).toEqual({ width: 2, height: 1, dpiX: null, dpiY: null });
  });

  it('declares 300 dpi with a valid pHYs chunk right after IHDR', () => {
    const marked = withPngDpi(TINY_PNG, 300);
    expect(readPngInfo(marked)).toEqual({ width: 2, height: 1, dpiX: 300, dpiY: 300 });
    expect(String.fromCharCode(...marked.subarray(37, 41))).toBe('pHYs');
    // 300 dpi = 11811 pixels per metre; CRC of "pHYs" + data computed independently (zlib.crc32).
    expect(Array.from(marked.subarray(33, 54))).toEqual([0, 0, 0, 9, 0x70, 0x48, 0x59, 0x73, 0, 0, 0x2e, 0x23, 0, 0, 0x2e, 0x23, 1, 0x78, 0xa5, 0x3f, 0x76]);
    expect(marked.byteLength).toBe(TINY_PNG.byteLength + 21);
  });

  it('replaces an existing pHYs instead of adding a second one', () => {
    const twice = withPngDpi(withPngDpi(TINY_PNG, 96), 600);
    expect(readPngInfo(twice).dpiX).toBe(600);
    expect(twice.byteLength).toBe(TINY_PNG.byteLength + 21);
  });

  it('rejects what is not a PNG', () => {
    expect(() => withPngDpi(new TextEncoder().encode('GIF89a not a png at all, really'), 300)).toThrow('Not a PNG file');
  });
});
