import { describe, expect, it } from 'vitest';
import { buildApplicationMenu, type MenuItemSpec } from './applicationMenu';

function find(items: MenuItemSpec[], predicate: (item: Exclude<MenuItemSpec, { type: 'separator' }>) => boolean): Exclude<MenuItemSpec, { type: 'separator' }> | undefined {
  for (const item of items) {
    if (item.type === 'separator') continue;
    if (predicate(item)) return item;
    const inner = item.submenu ? find(item.submenu, predicate) : undefined;
    if (inner) return inner;
  }
  return undefined;
}

describe('buildApplicationMenu', () => {
  const recent = [
    { path: 'D:\\规划\\研发&投入.iwb.md', title: '研发投入强度', openedAt: 2 },
    { path: '/home/张三/b.iwb.md', title: null, openedAt: 1 },
  ];

  it('is in Chinese by default with the usual shortcuts bound to window commands', () => {
    const menu = buildApplicationMenu('zh-CN', { recent, packaged: true });
    expect(menu.map((item) => (item.type === 'separator' ? '-' : item.label))).toEqual(['文件(&F)', '编辑(&E)', '视图(&V)', '窗口(&W)', '帮助(&H)']);
    const shortcuts = Object.fromEntries(['notebook.new', 'notebook.open', 'notebook.save', 'notebook.saveAs', 'data.import', 'briefing.pdf'].map((command) => [command, find(menu, (item) => item.command === command)?.accelerator]));
    expect(shortcuts).toEqual({
      'notebook.new': 'CmdOrCtrl+N',
      'notebook.open': 'CmdOrCtrl+O',
      'notebook.save': 'CmdOrCtrl+S',
      'notebook.saveAs': 'CmdOrCtrl+Shift+S',
      'data.import': 'CmdOrCtrl+I',
      'briefing.pdf': 'CmdOrCtrl+P',
    });
    expect(find(menu, (item) => item.command === 'notebook.save')?.label).toBe('保存');
    expect(find(menu, (item) => item.role === 'copy')?.label).toBe('复制');
  });

  it('switches to English', () => {
    const menu = buildApplicationMenu('en', { recent: [], packaged: true });
    expect(find(menu, (item) => item.command === 'notebook.saveAs')?.label).toBe('Save as…');
    expect(find(menu, (item) => item.label === 'Open recent')?.submenu).toEqual([{ label: '(none)', enabled: false }]);
  });

  it('lists recent files with numbered mnemonics, the file’s own & escaped, each opening its path', () => {
    const menu = buildApplicationMenu('zh-CN', { recent, packaged: true });
    expect(find(menu, (item) => item.label === '最近打开')?.submenu).toEqual([
      { label: '&1 研发投入强度 — 研发&&投入.iwb.md', command: 'notebook.openPath', path: 'D:\\规划\\研发&投入.iwb.md' },
      { label: '&2 b.iwb.md', command: 'notebook.openPath', path: '/home/张三/b.iwb.md' },
    ]);
  });

  it('offers developer tools only in an unpackaged run', () => {
    expect(find(buildApplicationMenu('zh-CN', { recent: [], packaged: true }), (item) => item.role === 'toggleDevTools')).toBeUndefined();
    expect(find(buildApplicationMenu('zh-CN', { recent: [], packaged: false }), (item) => item.role === 'toggleDevTools')).toBeDefined();
  });
});
