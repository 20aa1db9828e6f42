import { z } from 'zod';
import { method } from '../contractKit';
import { FILTER_OPERATORS, type ColumnFilter, type SortKey } from '../../domain/resultViewSql';

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
  /**
   * Arrow IPC stream: one buffer, or its messages as parts in order (schema,
   * record batches, end of stream) that are the stream when concatenated. The
   * engine sends parts, so no step joins a whole result; apache-arrow's
   * readers (`tableFromIPC`, `RecordBatchReader.from`) take either form.
   */
  arrow: Uint8Array | Uint8Array[];
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
  /**
   * A streamed run (`stream: true`) answered before its last row: `rowCount`
   * is the rows so far, `onDidStreamRows` reports the growing count and
   * `onDidFinishQuery` the complete result (or the error).
   */
  pending?: boolean;
}

/**
 * What Cancel did to one query: `dequeued` it was waiting and was taken out
 * of the queue (it never ran); `interrupted` it was running and stopped;
 * `completed` it finished before the interrupt reached it (its result
 * stands); `restarted` it ignored the interrupt, so the engine was
 * restarted; `not-running` no such query waits or runs.
 */
export type CancelOutcome = 'dequeued' | 'interrupted' | 'completed' | 'restarted' | 'not-running';

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
  /** Where exports go by default (the user's Downloads folder when there is one). */
  exportDirectory: string;
  /** Whether `app.chooseSavePath` can show a native dialog (desktop app only). */
  nativeDialogs: boolean;
}

export type { ColumnFilter, SortKey };

/** One column's profile, computed by DuckDB on demand. Values are text so no precision is lost. */
export interface ColumnSummary {
  column: string;
  type: string;
  rows: number;
  nulls: number;
  distinct: number;
  min: string | null;
  max: string | null;
  mean: number | null;
  /** Equal-width bins for numeric and date columns. */
  histogram: { from: string; to: string; count: number }[] | null;
  /** Most frequent values (text and other columns). */
  topValues: { value: string | null; count: number }[] | null;
}

export interface ExportOutcome {
  path: string;
  rows: number;
  bytes: number;
  elapsedMs: number;
}

export interface HistoryEntry {
  sql: string;
  startedAt: string;
  elapsedMs: number;
  status: 'ok' | 'error' | 'cancelled';
  rowCount: number | null;
  error: string | null;
}

export interface FunctionInfo {
  name: string;
  kind: 'scalar' | 'aggregate' | 'table' | 'macro' | 'pragma' | 'window';
  /** One signature per overload, e.g. `round(DECIMAL, INTEGER) -> DECIMAL`. */
  signatures: string[];
  description: string | null;
}

export const RunQueryInput = z
  .object({
    queryId: QueryIdSchema,
    sql: z.string().min(1, 'is empty').max(MAX_SQL_LENGTH, 'is longer than 4 MiB'),
    windowRows: z.number().int().min(0).max(MAX_WINDOW_ROWS).default(DEFAULT_WINDOW_ROWS),
    /** Answer as soon as the first window is ready, while the rest is still being kept (see `QueryResult.pending`). */
    stream: z.boolean().default(false),
  })
  .strict();
export const CancelQueryInput = z.object({ queryId: QueryIdSchema }).strict();
const SortKeySchema = z.object({ column: z.string().min(1).max(1000), direction: z.enum(['asc', 'desc']) }).strict();
const ColumnFilterSchema = z
  .object({
    column: z.string().min(1).max(1000),
    operator: z.enum(FILTER_OPERATORS),
    value: z.string().max(10_000).optional(),
    value2: z.string().max(10_000).optional(),
  })
  .strict();
/** How a result is viewed: sort keys and filters, pushed down to DuckDB. */
export const ResultViewSchema = {
  sort: z.array(SortKeySchema).max(16).default([]),
  filters: z.array(ColumnFilterSchema).max(64).default([]),
};

export const FetchWindowInput = z
  .object({
    resultId: ResultIdSchema,
    offset: z.number().int().min(0),
    limit: z.number().int().min(1).max(MAX_WINDOW_ROWS),
    ...ResultViewSchema,
  })
  .strict();
export const SummarizeColumnInput = z.object({ resultId: ResultIdSchema, column: z.string().min(1).max(1000), ...ResultViewSchema }).strict();
/** `arrow`: one Arrow IPC stream, for data tools (Python, R, DuckDB); DECIMAL(p ≤ 18) is written as Decimal128. */
export const EXPORT_FORMATS = ['csv', 'xlsx', 'parquet', 'arrow'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];
/** Each export format's file name and extension (the save dialog's filter, the name the Export dialog proposes). */
export const EXPORT_FILE_TYPES: Record<ExportFormat, { name: string; extension: string }> = {
  csv: { name: 'CSV', extension: 'csv' },
  xlsx: { name: 'Excel', extension: 'xlsx' },
  parquet: { name: 'Parquet', extension: 'parquet' },
  arrow: { name: 'Arrow IPC', extension: 'arrow' },
};
export const CSV_ENCODINGS = ['utf-8-bom', 'utf-8', 'gb18030'] as const;
export type CsvEncoding = (typeof CSV_ENCODINGS)[number];
export const ExportResultInput = z
  .object({
    queryId: QueryIdSchema,
    resultId: ResultIdSchema,
    format: z.enum(EXPORT_FORMATS),
    encoding: z.enum(CSV_ENCODINGS).default('utf-8-bom'),
    /** Absolute path of the file to write. */
    path: z.string().min(1).max(4096),
    overwrite: z.boolean().default(false),
    ...ResultViewSchema,
  })
  .strict();
export const HistoryListInput = z.object({ limit: z.number().int().min(1).max(5000).default(200), search: z.string().max(1000).default('') }).strict();
export const ChooseSavePathInput = z.object({ defaultName: z.string().min(1).max(255), format: z.enum(EXPORT_FORMATS) }).strict();
export const CloseResultInput = z.object({ resultId: ResultIdSchema }).strict();

export const EmptyInput = z.object({}).strict();

export const coreContract = {
  app: {
    info: method<typeof EmptyInput, AppInfo>(EmptyInput),
    /** A native save dialog in the desktop app; `{ path: null }` when cancelled or unavailable. */
    chooseSavePath: method<typeof ChooseSavePathInput, { path: string | null }>(ChooseSavePathInput),
  },
  query: {
    run: method<typeof RunQueryInput, QueryResult>(RunQueryInput),
    cancel: method<typeof CancelQueryInput, { outcome: CancelOutcome }>(CancelQueryInput),
  },
  result: {
    fetch: method<typeof FetchWindowInput, ResultWindow>(FetchWindowInput),
    close: method<typeof CloseResultInput, { closed: boolean }>(CloseResultInput),
    summarize: method<typeof SummarizeColumnInput, ColumnSummary>(SummarizeColumnInput),
    export: method<typeof ExportResultInput, ExportOutcome>(ExportResultInput),
  },
  schema: {
    list: method<typeof EmptyInput, { relations: SchemaRelation[] }>(EmptyInput),
    functions: method<typeof EmptyInput, { functions: FunctionInfo[] }>(EmptyInput),
  },
  history: {
    list: method<typeof HistoryListInput, { entries: HistoryEntry[] }>(HistoryListInput),
    clear: method<typeof EmptyInput, { cleared: number }>(EmptyInput),
  },
} as const;
