import { z } from 'zod';
import { method, type InputOf, type OutputOf, type ParsedInputOf } from '@shared/contract/contractKit';
import {
  CSV_ENCODINGS,
  EXPORT_FORMATS,
  MAX_SQL_LENGTH,
  MAX_WINDOW_ROWS,
  QueryIdSchema,
  ResultIdSchema,
  ResultViewSchema,
  type ColumnInfo,
  type ColumnSummary,
  type ExportOutcome,
  type FunctionInfo,
  type QueryId,
  type QueryResult,
  type ResultWindow,
  type SchemaRelation,
} from '@shared/contract/workbenchContract';
import type { CallOutcome } from '@shared/contract/WorkbenchError';

/**
 * The engine process's contract, declared on the same kit as the renderer's
 * (`contractKit.ts`): one validator per method argument and the result type.
 * The engine process validates every argument before it runs; the main side
 * calls through `EngineClient.call(method, params)`. The types both sides
 * share live here, not in the implementations.
 */

/** JSON values DuckDB's `getRowObjectsJson` produces. */
export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };

/** Small results of internal statements, as JSON-safe row objects. */
export interface ExecResult {
  columns: ColumnInfo[];
  rows: Record<string, JsonValue>[];
}

export interface ProgressReport {
  queryId: QueryId;
  percent: number | null;
  elapsedMs: number;
  /** `import-part`: one part of a file loaded in parts (the importer turns it into the whole load's progress). */
  phase: 'query' | 'export' | 'import' | 'import-part';
}

/**
 * A streamed query's rows so far: sent when the first window is ready (with
 * `window`), then as the kept result grows (`window` null). The reply to the
 * `run` call itself carries the final count.
 */
export interface StreamReport {
  queryId: QueryId;
  resultId: QueryResult['resultId'];
  columns: ColumnInfo[];
  /** Rows kept in the result table so far: never more than the final count. */
  rowsSoFar: number;
  window: ResultWindow | null;
}

const ParamsSchema = z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()]));
const SqlSchema = z.string().min(1).max(MAX_SQL_LENGTH);
const StatementsSchema = z.array(z.string().max(MAX_SQL_LENGTH));
const SessionIdSchema = z.string().min(1).max(200);
const Empty = z.object({}).strict();

export const ExportTargetSchema = z
  .object({ path: z.string().min(1).max(4096), format: z.enum(EXPORT_FORMATS), encoding: z.enum(CSV_ENCODINGS), overwrite: z.boolean() })
  .strict();
export type ExportTarget = z.infer<typeof ExportTargetSchema>;

/** A notebook parameter as a DuckDB variable. */
export const NotebookVariableSchema = z
  .object({ name: z.string().min(1).max(200), value: z.union([z.number(), z.string()]), type: z.enum(['number', 'text', 'date']) })
  .strict();
export type NotebookVariable = z.infer<typeof NotebookVariableSchema>;

/**
 * An untrusted notebook's limits: the folders its SQL may read and write.
 * Its session gets its own DuckDB instance with external access off, those
 * folders allowed, extensions neither installed nor loaded, and the
 * configuration locked; workspace tables it reads are copied in.
 */
export const NotebookRestrictionsSchema = z.object({ allowedDirectories: z.array(z.string().max(4096)) }).strict();
export type NotebookRestrictions = z.infer<typeof NotebookRestrictionsSchema>;

export const NotebookRunParamsSchema = z
  .object({
    sessionId: SessionIdSchema,
    queryId: QueryIdSchema,
    sql: SqlSchema,
    /** Bound parameters (`$name`) of generated SQL, such as a target cell's. */
    params: ParamsSchema.optional(),
    /** A named cell: its last statement becomes a temporary view of this name. */
    viewName: z.string().min(1).max(200).nullable(),
    variables: z.array(NotebookVariableSchema),
    windowRows: z.number().int().min(0).max(MAX_WINDOW_ROWS),
    /** Restricted sessions: lower-cased names the SQL mentions; workspace tables or views among them are copied in first. */
    snapshotNames: z.array(z.string().max(1000)),
  })
  .strict();
export type NotebookRunParams = z.infer<typeof NotebookRunParamsSchema>;

