import { open, rm, stat } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { UsageError } from './cliCommand';

/** Why a folder cannot be used or written, in words (not an errno name). */
function folderProblem(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'EEXIST' || code === 'ENOTDIR') return 'a file has that name, or a folder on the way is a file';
  if (code === 'EACCES' || code === 'EPERM') return 'you may not write there';
  if (code === 'EROFS') return 'the disk is read-only';
  if (code === 'ENOSPC') return 'the disk is full';
  return `the system refused (${code ?? String(error)})`;
}

const notAFolder = () => Object.assign(new Error('not a folder'), { code: 'ENOTDIR' });

/**
 * That the folder `path` is, or can be made in, a folder this user can write:
 * its nearest existing part must be a folder, and a probe file is written
 * there and removed. Nothing else is made (a refused run leaves no folder).
 */
async function checkWritableFolder(path: string): Promise<void> {
  let existing = path;
  for (;;) {
    const info = await stat(existing).catch(() => null);
    if (info) {
      if (!info.isDirectory()) throw notAFolder();
      break;
    }
    const up = dirname(existing);
    if (up === existing) break;
    existing = up;
  }
  const probe = join(existing, `.iwb-probe-${process.pid}-${Date.now().toString(36)}`);
  try {
    await (await open(probe, 'wx')).close();
  } finally {
    await rm(probe, { force: true }).catch(() => undefined);
  }
}

/** The folder an option names can take a run's files: checked before any work, so a bad path is a usage error, not a crash after the run. */
export async function checkOutputFolder(path: string, option: string): Promise<void> {
  try {
    await checkWritableFolder(path);
  } catch (error) {
    throw new UsageError(`${option} ${path} cannot be used as a folder: ${folderProblem(error)}`);
  }
}

/**
 * The file an option names is not a folder and can be written, checked
 * before any work; an existing file only with `overwrite` (a briefing
 * edited in Word after last month's run is not replaced unasked).
 */
export async function checkOutputFile(path: string, option: string, overwrite: boolean): Promise<void> {
  const existing = await stat(path).catch(() => null);
  if (existing?.isDirectory()) throw new UsageError(`${option} ${path} is a folder; give a file name`);
  if (existing && !overwrite) throw new UsageError(`${option} ${path} exists; add --overwrite to replace it, or give another file name`);
  try {
    await checkWritableFolder(dirname(path));
  } catch (error) {
    throw new UsageError(`${option} ${path} cannot be written: ${folderProblem(error)}`);
  }
}
