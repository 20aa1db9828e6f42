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

  it('follows Windows path rules', () => {
    const folders = rememberFolder({}, 'notebook', 'D:\\规划\\2025\\目标.iwb.md', 'win32');
    expect(folders).toEqual({ notebook: 'D:\\规划\\2025' });
    expect(dialogStartPath(folders, 'notebook', 'C:\\x', '新.iwb.md', 'win32')).toBe('D:\\规划\\2025\\新.iwb.md');
  });

  it('keeps only absolute folders of known kinds from the saved file', () => {
    expect(parseLastFolders({ notebook: '/a', export: 'relative', data: '/c', other: '/b' }, 'linux')).toEqual({ notebook: '/a' });
    expect(parseLastFolders({ export: 'D:\\数据' }, 'win32')).toEqual({ export: 'D:\\数据' });
    expect(parseLastFolders('nonsense', 'linux')).toEqual({});
  });
});