const WindowSchema = { offset: z.number().int().min(0), limit: z.number().int().min(0).max(MAX_WINDOW_ROWS) };
const OpenInput = z.object({ workspacePath: z.string().min(1).max(4096), threads: z.number().int().min(1).max(1024).optional() }).strict();
const RunInput = z
  .object({ queryId: QueryIdSchema, sql: SqlSchema, windowRows: z.number().int().min(0).max(MAX_WINDOW_ROWS), stream: z.boolean().optional() })
  .strict();
const QueryInput = z.object({ queryId: QueryIdSchema }).strict();
const FetchInput = z.object({ resultId: ResultIdSchema, ...WindowSchema, ...ResultViewSchema }).strict();
const SummarizeInput = z.object({ resultId: ResultIdSchema, column: z.string().min(1).max(1000), ...ResultViewSchema }).strict();
const ExportInput = z.object({ queryId: QueryIdSchema, resultId: ResultIdSchema, target: ExportTargetSchema, ...ResultViewSchema }).strict();
const SqlInput = z.object({ sql: SqlSchema }).strict();
const ResultInput = z.object({ resultId: ResultIdSchema }).strict();
const ExecInput = z.object({ sql: SqlSchema, params: ParamsSchema.optional() }).strict();
const ImportBeginInput = z
  .object({ queryId: QueryIdSchema, preamble: StatementsSchema, statements: StatementsSchema, part: z.boolean().optional() })
  .strict();
const ImportContinueInput = z.object({ queryId: QueryIdSchema, statements: StatementsSchema }).strict();
const ImportFinishInput = z
  .object({ queryId: QueryIdSchema, statements: StatementsSchema, commit: z.boolean(), postamble: StatementsSchema })
  .strict();
const NotebookOpenInput = z.object({ sessionId: SessionIdSchema, restrictions: NotebookRestrictionsSchema.nullable() }).strict();
const NotebookFetchInput = z.object({ sessionId: SessionIdSchema, resultId: ResultIdSchema, ...WindowSchema }).strict();
const SessionInput = z.object({ sessionId: SessionIdSchema }).strict();

type ImportResults = { results: ExecResult[] };

/** Every call the main side makes of the engine process; each gets exactly one reply with the same id. */
export const engineContract = {
  open: method<typeof OpenInput, { duckdbVersion: string; pid: number }>(OpenInput),
  /**
   * Runs the user's SQL on the session connection. `stream`: the last
   * statement's rows are streamed into the kept result and reported as
   * `rows` messages while they arrive; the reply comes when it is complete.
   */
  run: method<typeof RunInput, QueryResult>(RunInput),
  /**
   * Cancel of one query: `dequeued` when it was still waiting (taken out of
   * its queue, its call rejected as cancelled, nothing else touched);
   * `interrupting` when it runs (DuckDB's interrupt sent to its connection);
   * `not-found` when no query with this id waits or runs.
   */
  interrupt: method<typeof QueryInput, { outcome: 'dequeued' | 'interrupting' | 'not-found' }>(QueryInput),
  fetch: method<typeof FetchInput, ResultWindow>(FetchInput),
  summarize: method<typeof SummarizeInput, ColumnSummary>(SummarizeInput),
  exportResult: method<typeof ExportInput, ExportOutcome>(ExportInput),
  listFunctions: method<typeof Empty, { functions: FunctionInfo[] }>(Empty),
  /** Benchmarks: DuckDB's own time to run and materialize `sql`. */
  timeMaterialize: method<typeof SqlInput, { elapsedMs: number; rows: number }>(SqlInput),
  closeResult: method<typeof ResultInput, { closed: boolean }>(ResultInput),
  listSchema: method<typeof Empty, { relations: SchemaRelation[] }>(Empty),
  /** Internal statements (loaders, exports) on the aux connection; the last statement's rows as JSON-safe objects. */
  exec: method<typeof ExecInput, ExecResult>(ExecInput),
  /**
   * File import, part 1 (see ImportSession): `preamble` outside a
   * transaction, then BEGIN and `statements` on the import connection; the
   * transaction stays open. Reports progress under `queryId`; Cancel
   * interrupts it through `interrupt`. `part`: the statements load the
   * first part of a file loaded in parts, so progress is reported as
   * `import-part`, as for `importContinue`.
   */
  importBegin: method<typeof ImportBeginInput, ImportResults>(ImportBeginInput),
  /** File import, between the parts: more `statements` in the open transaction (a large file loaded part by part), progress reported as `import-part`; an error rolls it back. */
  importContinue: method<typeof ImportContinueInput, ImportResults>(ImportContinueInput),
  /** File import, part 2: `statements` then COMMIT (or ROLLBACK when `commit` is false), then `postamble`. */
  importFinish: method<typeof ImportFinishInput, ImportResults>(ImportFinishInput),
  /** Notebook sessions: a connection per open notebook (its own instance when restricted). */
  notebookOpen: method<typeof NotebookOpenInput, { opened: true }>(NotebookOpenInput),
  notebookRun: method<typeof NotebookRunParamsSchema, QueryResult>(NotebookRunParamsSchema),
  notebookFetch: method<typeof NotebookFetchInput, ResultWindow>(NotebookFetchInput),
  notebookClose: method<typeof SessionInput, { closed: boolean }>(SessionInput),
} as const;

