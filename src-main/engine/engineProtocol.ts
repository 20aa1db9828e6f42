import type {
  ColumnSummary,
  ExportOutcome,
  FunctionInfo,
  QueryId,
  QueryResult,
  ResultId,
  ResultWindow,
  SchemaRelation,
} from '@shared/contract/workbenchContract';
import type { ResultViewSpec } from '@shared/domain/resultViewSql';
import type { ExportTarget } from './process/resultExporter';
import type { CallOutcome } from '@shared/contract/WorkbenchError';
import type { ExecResult, ProgressReport } from './process/DuckDBEngine';
import type { NotebookRestrictions, NotebookRunParams } from './process/NotebookSessions';

/**
 * Messages between the main side and the engine process. The engine process
 * serves `EngineApi`; every call gets exactly one reply with the same id.
 */
export interface EngineApi {
  open(params: { workspacePath: string; threads?: number }): Promise<{ duckdbVersion: string; pid: number }>;
  run(params: { queryId: QueryId; sql: string; windowRows: number }): Promise<QueryResult>;
  /**
   * Cancel of one query: `dequeued` when it was still waiting (taken out of
   * its queue, its call rejected as cancelled, nothing else touched);
   * `interrupting` when it runs (DuckDB's interrupt sent to its connection);
   * `not-found` when no query with this id waits or runs.
   */
  interrupt(params: { queryId: QueryId }): Promise<{ outcome: 'dequeued' | 'interrupting' | 'not-found' }>;
  fetch(params: { resultId: ResultId; offset: number; limit: number } & Partial<ResultViewSpec>): Promise<ResultWindow>;
  summarize(params: { resultId: ResultId; column: string } & Partial<ResultViewSpec>): Promise<ColumnSummary>;
  exportResult(params: { queryId: QueryId; resultId: ResultId; target: ExportTarget } & Partial<ResultViewSpec>): Promise<ExportOutcome>;
  listFunctions(params: Record<string, never>): Promise<{ functions: FunctionInfo[] }>;
  /** Benchmarks: DuckDB's own time to run and materialize `sql`. */
  timeMaterialize(params: { sql: string }): Promise<{ elapsedMs: number; rows: number }>;
  closeResult(params: { resultId: ResultId }): Promise<{ closed: boolean }>;
  listSchema(params: Record<string, never>): Promise<{ relations: SchemaRelation[] }>;
  exec(params: { sql: string; params?: Record<string, string | number | boolean | null> }): Promise<ExecResult>;
  /**
   * File import, part 1 (see ImportSession): `preamble` outside a
   * transaction, then BEGIN and `statements` on the import connection; the
   * transaction stays open. Reports progress under `importId`; Cancel
   * interrupts it through `interrupt`. `part`: the statements load the
   * first part of a file loaded in parts, so progress is reported as
   * `import-part`, as for `importContinue`.
   */
  importBegin(params: { queryId: QueryId; preamble: string[]; statements: string[]; part?: boolean }): Promise<{ results: ExecResult[] }>;
  /** File import, between the parts: more `statements` in the open transaction (a large file loaded part by part), progress reported as `import-part`; an error rolls it back. */
  importContinue(params: { queryId: QueryId; statements: string[] }): Promise<{ results: ExecResult[] }>;
  /** File import, part 2: `statements` then COMMIT (or ROLLBACK when `commit` is false), then `postamble`. */
  importFinish(params: { queryId: QueryId; statements: string[]; commit: boolean; postamble: string[] }): Promise<{ results: ExecResult[] }>;
  /** Notebook sessions: a connection per open notebook (its own instance when restricted). */
  notebookOpen(params: { sessionId: string; restrictions: NotebookRestrictions | null }): Promise<{ opened: true }>;
  notebookRun(params: NotebookRunParams): Promise<QueryResult>;
  notebookFetch(params: { sessionId: string; resultId: ResultId; offset: number; limit: number }): Promise<ResultWindow>;
  notebookClose(params: { sessionId: string }): Promise<{ closed: boolean }>;
}

export type EngineMethod = keyof EngineApi;
export type EngineParams<M extends EngineMethod> = Parameters<EngineApi[M]>[0];
export type EngineReturn<M extends EngineMethod> = Awaited<ReturnType<EngineApi[M]>>;

export type ToEngineMessage = { type: 'call'; id: number; method: EngineMethod; params: unknown };

export type FromEngineMessage =
  | { type: 'reply'; id: number; outcome: CallOutcome<unknown> }
  | { type: 'progress'; report: ProgressReport };

/** The running engine process as the main side sees it, whether a Node child or an Electron utility process. */
export interface EngineProcessHandle {
  readonly pid: number | undefined;
  postMessage(message: ToEngineMessage): void;
  onMessage(listener: (message: FromEngineMessage) => void): void;
  onExit(listener: (code: number | null) => void): void;
  kill(): void;
}

export type EngineLauncher = () => EngineProcessHandle;
