import { describe, expect, it } from 'vitest';
import { workspaceInstanceKey, workspaceStartupMessage } from './workspaceStartupError';

describe('workspaceStartupMessage', () => {
  it('says the workspace is in use, and by which process, when DuckDB cannot lock it', () => {
    const error = new Error('IO Error: Could not set lock on file "/ws/workspace.duckdb": Conflicting lock is held in /usr/bin/node (PID 4242) by user 张三.');
    const message = workspaceStartupMessage(error, '/ws');
    expect(message.title).toEqual({ zh: '工作区正在使用中', en: 'The workspace is in use' });
    expect(message.message.zh).toContain('工作区 /ws 已被另一个程序打开（进程 4242）');
    expect(message.message.en).toContain('(process 4242)');
  });

  it('says the folder cannot be created, with the reason and the way out', () => {
    const error = Object.assign(new Error("EACCES: permission denied, mkdir 'C:\\Program Files\\ws'"), { code: 'EACCES' });
    const message = workspaceStartupMessage(error, 'C:\\Program Files\\ws');
    expect(message.title.zh).toBe('无法创建工作区文件夹');
    expect(message.message.zh).toContain('无法在 C:\\Program Files\\ws 创建或写入工作区（EACCES）');
    expect(message.message.zh).toContain('--workspace');
  });

  it('passes any other error on with its text', () => {
    expect(workspaceStartupMessage(new Error('engine crashed'), '/ws').message).toEqual({ zh: '/ws：engine crashed', en: '/ws: engine crashed' });
  });
});

describe('workspaceInstanceKey', () => {
  it('is one key per workspace folder, ignoring case and slashes on Windows only', () => {
    expect(workspaceInstanceKey('C:\\Users\\张三\\ws', 'win32')).toBe(workspaceInstanceKey('c:/users/张三/WS/', 'win32'));
    expect(workspaceInstanceKey('/home/a/ws', 'linux')).not.toBe(workspaceInstanceKey('/home/a/WS', 'linux'));
    expect(workspaceInstanceKey('/home/a/ws/', 'linux')).toBe(workspaceInstanceKey('/home/a/ws', 'linux'));
    expect(workspaceInstanceKey('/home/a/ws', 'linux')).toMatch(/^[0-9a-f]{16}$/);
  });
});