export type EngineContract = typeof engineContract;
export type EngineMethod = keyof EngineContract;
/** What the main side passes (defaults not yet applied). */
export type EngineParams<M extends EngineMethod> = InputOf<EngineContract[M]>;
/** What the engine process's handler receives, validated. */
export type EngineParsedParams<M extends EngineMethod> = ParsedInputOf<EngineContract[M]>;
export type EngineReturn<M extends EngineMethod> = OutputOf<EngineContract[M]>;
/** The engine process's side: one handler per method, given validated arguments. */
export type EngineHandlers = { readonly [M in EngineMethod]: (params: EngineParsedParams<M>) => Promise<EngineReturn<M>> };

export type ToEngineMessage = { type: 'call'; id: number; method: EngineMethod; params: unknown };

export type FromEngineMessage =
  | { type: 'reply'; id: number; outcome: CallOutcome<unknown> }
  /** One Arrow IPC part of call `id`'s reply, sent ahead of the reply (see `detachArrowParts`). */
  | { type: 'arrowPart'; id: number; part: Uint8Array }
  | { type: 'progress'; report: ProgressReport }
  | { type: 'rows'; report: StreamReport };

/** The running engine process as the main side sees it, whether a Node child or an Electron utility process. */
export interface EngineProcessHandle {
  readonly pid: number | undefined;
  postMessage(message: ToEngineMessage): void;
  onMessage(listener: (message: FromEngineMessage) => void): void;
  onExit(listener: (code: number | null) => void): void;
  kill(): void;
}

export type EngineLauncher = () => EngineProcessHandle;

/**
 * The Arrow window a reply carries, if any: a `ResultWindow` itself (fetch,
 * notebookFetch) or the `window` of a `QueryResult` (run, notebookRun).
 */
function windowOfReply(value: unknown): { arrow: ResultWindow['arrow'] } | null {
  if (typeof value !== 'object' || value === null) return null;
  if ('arrow' in value) return value as ResultWindow;
  const window = (value as { window?: unknown }).window;
  return typeof window === 'object' && window !== null && 'arrow' in window ? (window as ResultWindow) : null;
}

/**
 * A large window crosses from the engine process as one message per Arrow
 * part ahead of its reply, not inside the reply: Node's `advanced`
 * serialization of one 48 MB message took about twice as long as the same
 * bytes as eight messages (scripts/bench/ipcProbe.mjs). Takes the parts out
 * of `value` (leaving an empty list) and returns them; `attachArrowParts`
 * puts them back on the main side. Messages of one channel arrive in order.
 */
export function detachArrowParts(value: unknown): Uint8Array[] {
  const window = windowOfReply(value);
  if (!window || !Array.isArray(window.arrow)) return [];
  const parts = window.arrow;
  window.arrow = [];
  return parts;
}

export function attachArrowParts(value: unknown, parts: Uint8Array[]): void {
  const window = windowOfReply(value);
  if (window && parts.length > 0) window.arrow = parts;
}
