import { describe, expect, it } from 'vitest';
import { parseLaunchArguments } from './launchArguments';

describe('parseLaunchArguments', () => {
  it('reads a double-clicked notebook of the installed app on Windows', () => {
    const argv = ['C:\\Users\\张三\\AppData\\Local\\Programs\\指标工作台\\indicator-workbench.exe', 'D:\\规划 资料\\研发投入.iwb.md'];
    expect(parseLaunchArguments(argv, { cwd: 'C:\\Windows\\System32', packaged: true, platform: 'win32' })).toEqual({ workspace: undefined, notebooks: ['D:\\规划 资料\\研发投入.iwb.md'] });
  });

  it('skips the app folder of an unpackaged run and the switches Chromium adds, and resolves relative paths', () => {
    const argv = ['/usr/lib/electron/electron', '/work/app', '--allow-file-access-from-files', '--workspace', '/data/工作区', 'notes/目标.iwb.md', 'data.csv', '--original-process-start-time=1'];
    expect(parseLaunchArguments(argv, { cwd: '/home/张三', packaged: false, platform: 'linux' })).toEqual({ workspace: '/data/工作区', notebooks: ['/home/张三/notes/目标.iwb.md'] });
  });

  it('takes --workspace=PATH and relative Windows paths', () => {
    const argv = ['indicator-workbench.exe', '--workspace=E:\\区', '子目录\\a.IWB.MD'];
    expect(parseLaunchArguments(argv, { cwd: 'D:\\资料', packaged: true, platform: 'win32' })).toEqual({ workspace: 'E:\\区', notebooks: ['D:\\资料\\子目录\\a.IWB.MD'] });
  });
});
