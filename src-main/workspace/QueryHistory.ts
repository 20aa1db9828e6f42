import { appendFile, mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { HistoryEntry } from '@shared/contract/workbenchContract';

/** Entries kept; older ones are dropped when the file is compacted. */
const MAX_ENTRIES = 5000;
const COMPACT_AT = MAX_ENTRIES + 500;

/**
 * The workspace's query history: one JSON object per line in
 * `query-history.jsonl` in the workspace folder, newest last. Appending is a
 * single write, so a crash loses at most the entry being written; a torn last
 * line is skipped when reading.
 */
export class QueryHistory {
  private lineCount: number | null = null;

  constructor(private readonly file: string) {}

  static forWorkspace(directory: string): QueryHistory {
    return new QueryHistory(join(directory, 'query-history.jsonl'));
  }

  async add(entry: HistoryEntry): Promise<void> {
    await mkdir(dirname(this.file), { recursive: true });
    await appendFile(this.file, JSON.stringify(entry) + '\n', 'utf8');
    this.lineCount = (this.lineCount ?? (await this.readAll()).length) + 1;
    if (this.lineCount > COMPACT_AT) await this.compact();
  }

  /** Newest first; `search` matches the SQL text, case-insensitively. */
  async list(limit: number, search = ''): Promise<HistoryEntry[]> {
    const needle = search.trim().toLowerCase();
    const entries = (await this.readAll()).reverse();
    return (needle ? entries.filter((entry) => entry.sql.toLowerCase().includes(needle)) : entries).slice(0, limit);
  }

  async clear(): Promise<number> {
    const count = (await this.readAll()).length;
    await this.replace([]);
    return count;
  }

  private async readAll(): Promise<HistoryEntry[]> {
    let text: string;
    try {
      text = await readFile(this.file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw error;
    }
    const entries: HistoryEntry[] = [];
    for (const line of text.split('\n')) {
      if (!line.trim()) continue;
      try {
        const parsed = JSON.parse(line) as HistoryEntry;
        if (typeof parsed.sql === 'string' && typeof parsed.startedAt === 'string') entries.push(parsed);
      } catch {
        // A line torn by a crash mid-append: skip it, keep the rest.
      }
    }
    return entries;
  }

  private async compact(): Promise<void> {
    await this.replace((await this.readAll()).slice(-MAX_ENTRIES));
  }

  private async replace(entries: HistoryEntry[]): Promise<void> {
    const temporary = `${this.file}.tmp`;
    await mkdir(dirname(this.file), { recursive: true });
    await writeFile(temporary, entries.map((entry) => JSON.stringify(entry) + '\n').join(''), 'utf8');
    await rename(temporary, this.file);
    this.lineCount = entries.length;
  }
}
