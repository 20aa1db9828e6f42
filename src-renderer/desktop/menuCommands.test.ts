import { describe, expect, it } from 'vitest';
import type { NotebookHandle, OpenedNotebook } from '@shared/contract/services/notebookContract';
import type { AppInfo } from '@shared/contract/workbenchContract';
import { parseNotebook } from '@shared/domain/notebook/notebookText';
import { fakeWorkbenchApi, type FakeHandler } from '../store/testing/fakeWorkbenchApi';
import { createWorkbenchStore } from '../store/workbenchStore';
import { menuCommandForKey, runMenuCommand } from './menuCommands';

const { document } = parseNotebook('---\niwb-notebook: 1\n---\n\n```markdown\n# 目标\n```\n');

function opened(path: string, readOnly = false): OpenedNotebook {
  return {
    handle: 'nb_menu' as NotebookHandle,
    path,
    name: path.split('/').pop()!,
    origin: readOnly ? 'sample' : 'file',
    readOnly,
    document,
    cellLines: [5],
    problems: [],
    migratedFrom: null,
    migrations: [],
    trusted: true,
    trustReason: 'created',
    allowedFolders: null,
    recovery: null,
    dirty: false,
  };
}

/** A store over a main side that answers like the desktop app (native dialogs) or browser mode, recording every call. */
async function setup(options: { desktop: boolean; chosenPath?: string | null }) {
  const handlers: Record<string, FakeHandler> = {
    'app.info': () => ({ version: '0', duckdbVersion: 'v1.5', workspacePath: '/w/workspace.duckdb', host: options.desktop ? 'electron' : 'browser', engine: { pid: 1, restarts: 0 }, exportDirectory: '/w', nativeDialogs: options.desktop }) satisfies AppInfo,
    'notebook.open': (input) => opened(input.path as string, (input.path as string).includes('samples')),
    'notebook.list': () => ({ notebooksFolder: '/w/notebooks', workspace: [], samples: [], recent: [], recoveries: [] }),
    'notebook.runCell': () => {
      throw { kind: 'bug', message: 'no cells to run here' };
    },
    'notebook.resetSession': () => ({ reset: true }),
    'notebook.save': (input) => ({ path: (input.path as string | null) ?? '/w/notebooks/a.iwb.md', name: 'a.iwb.md', document, trusted: true }),
    'desktop.chooseNotebookOpenPath': () => ({ path: options.chosenPath ?? null }),
    'desktop.chooseNotebookSavePath': () => ({ path: options.chosenPath ?? null }),
    'desktop.chooseDataFile': () => ({ available: true, source: null }),
  };
  const { api, calls } = fakeWorkbenchApi(handlers, options.desktop ? 'electron' : 'browser');
  const store = createWorkbenchStore(api);
  await store.getState().loadAppInfo();
  let printed = 0;
  const deps = { getState: store.getState, api, print: () => void printed++ };
  return { store, calls, deps, printed: () => printed, methods: () => calls.map((call) => call.method).filter((method) => method !== 'app.info') };
}

describe('menuCommandForKey', () => {
  it('maps the menu’s shortcuts and nothing else', () => {
    const key = (key: string, extra: Partial<KeyboardEvent> = {}) => menuCommandForKey({ key, ctrlKey: true, metaKey: false, shiftKey: false, altKey: false, ...extra });
    expect([key('o'), key('s'), key('S', { shiftKey: true }), key('n'), key('i'), key('p')]).toEqual(['notebook.open', 'notebook.save', 'notebook.saveAs', 'notebook.new', 'data.import', 'briefing.pdf']);
    expect(key('s', { ctrlKey: false, metaKey: true })).toBe('notebook.save');
    expect([key('c'), key('o', { altKey: true }), key('p', { shiftKey: true }), key('s', { ctrlKey: false })]).toEqual([null, null, null, null]);
  });
});

describe('runMenuCommand in the desktop app', () => {
  it('opens a notebook chosen in the native dialog', async () => {
    const { store, deps, methods } = await setup({ desktop: true, chosenPath: '/d/规划/目标.iwb.md' });
    await runMenuCommand({ command: 'notebook.open', path: null }, deps);
    expect(methods().slice(0, 2)).toEqual(['desktop.chooseNotebookOpenPath', 'notebook.open']);
    expect(store.getState().notebook?.path).toBe('/d/规划/目标.iwb.md');
    expect(store.getState().view).toBe('notebook');
  });

  it('saves as the path the native dialog chose, overwriting what it confirmed', async () => {
    const { store, calls, deps } = await setup({ desktop: true, chosenPath: '/d/另存/新.iwb.md' });
    await runMenuCommand({ command: 'notebook.openPath', path: '/w/notebooks/a.iwb.md' }, deps);
    await runMenuCommand({ command: 'notebook.saveAs', path: null }, deps);
    expect(calls.find((call) => call.method === 'desktop.chooseNotebookSavePath')?.input).toEqual({ defaultName: 'a.iwb.md' });
    expect(calls.find((call) => call.method === 'notebook.save')?.input).toMatchObject({ path: '/d/另存/新.iwb.md', overwrite: true });
    expect(store.getState().notebookDialog).not.toBe('saveAs');
  });

  it('asks for a new name before saving a read-only sample, and does nothing when the dialog is cancelled', async () => {
    const { deps, methods } = await setup({ desktop: true, chosenPath: null });
    await runMenuCommand({ command: 'notebook.openPath', path: '/app/samples/00.iwb.md' }, deps);
    await runMenuCommand({ command: 'notebook.save', path: null }, deps);
    expect(methods()).toContain('desktop.chooseNotebookSavePath');
    expect(methods()).not.toContain('notebook.save');
  });
});

describe('runMenuCommand in browser mode', () => {
  it('falls back to the page’s own open and save-as panels', async () => {
    const { store, deps, methods } = await setup({ desktop: false });
    await runMenuCommand({ command: 'notebook.open', path: null }, deps);
    expect(store.getState().notebookDialog).toBe('open');
    await runMenuCommand({ command: 'notebook.openPath', path: '/w/notebooks/a.iwb.md' }, deps);
    await runMenuCommand({ command: 'notebook.saveAs', path: null }, deps);
    expect(store.getState().notebookDialog).toBe('saveAs');
    expect(methods().some((method) => method.startsWith('desktop.'))).toBe(false);
  });

  it('opens the native data-file dialog from 导入数据 (Ctrl+I)', async () => {
    const { store, deps, methods } = await setup({ desktop: true });
    await runMenuCommand({ command: 'data.import', path: null }, deps);
    expect(store.getState().view).toBe('import');
    expect(methods()).toContain('desktop.chooseDataFile');
  });

  it('goes to the import view for a data file, and prints when no saved notebook is open', async () => {
    const { store, deps, printed, methods } = await setup({ desktop: false });
    await runMenuCommand({ command: 'data.import', path: null }, deps);
    expect(store.getState().view).toBe('import');
    expect(methods()).not.toContain('desktop.chooseDataFile');
    await runMenuCommand({ command: 'briefing.pdf', path: null }, deps);
    expect(printed()).toBe(1);
  });
});
