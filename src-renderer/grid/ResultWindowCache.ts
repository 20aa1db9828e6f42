import { tableFromIPC, type Field, type Table, type Vector } from 'apache-arrow';
import type { ResultWindow } from '@shared/contract/workbenchContract';

/**
 * The grid's view of a result that stays in the engine: fixed-size pages of
 * rows fetched as Arrow on demand, at most `maxPages` kept (least recently
 * used are dropped), so renderer memory is bounded whatever the result size.
 */
export interface WindowFetcher {
  (offset: number, limit: number): Promise<ResultWindow>;
}

interface Page {
  table: Table;
  columns: (Vector | null)[];
}

export interface CacheOptions {
  pageRows?: number;
  maxPages?: number;
}

export class ResultWindowCache {
  readonly pageRows: number;
  readonly maxPages: number;
  private readonly pages = new Map<number, Page>();
  private readonly inFlight = new Map<number, Promise<void>>();
  private readonly listeners = new Set<() => void>();
  private disposed = false;
  private failure: unknown = null;

  constructor(
    private readonly fetchWindow: WindowFetcher,
    readonly totalRows: number,
    options: CacheOptions = {},
    firstWindow?: Table,
  ) {
    this.pageRows = options.pageRows ?? 500;
    this.maxPages = Math.max(2, options.maxPages ?? 40);
    if (firstWindow && firstWindow.numRows > 0) this.seed(firstWindow);
  }

  /** The first window arrived with the query: split it into pages without fetching again. */
  private seed(table: Table): void {
    const fullPages = Math.floor(Math.min(table.numRows, this.pageRows * this.maxPages) / this.pageRows);
    for (let page = 0; page < fullPages; page++) {
      const slice = table.slice(page * this.pageRows, (page + 1) * this.pageRows);
      this.store(page, slice);
    }
    const remainder = table.numRows - fullPages * this.pageRows;
    if (remainder > 0 && fullPages * this.pageRows + remainder >= this.totalRows) {
      this.store(fullPages, table.slice(fullPages * this.pageRows));
    }
  }

  private store(page: number, table: Table): void {
    this.pages.set(page, { table, columns: table.schema.fields.map((_field, index) => table.getChildAt(index)) });
    while (this.pages.size > this.maxPages) {
      const oldest = this.pages.keys().next().value as number;
      this.pages.delete(oldest);
    }
  }

  onDidLoad(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  get error(): unknown {
    return this.failure;
  }

  get cachedRowCount(): number {
    let rows = 0;
    for (const page of this.pages.values()) rows += page.table.numRows;
    return rows;
  }

  fields(): Field[] | null {
    const page = this.pages.values().next().value as Page | undefined;
    return page ? page.table.schema.fields : null;
  }

  /** The value at (row, column), or `undefined` when its page is not loaded yet. */
  cell(row: number, column: number): unknown {
    const page = this.pages.get(Math.floor(row / this.pageRows));
    if (!page) return undefined;
    const value = page.columns[column]?.get(row % this.pageRows);
    return value === undefined ? null : value;
  }

  hasRow(row: number): boolean {
    return this.pages.has(Math.floor(row / this.pageRows));
  }

  /** Marks pages covering [first, last] as recently used and fetches the missing ones. */
  ensureRows(first: number, last: number): Promise<void> {
    if (this.totalRows === 0) return Promise.resolve();
    const firstPage = Math.floor(Math.max(0, first) / this.pageRows);
    const lastPage = Math.floor(Math.min(this.totalRows - 1, Math.max(first, last)) / this.pageRows);
    const waits: Promise<void>[] = [];
    for (let page = firstPage; page <= lastPage; page++) {
      const cached = this.pages.get(page);
      if (cached) {
        this.pages.delete(page);
        this.pages.set(page, cached);
        continue;
      }
      waits.push(this.load(page));
    }
    return Promise.all(waits).then(() => undefined);
  }

  private load(page: number): Promise<void> {
    const existing = this.inFlight.get(page);
    if (existing) return existing;
    const promise = this.fetchWindow(page * this.pageRows, this.pageRows)
      .then((window) => {
        if (this.disposed) return;
        this.store(page, tableFromIPC(window.arrow));
        this.failure = null;
        for (const listener of this.listeners) listener();
      })
      .catch((error: unknown) => {
        this.failure = error;
        for (const listener of this.listeners) listener();
      })
      .finally(() => this.inFlight.delete(page));
    this.inFlight.set(page, promise);
    return promise;
  }

  dispose(): void {
    this.disposed = true;
    this.pages.clear();
    this.listeners.clear();
  }
}
