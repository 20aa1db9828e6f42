import { describe, expect, it } from 'vitest';
import { dialogStartPath, parseLastFolders, rememberFolder } from './lastFolders';

describe('last folder memory', () => {
  it('starts each kind of dialog where that kind was last chosen', () => {
    let folders = parseLastFolders(undefined, 'linux');
    expect(dialogStartPath(folders, 'notebook', '/ws/notebooks', undefined, 'linux')).toBe('/ws/notebooks');
    folders = rememberFolder(folders, 'export', '/home/张三/下载/统计 年鉴.xlsx', 'linux');
    expect(dialogStartPath(folders, 'export', '/ws', undefined, 'linux')).toBe('/home/张三/下载');
    expect(dialogStartPath(folders, 'notebook', '/ws/notebooks', '新笔记本.iwb.md', 'linux')).toBe('/ws/notebooks/新笔记本.iwb.md');
  });

  it('remembers data files apart from notebooks, and forgets a folder that is gone', () => {
    let folders = rememberFolder({}, 'data', '/media/U盘/统计 年鉴/2023 慈溪.xlsx', 'linux');
    folders = rememberFolder(folders, 'notebook', '/ws/notebooks/目标.iwb.md', 'linux');
    expect(folders).toEqual({ data: '/media/U盘/统计 年鉴', notebook: '/ws/notebooks' });
    const present = new Set(['/ws/notebooks']);
    const exists = (folder: string) => present.has(folder);
    // The USB stick was removed: the data dialog starts in Documents again; the notebook folder is still there.
    expect(dialogStartPath(folders, 'data', '/home/张三/Documents', undefined, 'linux', exists)).toBe('/home/张三/Documents');
    expect(dialogStartPath(folders, 'notebook', '/x', undefined, 'linux', exists)).toBe('/ws/notebooks');
    expect(dialogStartPath(rememberFolder({}, 'data', 'E:\\数据 备份\\面板.csv', 'win32'), 'data', 'C:\\Users\\张三\\Documents', undefined, 'win32', () => false)).toBe('C:\\Users\\张三\\Documents');
  });

  it('follows Windows path rules', () => {
    const folders = rememberFolder({}, 'notebook', 'D:\\规划\\2025\\目标.iwb.md', 'win32');
    expect(folders).toEqual({ notebook: 'D:\\规划\\2025' });
    expect(dialogStartPath(folders, 'notebook', 'C:\\x', '新.iwb.md', 'win32')).toBe('D:\\规划\\2025\\新.iwb.md');
  });

  it('keeps only absolute folders of known kinds from the saved file', () => {
    expect(parseLastFolders({ notebook: '/a', export: 'relative', data: '/c', other: '/b' }, 'linux')).toEqual({ notebook: '/a', data: '/c' });
    expect(parseLastFolders({ export: 'D:\\数据' }, 'win32')).toEqual({ export: 'D:\\数据' });
    expect(parseLastFolders('nonsense', 'linux')).toEqual({});
  });
});
