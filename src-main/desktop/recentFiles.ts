/** One entry of a recently-opened list. */
export interface RecentEntry {
  path: string;
  title: string | null;
  openedAt: number;
}

/** Whether two paths name the same file: Windows paths compare without case and with either slash. */
export function samePath(a: string, b: string, platform: NodeJS.Platform = process.platform): boolean {
  if (platform !== 'win32') return a === b;
  const normal = (path: string) => path.replace(/\//g, '\\').toLowerCase();
  return normal(a) === normal(b);
}

/** The list with `entry` first, any older entry for the same file dropped, at most `max` long. */
export function withRecentEntry(entries: readonly RecentEntry[], entry: RecentEntry, max: number, platform: NodeJS.Platform = process.platform): RecentEntry[] {
  return [entry, ...entries.filter((existing) => !samePath(existing.path, entry.path, platform))].slice(0, max);
}
