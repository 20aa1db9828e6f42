import { createHash } from 'node:crypto';
import type { Bilingual } from '@shared/domain/bilingual';

/** What the first-run dialog says when the workspace cannot be opened. */
export interface StartupMessage {
  title: Bilingual;
  message: Bilingual;
}

const CANNOT_CREATE_CODES = new Set(['EACCES', 'EPERM', 'EROFS', 'ENOSPC', 'ENOTDIR', 'EEXIST', 'EISDIR']);

/**
 * Why the workspace did not open, for the dialog shown before any window:
 * the folder cannot be created or written (permissions, a read-only or full
 * disk, a file where the folder should be), or the database is locked by
 * another program (DuckDB: "Could not set lock on file … Conflicting lock is
 * held in … (PID n)"). Anything else is shown with its own text.
 */
export function workspaceStartupMessage(error: unknown, workspaceDirectory: string): StartupMessage {
  const text = error instanceof Error ? error.message : String(error);
  const code = typeof error === 'object' && error !== null && 'code' in error ? String((error as { code: unknown }).code) : '';
  const hint = {
    zh: '也可以用另一个文件夹启动：indicator-workbench --workspace "<文件夹>"。',
    en: 'You can also start with another folder: indicator-workbench --workspace "<folder>".',
  };
  if (/Could not set lock on file|Conflicting lock/i.test(text)) {
    const pid = /PID (\d+)/.exec(text)?.[1];
    const holder = { zh: pid ? `（进程 ${pid}）` : '', en: pid ? ` (process ${pid})` : '' };
    return {
      title: { zh: '工作区正在使用中', en: 'The workspace is in use' },
      message: {
        zh: `工作区 ${workspaceDirectory} 已被另一个程序打开${holder.zh}，可能是另一个指标工作台窗口或 iwb 命令。请先关闭它再试。\n${hint.zh}`,
        en: `The workspace ${workspaceDirectory} is open in another program${holder.en}, perhaps another Indicator Workbench window or an iwb command. Close it and try again.\n${hint.en}`,
      },
    };
  }
  if (CANNOT_CREATE_CODES.has(code) || /permission denied|read-only file system|no space left|not a directory/i.test(text)) {
    return {
      title: { zh: '无法创建工作区文件夹', en: 'The workspace folder cannot be created' },
      message: {
        zh: `无法在 ${workspaceDirectory} 创建或写入工作区（${code || text}）。请确认该位置存在、可写且有剩余空间。\n${hint.zh}`,
        en: `The workspace cannot be created or written at ${workspaceDirectory} (${code || text}). Check that the place exists, is writable and has free space.\n${hint.en}`,
      },
    };
  }
  return {
    title: { zh: '指标工作台无法打开工作区', en: 'Cannot open the workspace' },
    message: { zh: `${workspaceDirectory}：${text}`, en: `${workspaceDirectory}: ${text}` },
  };
}

/**
 * A short stable name for a workspace folder, so each workspace gets its own
 * single-instance lock (Electron keys the lock on the userData folder).
 * Windows paths are compared without case.
 */
export function workspaceInstanceKey(workspaceDirectory: string, platform: NodeJS.Platform = process.platform): string {
  const normal = platform === 'win32' ? workspaceDirectory.replace(/\//g, '\\').replace(/\\+$/, '').toLowerCase() : workspaceDirectory.replace(/\/+$/, '');
  return createHash('sha256').update(normal).digest('hex').slice(0, 16);
}
