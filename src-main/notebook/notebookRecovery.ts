import { mkdir, readdir, readFile, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import type { RecoveryEntry } from '@shared/contract/services/notebookContract';
import { localizedError } from '@shared/contract/errorTexts';
import { atomicWriteFile } from './atomicWriteFile';

/** One autosaved copy of a notebook's unsaved edits, as stored in the recovery folder. */
export interface RecoveryFile {
  version: 1;
  recoveryId: string;
  path: string | null;
  title: string | null;
  baseHash: string | null;
  savedAt: number;
  text: string;
}

function recoveryPath(folder: string, recoveryId: string): string {
  if (!/^[A-Za-z0-9_-]{1,64}$/.test(recoveryId)) throw localizedError('notebook-recovery-id', {}, undefined, 'invalid-argument');
  return join(folder, `${recoveryId}.json`);
}

function entryOf(file: RecoveryFile): RecoveryEntry {
  return { recoveryId: file.recoveryId, path: file.path, title: file.title, savedAt: file.savedAt };
}

export async function writeRecovery(folder: string, file: RecoveryFile): Promise<RecoveryEntry> {
  await mkdir(folder, { recursive: true });
  await atomicWriteFile(recoveryPath(folder, file.recoveryId), JSON.stringify(file));
  return entryOf(file);
}

export async function readRecovery(folder: string, recoveryId: string): Promise<RecoveryFile | null> {
  try {
    const entry = JSON.parse(await readFile(recoveryPath(folder, recoveryId), 'utf8')) as RecoveryFile;
    return entry.version === 1 && typeof entry.text === 'string' ? entry : null;
  } catch {
    return null;
  }
}

export async function recoveryFor(folder: string, recoveryId: string): Promise<RecoveryEntry | null> {
  const entry = await readRecovery(folder, recoveryId);
  return entry ? entryOf(entry) : null;
}

export async function discardRecovery(folder: string, recoveryId: string): Promise<boolean> {
  try {
    await unlink(recoveryPath(folder, recoveryId));
    return true;
  } catch {
    return false;
  }
}

/** Every readable recovery copy, newest first. */
export async function recoveryEntries(folder: string): Promise<RecoveryEntry[]> {
  let names: string[];
  try {
    names = await readdir(folder);
  } catch {
    return [];
  }
  const entries: RecoveryEntry[] = [];
  for (const name of names.filter((candidate) => candidate.endsWith('.json'))) {
    const entry = await readRecovery(folder, name.slice(0, -'.json'.length));
    if (entry) entries.push(entryOf(entry));
  }
  return entries.sort((a, b) => b.savedAt - a.savedAt);
}
