import { describe, expect, it } from 'vitest';
import { DEFAULT_WINDOW_SIZE, parseWindowState, restoreWindowState } from './windowState';

const laptop = { x: 0, y: 0, width: 1366, height: 728 };
const rightMonitor = { x: 1366, y: 0, width: 1920, height: 1040 };

describe('restoreWindowState', () => {
  it('keeps a saved window that lies on a display', () => {
    const saved = { bounds: { x: 100, y: 50, width: 1200, height: 650 }, maximized: false };
    expect(restoreWindowState(saved, [laptop], laptop)).toEqual(saved);
  });

  it('moves a window from an unplugged monitor back to the centre of the primary display', () => {
    const saved = { bounds: { x: 1500, y: 100, width: 1600, height: 900 }, maximized: true };
    const restored = restoreWindowState(saved, [laptop], laptop);
    expect(restored).toEqual({ bounds: { x: 0, y: 0, width: 1366, height: 728 }, maximized: true });
  });

  it('shrinks a window larger than its display and pulls it fully onto it', () => {
    const saved = { bounds: { x: 1300, y: -40, width: 2400, height: 1200 }, maximized: false };
    expect(restoreWindowState(saved, [laptop, rightMonitor], laptop).bounds).toEqual({ x: 1366, y: 0, width: 1920, height: 1040 });
    const partly = { bounds: { x: 1000, y: 400, width: 1000, height: 700 }, maximized: false };
    expect(restoreWindowState(partly, [laptop], laptop).bounds).toEqual({ x: 366, y: 28, width: 1000, height: 700 });
  });

  it('does not keep a window of which only a sliver is visible', () => {
    const sliver = { bounds: { x: 1300, y: 100, width: 900, height: 700 }, maximized: false };
    expect(restoreWindowState(sliver, [laptop], laptop).bounds).toEqual({ x: 0, y: 0, width: 1366, height: 728 });
  });

  it('opens at the default size, centred, without a saved state', () => {
    const big = { x: 0, y: 0, width: 2560, height: 1400 };
    expect(restoreWindowState(null, [big], big)).toEqual({
      bounds: { x: (2560 - DEFAULT_WINDOW_SIZE.width) / 2, y: (1400 - DEFAULT_WINDOW_SIZE.height) / 2, ...DEFAULT_WINDOW_SIZE },
      maximized: false,
    });
  });
});

describe('parseWindowState', () => {
  it('accepts what was saved and refuses anything else', () => {
    expect(parseWindowState({ bounds: { x: -8, y: 0, width: 1000, height: 700 }, maximized: false })).toEqual({ bounds: { x: -8, y: 0, width: 1000, height: 700 }, maximized: false });
    expect(parseWindowState({ bounds: { x: 0, y: 0, width: 0, height: 700 }, maximized: false })).toBeNull();
    expect(parseWindowState({ bounds: { x: 'a', y: 0, width: 10, height: 10 }, maximized: false })).toBeNull();
    expect(parseWindowState({ bounds: { x: 0, y: 0, width: Infinity, height: 10 }, maximized: false })).toBeNull();
    expect(parseWindowState(null)).toBeNull();
    expect(parseWindowState('[]')).toBeNull();
  });
});
