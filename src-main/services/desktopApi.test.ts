import { describe, expect, it } from 'vitest';
import { resolveWorkspace } from '../workspace/workspaceLocation';
import { createDesktopApi } from './desktopApi';
import type { NativeDialogs } from './NativeDialogs';
import type { ServiceContext } from './ServiceContext';

const workspace = resolveWorkspace('/data/我的 工作区', {}, 'linux');

function contextWith(dialogs: NativeDialogs | undefined): ServiceContext {
  // The desktop API reads only the workspace and the dialogs.
  return { workspace, host: dialogs ? 'electron' : 'browser', version: '0', ...(dialogs ? { dialogs } : {}) } as unknown as ServiceContext;
}

describe('desktop API', () => {
  it('answers "no dialog here" in browser mode', async () => {
    const api = createDesktopApi(contextWith(undefined)).desktop;
    expect(await api.chooseNotebookOpenPath({})).toEqual({ path: null });
    expect(await api.chooseNotebookSavePath({ defaultName: '目标' })).toEqual({ path: null });
    expect(await api.setMenuLanguage({ locale: 'en' })).toEqual({ applied: false });
  });

  it('asks the shell for notebook dialogs starting in the notebooks folder, and passes the menu language on', async () => {
    const asked: unknown[] = [];
    const dialogs: NativeDialogs = {
      chooseSavePath: async (options) => (asked.push(['save', options]), '/data/别处/目标.iwb.md'),
      chooseOpenPath: async (options) => (asked.push(['open', options]), null),
      setMenuLanguage: (locale) => void asked.push(['menu', locale]),
    };
    const api = createDesktopApi(contextWith(dialogs)).desktop;
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
});
