import { readdir, readFile, rm, unlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { decodeNotebookBytes } from '@shared/domain/notebook/notebookSource';
import { canonicalNotebookText, parseNotebook } from '@shared/domain/notebook/notebookText';
import type { NotebookFolders } from '../notebook/notebookFolders';

/**
 * What a crash (kill -9, power cut, a parser abort) leaves behind, removed
 * at start-up: import staging folders of processes that are gone
 * (`iwb-import-PID-XXXXXXXX` in the temp folder), temporary files of atomic
 * saves whose writer is gone (`.NAME.PID.XXXXXXXX.tmp`), and recovery
 * copies that no longer hold unsaved work (their text is what the file
 * says now). Anything of a process still running is left alone: another
 * window or `iwb` command may be using it.
 */
export interface LeftoverReport {
  importFolders: string[];
  temporaryFiles: string[];
  recoveryCopies: string[];
}

const IMPORT_FOLDER = /^iwb-import-(\d+)-[0-9a-f]{8}$/;
const SAVE_TEMPORARY = /^\..+\.(\d+)\.[0-9a-f]{8}\.tmp$/;

export function processIsRunning(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

async function names(folder: string): Promise<string[]> {
  try {
    return await readdir(folder);
  } catch {
    return [];
  }
}

export async function cleanCrashLeftovers(
  folders: Pick<NotebookFolders, 'notebooks' | 'recovery' | 'recentFile'>,
  options: { temporaryFolder?: string; isRunning?: (pid: number) => boolean } = {},
): Promise<LeftoverReport> {
  const isRunning = options.isRunning ?? processIsRunning;
  const report: LeftoverReport = { importFolders: [], temporaryFiles: [], recoveryCopies: [] };
  const temporaryFolder = options.temporaryFolder ?? tmpdir();

  for (const name of await names(temporaryFolder)) {
    const owner = IMPORT_FOLDER.exec(name)?.[1];
    if (owner === undefined || isRunning(Number(owner))) continue;
    const path = join(temporaryFolder, name);
    await rm(path, { recursive: true, force: true }).then(() => report.importFolders.push(path), () => undefined);
  }

  for (const folder of new Set([folders.notebooks, folders.recovery, join(folders.recentFile, '..')])) {
    for (const name of await names(folder)) {
      const owner = SAVE_TEMPORARY.exec(name)?.[1];
      if (owner === undefined || isRunning(Number(owner))) continue;
      const path = join(folder, name);
      await unlink(path).then(() => report.temporaryFiles.push(path), () => undefined);
    }
  }

  for (const name of (await names(folders.recovery)).filter((candidate) => candidate.endsWith('.json'))) {
    const path = join(folders.recovery, name);
    if (await recoveryHoldsNothingUnsaved(path)) await unlink(path).then(() => report.recoveryCopies.push(path), () => undefined);
  }
  return report;
}

/** True when the copy's notebook reads the same as its file does now: nothing would be lost without it. */
async function recoveryHoldsNothingUnsaved(recoveryFile: string): Promise<boolean> {
  try {
    const entry = JSON.parse(await readFile(recoveryFile, 'utf8')) as { version?: unknown; path?: unknown; text?: unknown };
    if (entry.version !== 1 || typeof entry.path !== 'string' || typeof entry.text !== 'string') return false;
    const saved = decodeNotebookBytes(new Uint8Array(await readFile(entry.path)));
    return canonicalNotebookText(parseNotebook(saved).document) === canonicalNotebookText(parseNotebook(entry.text).document);
  } catch {
    // Unreadable copy, missing or broken file: keep the copy, it may be the only version left.
    return false;
  }
}
