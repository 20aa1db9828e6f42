import { z } from 'zod';
import { method } from '../contractKit';

/** The foundation's requests: app info, running SQL, result windows, the schema. */

const idPattern = /^[A-Za-z0-9_-]{1,64}$/;
export const QueryIdSchema = z.string().regex(idPattern, 'must be 1-64 letters, digits, _ or -').brand<'QueryId'>();
export type QueryId = z.infer<typeof QueryIdSchema>;
export const ResultIdSchema = z.string().regex(idPattern, 'must be 1-64 letters, digits, _ or -').brand<'ResultId'>();
export type ResultId = z.infer<typeof ResultIdSchema>;

/** 4 MiB of SQL is far beyond any hand-written query and bounds what one request can make the engine parse. */
export const MAX_SQL_LENGTH = 4 * 1024 * 1024;
export const MAX_WINDOW_ROWS = 1_000_000;
export const DEFAULT_WINDOW_ROWS = 200;

export interface ColumnInfo {
  name: string;
  /** DuckDB's type as SQL, e.g. `DECIMAL(18,3)`, `VARCHAR`. */
  type: string;
}

/** A contiguous block of result rows as Arrow IPC stream bytes. */
export interface ResultWindow {
  resultId: ResultId;
  offset: number;
  /** Rows in this window. */
  rowCount: number;
  /** Rows in the whole result (after any filter). */
  totalRows: number;
  arrow: Uint8Array;
}

export interface QueryResult {
  queryId: QueryId;
  /** `rows`: the last statement returned rows, kept in the engine as `resultId`. */
  kind: 'rows' | 'changes' | 'nothing';
  resultId: ResultId | null;
  columns: ColumnInfo[];
  /** Total rows of the result, always known: results are never silently capped. */
  rowCount: number;
  /** Rows inserted, updated or deleted, for `changes`. */
  rowsChanged: number;
  statementCount: number;
  elapsedMs: number;
  /** The first rows, so the grid paints without a second round trip. */
  window: ResultWindow | null;
}

export type CancelOutcome = 'interrupted' | 'restarted' | 'not-running';

export interface SchemaColumn {
  name: string;
  type: string;
  nullable: boolean;
}

export interface SchemaRelation {
  schema: string;
  name: string;
  kind: 'table' | 'view';
  columns: SchemaColumn[];
  /** Exact for tables (DuckDB keeps the count); null for views, which are not run to count them. */
  rowCount: number | null;
  comment: string | null;
}

export interface AppInfo {
  version: string;
  duckdbVersion: string;
  workspacePath: string;
  host: 'electron' | 'browser';
  engine: { pid: number | null; restarts: number };
}

export const RunQueryInput = z
  .object({
    queryId: QueryIdSchema,
    sql: z.string().min(1, 'is empty').max(MAX_SQL_LENGTH, 'is longer than 4 MiB'),
    windowRows: z.number().int().min(0).max(MAX_WINDOW_ROWS).default(DEFAULT_WINDOW_ROWS),
  })
  .strict();
export const CancelQueryInput = z.object({ queryId: QueryIdSchema }).strict();
export const FetchWindowInput = z
  .object({
    resultId: ResultIdSchema,
    offset: z.number().int().min(0),
    limit: z.number().int().min(1).max(MAX_WINDOW_ROWS),
  })
  .strict();
export const CloseResultInput = z.object({ resultId: ResultIdSchema }).strict();

export const EmptyInput = z.object({}).strict();

export const coreContract = {
  app: {
    info: method<typeof EmptyInput, AppInfo>(EmptyInput),
  },
  query: {
    run: method<typeof RunQueryInput, QueryResult>(RunQueryInput),
    cancel: method<typeof CancelQueryInput, { outcome: CancelOutcome }>(CancelQueryInput),
  },
  result: {
    fetch: method<typeof FetchWindowInput, ResultWindow>(FetchWindowInput),
    close: method<typeof CloseResultInput, { closed: boolean }>(CloseResultInput),
  },
  schema: {
    list: method<typeof EmptyInput, { relations: SchemaRelation[] }>(EmptyInput),
  },
} as const;
