import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadDesktopState, saveDesktopState } from './desktopStateFile';

const scratch = mkdtempSync(join(tmpdir(), 'iwb-desktop-state 状态-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('desktop state file', () => {
  it('round-trips the window and the last folders', async () => {
    const file = join(scratch, 'desktop-state.json');
    const state = { window: { bounds: { x: 10, y: 20, width: 1200, height: 700 }, maximized: true }, folders: { notebook: '/home/张三/笔记本' } };
    await saveDesktopState(file, state);
    expect(await loadDesktopState(file, 'linux')).toEqual(state);
  });

  it('starts from the defaults when the file is missing or damaged', async () => {
    expect(await loadDesktopState(join(scratch, 'missing.json'), 'linux')).toEqual({ window: null, folders: {} });
    const damaged = join(scratch, 'damaged.json');
    writeFileSync(damaged, '{"window": {"bounds": ');
    expect(await loadDesktopState(damaged, 'linux')).toEqual({ window: null, folders: {} });
  });
});
