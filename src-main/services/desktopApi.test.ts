import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ImportSources } from '../import/importSources';
import { resolveWorkspace } from '../workspace/workspaceLocation';
import { createDesktopApi, DATA_FILE_FILTERS } from './desktopApi';
import type { NativeDialogs } from './NativeDialogs';
import type { ServiceContext } from './ServiceContext';

const workspace = resolveWorkspace('/data/我的 工作区', {}, 'linux');

function contextWith(dialogs: NativeDialogs | undefined): ServiceContext {
  // The desktop API reads only the workspace and the dialogs.
  return { workspace, host: dialogs ? 'electron' : 'browser', version: '0', documentsDirectory: () => '/home/张三/Documents', ...(dialogs ? { dialogs } : {}) } as unknown as ServiceContext;
}

describe('desktop API', () => {
  it('answers "no dialog here" in browser mode', async () => {
    const api = createDesktopApi(contextWith(undefined), new ImportSources()).desktop;
    expect(await api.chooseNotebookOpenPath({})).toEqual({ path: null });
    expect(await api.chooseNotebookSavePath({ defaultName: '目标' })).toEqual({ path: null });
    expect(await api.setMenuLanguage({ locale: 'en' })).toEqual({ applied: false });
    expect(await api.chooseDataFile({})).toEqual({ available: false, source: null });
  });

  it('asks the shell for notebook dialogs starting in the notebooks folder, and passes the menu language on', async () => {
    const asked: unknown[] = [];
    const dialogs: NativeDialogs = {
      chooseSavePath: async (options) => (asked.push(['save', options]), '/data/别处/目标.iwb.md'),
      chooseOpenPath: async (options) => (asked.push(['open', options]), null),
      setMenuLanguage: (locale) => void asked.push(['menu', locale]),
    };
    const api = createDesktopApi(contextWith(dialogs), new ImportSources()).desktop;
    expect(await api.chooseNotebookSavePath({ defaultName: '目标' })).toEqual({ path: '/data/别处/目标.iwb.md' });
    expect(await api.chooseNotebookOpenPath({})).toEqual({ path: null });
    expect(await api.setMenuLanguage({ locale: 'en' })).toEqual({ applied: true });
    const filters = [{ name: '指标工作台笔记本 Notebook (.iwb.md)', extensions: ['iwb.md'] }];
    expect(asked).toEqual([
      ['save', { defaultPath: '/data/我的 工作区/notebooks/目标.iwb.md', filters, kind: 'notebook' }],
      ['open', { defaultPath: '/data/我的 工作区/notebooks', filters, kind: 'notebook' }],
      ['menu', 'en'],
    ]);
  });

  it('opens a data file chosen in the native dialog for importing, holding its path on the main side', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'iwb 数据 '));
    try {
      const file = join(folder, '2023 慈溪 指标.csv');
      writeFileSync(file, '年份,数值\n2023,601\n');
      const asked: unknown[] = [];
      let answer: string | null = file;
      const dialogs: NativeDialogs = {
        chooseSavePath: async () => null,
        chooseOpenPath: async (options) => (asked.push(options), answer),
        setMenuLanguage: () => undefined,
      };
      const api = createDesktopApi(contextWith(dialogs), new ImportSources()).desktop;
      const chosen = await api.chooseDataFile({});
      expect(chosen).toMatchObject({ available: true, source: { fileName: '2023 慈溪 指标.csv', format: 'csv', via: 'path', sizeBytes: 23 } });
      expect(JSON.stringify(chosen)).not.toContain(folder);
      expect(asked).toEqual([{ defaultPath: '/home/张三/Documents', filters: DATA_FILE_FILTERS, kind: 'data' }]);
      answer = null;
      expect(await api.chooseDataFile({})).toEqual({ available: true, source: null });
      answer = join(folder, '已删除.xlsx');
      await expect(api.chooseDataFile({})).rejects.toMatchObject({ code: 'import-not-found' });
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });
});
