import { readFile } from 'node:fs/promises';
import { atomicWriteFile } from '../notebook/atomicWriteFile';
import { parseLastFolders, type LastFolders } from './lastFolders';
import { parseWindowState, type WindowState } from './windowState';

/** What the desktop shell remembers per workspace (in desktop-state.json at the workspace's root). */
export interface DesktopState {
  window: WindowState | null;
  folders: LastFolders;
}

export const DESKTOP_STATE_FILE = 'desktop-state.json';

/** The remembered state; a missing or damaged file gives the defaults (it only holds conveniences). */
export async function loadDesktopState(file: string, platform: NodeJS.Platform = process.platform): Promise<DesktopState> {
  let value: unknown = null;
  try {
    value = JSON.parse(await readFile(file, 'utf8'));
  } catch {
    // No file yet, or not JSON: start from the defaults.
  }
  const record = typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {};
  return { window: parseWindowState(record.window), folders: parseLastFolders(record.folders, platform) };
}

export function desktopStateText(state: DesktopState): string {
  return JSON.stringify({ version: 1, ...state }, null, 2);
}

export async function saveDesktopState(file: string, state: DesktopState): Promise<void> {
  await atomicWriteFile(file, desktopStateText(state));
}
