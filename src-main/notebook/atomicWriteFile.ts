import { randomBytes } from 'node:crypto';
import { open, readdir, rename, stat, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

/**
 * Replaces a file so that a crash or power cut at any moment leaves either
 * the old content or the new, never a mix: write a temporary file beside
 * it, flush it to disk, rename it over the target (atomic on one file
 * system), then flush the folder so the rename itself survives a power cut.
 */
export async function atomicWriteFile(path: string, data: Uint8Array | string, options: { mode?: number } = {}): Promise<void> {
  const temporary = join(dirname(path), `${temporaryPrefix(path)}${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  const handle = await open(temporary, 'wx', options.mode ?? 0o644);
  try {
    try {
      await handle.writeFile(data);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await renameWithRetry(temporary, path);
  } catch (error) {
    await unlink(temporary).catch(() => undefined);
    throw error;
  }
  await syncDirectory(dirname(path));
  await removeStaleTemporaryFiles(path);
}

/** Temporary files of `path` start with this (hidden on Unix, grouped beside the file). */
export function temporaryPrefix(path: string): string {
  return `.${basename(path)}.`;
}

/**
 * Windows refuses to replace a file another program (an indexer, an
 * antivirus scanner) holds open for a moment; try again briefly.
 */
async function renameWithRetry(from: string, to: string): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    try {
      await rename(from, to);
      return;
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (process.platform !== 'win32' || attempt >= 8 || !['EPERM', 'EACCES', 'EBUSY'].includes(code ?? '')) throw error;
      await new Promise((resolve) => setTimeout(resolve, 25 * 2 ** Math.min(attempt, 4)));
    }
  }
}

async function syncDirectory(directory: string): Promise<void> {
  // Windows cannot open a folder for flushing; its rename is already durable enough (NTFS journals metadata).
  if (process.platform === 'win32') return;
  const handle = await open(directory, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** Temporary files left by a save that was killed, older than a minute (so never another process's live save). */
async function removeStaleTemporaryFiles(path: string): Promise<void> {
  const prefix = temporaryPrefix(path);
  const directory = dirname(path);
  let names: string[];
  try {
    names = await readdir(directory);
  } catch {
    return;
  }
  const cutoff = Date.now() - 60_000;
  for (const name of names) {
    if (!name.startsWith(prefix) || !name.endsWith('.tmp')) continue;
    const file = join(directory, name);
    try {
      if ((await stat(file)).mtimeMs < cutoff) await unlink(file);
    } catch {
      // Gone already, or not ours to remove: either way nothing to do.
    }
  }
}
