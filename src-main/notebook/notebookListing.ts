import { mkdir, readdir, readFile, stat } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import {
  NOTEBOOK_EXTENSION,
} from '@shared/domain/notebook/NotebookDocument';
import type { NotebookFileEntry, NotebookListing, RecentNotebook, RecoveryEntry } from '@shared/contract/services/notebookContract';
import { withRecentEntry } from '../desktop/recentFiles';
import { atomicWriteFile } from './atomicWriteFile';
import type { NotebookFolders } from './notebookFolders';

const MAX_RECENT = 12;

interface RecentFile {
  version: 1;
  entries: { path: string; title: string | null; openedAt: number }[];
}

async function readRecent(recentFile: string): Promise<RecentFile> {
  try {
    const recent = JSON.parse(await readFile(recentFile, 'utf8')) as RecentFile;
    if (recent.version === 1 && Array.isArray(recent.entries)) return recent;
  } catch {
    // Missing or damaged: the list starts again.
  }
  return { version: 1, entries: [] };
}

/** Puts a notebook at the top of the recently opened list. */
export async function rememberRecent(recentFile: string, path: string, title: string | null): Promise<void> {
  const recent = await readRecent(recentFile);
  const entries = withRecentEntry(recent.entries, { path, title, openedAt: Date.now() }, MAX_RECENT);
  await mkdir(dirname(recentFile), { recursive: true });
  await atomicWriteFile(recentFile, JSON.stringify({ version: 1, entries } satisfies RecentFile, null, 2));
}

async function entries(folder: string | null): Promise<NotebookFileEntry[]> {
  if (folder === null) return [];
  let names: string[];
  try {
    names = await readdir(folder);
  } catch {
    return [];
  }
  const found: NotebookFileEntry[] = [];
  for (const name of names.filter((candidate) => candidate.endsWith(NOTEBOOK_EXTENSION)).sort()) {
    const path = join(folder, name);
    try {
      const info = await stat(path);
      const head = (await readFile(path, 'utf8')).slice(0, 4096);
      const title = /^title:[ \t]*(.+)$/m.exec(head.split(/\r?\n---\r?\n/)[0] ?? '')?.[1]?.replace(/^"(.*)"$/, '$1') ?? null;
      found.push({ path, name, title, modifiedAt: info.mtimeMs });
    } catch {
      // Vanished while listing.
    }
  }
  return found;
}

/** The workspace's notebooks, the samples, the recent list (with whether each still exists) and the recovery copies. */
export async function listNotebooks(folders: NotebookFolders, recoveries: RecoveryEntry[]): Promise<NotebookListing> {
  const recent = await readRecent(folders.recentFile);
  const withExistence: RecentNotebook[] = [];
  for (const entry of recent.entries) {
    const exists = await stat(entry.path).then((info) => info.isFile(), () => false);
    withExistence.push({ ...entry, exists });
  }
  return {
    notebooksFolder: folders.notebooks,
    workspace: await entries(folders.notebooks),
    samples: await entries(folders.samples),
    recent: withExistence,
    recoveries,
  };
}
