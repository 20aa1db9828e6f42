/** A rectangle in screen coordinates (Electron's Rectangle). */
export interface Rectangle {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** What is remembered of the main window between runs. */
export interface WindowState {
  bounds: Rectangle;
  maximized: boolean;
}

export const DEFAULT_WINDOW_SIZE = { width: 1440, height: 900 } as const;
export const MIN_WINDOW_SIZE = { width: 960, height: 600 } as const;
/** How much of the window must lie on a display for the saved position to be kept (its title bar, roughly). */
const MIN_VISIBLE = { width: 200, height: 60 } as const;

function isRectangle(value: unknown): value is Rectangle {
  if (typeof value !== 'object' || value === null) return false;
  const record = value as Record<string, unknown>;
  return ['x', 'y', 'width', 'height'].every((key) => typeof record[key] === 'number' && Number.isFinite(record[key]));
}

/** The saved state, or null when the file held anything else (then the window opens at its default place). */
export function parseWindowState(value: unknown): WindowState | null {
  if (typeof value !== 'object' || value === null) return null;
  const record = value as Record<string, unknown>;
  if (!isRectangle(record.bounds) || typeof record.maximized !== 'boolean') return null;
  if (record.bounds.width <= 0 || record.bounds.height <= 0) return null;
  return { bounds: { ...record.bounds }, maximized: record.maximized };
}

function overlap(a: Rectangle, b: Rectangle): { width: number; height: number } {
  return {
    width: Math.max(0, Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x)),
    height: Math.max(0, Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y)),
  };
}

function centered(size: { width: number; height: number }, area: Rectangle): Rectangle {
  const width = Math.min(size.width, area.width);
  const height = Math.min(size.height, area.height);
  return { x: area.x + Math.round((area.width - width) / 2), y: area.y + Math.round((area.height - height) / 2), width, height };
}

/**
 * Where the window opens: the saved bounds when enough of them lies on one of
 * today's displays (a monitor may have been unplugged, or the resolution
 * lowered), shrunk to that display's work area and moved fully onto it;
 * otherwise the default size centred on the primary display.
 */
export function restoreWindowState(saved: WindowState | null, workAreas: readonly Rectangle[], primary: Rectangle): WindowState {
  const fallback = { bounds: centered(DEFAULT_WINDOW_SIZE, primary), maximized: saved?.maximized ?? false };
  if (!saved) return fallback;
  let best: Rectangle | null = null;
  let bestArea = 0;
  for (const area of workAreas) {
    const shared = overlap(saved.bounds, area);
    if (shared.width >= MIN_VISIBLE.width && shared.height >= MIN_VISIBLE.height && shared.width * shared.height > bestArea) {
      best = area;
      bestArea = shared.width * shared.height;
    }
  }
  if (!best) return fallback;
  const width = Math.min(Math.max(saved.bounds.width, Math.min(MIN_WINDOW_SIZE.width, best.width)), best.width);
  const height = Math.min(Math.max(saved.bounds.height, Math.min(MIN_WINDOW_SIZE.height, best.height)), best.height);
  const x = Math.min(Math.max(saved.bounds.x, best.x), best.x + best.width - width);
  const y = Math.min(Math.max(saved.bounds.y, best.y), best.y + best.height - height);
  return { bounds: { x, y, width, height }, maximized: saved.maximized };
}
