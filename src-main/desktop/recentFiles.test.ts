import { describe, expect, it } from 'vitest';
import { samePath, withRecentEntry } from './recentFiles';

describe('withRecentEntry', () => {
  const older = [
    { path: '/home/张三/a.iwb.md', title: 'A', openedAt: 1 },
    { path: '/home/张三/b.iwb.md', title: null, openedAt: 2 },
  ];

  it('puts the file first, once, and keeps the list short', () => {
    expect(withRecentEntry(older, { path: '/home/张三/b.iwb.md', title: 'B', openedAt: 3 }, 12, 'linux').map((entry) => entry.path)).toEqual(['/home/张三/b.iwb.md', '/home/张三/a.iwb.md']);
    expect(withRecentEntry(older, { path: '/home/张三/c.iwb.md', title: null, openedAt: 3 }, 2, 'linux').map((entry) => entry.path)).toEqual(['/home/张三/c.iwb.md', '/home/张三/a.iwb.md']);
  });

  it('treats Windows paths that differ in case or slash as one file, and Linux paths as two', () => {
    const windows = [{ path: 'C:\\Users\\张三\\规划.iwb.md', title: null, openedAt: 1 }];
    expect(withRecentEntry(windows, { path: 'c:/users/张三/规划.IWB.md', title: null, openedAt: 2 }, 12, 'win32')).toHaveLength(1);
    expect(samePath('/a/X.iwb.md', '/a/x.iwb.md', 'linux')).toBe(false);
  });
});
