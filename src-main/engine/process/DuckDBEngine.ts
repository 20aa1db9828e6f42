import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { randomBytes } from 'node:crypto';
import duckdb from '@duckdb/node-bindings';
import {
  type DuckDBConnection,
  DuckDBInstance,
  type DuckDBMaterializedResult,
  type DuckDBResult,
  type DuckDBType,
} from '@duckdb/node-api';
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
import { splitSqlStatements } from '@shared/domain/sqlStatements';
import { ArrowIpcBuilder } from './arrowIpcParts';
import { summarizeColumn } from './columnSummary';
import { exportRows } from './resultExporter';
import type { ExecResult, ExportTarget, ProgressReport, StreamReport } from '../engineProtocol';
import { RESULTS_DATABASE, ResultStore, resultColumns, StreamFailedError, type KeptResult } from './ResultStore';
import { cancelledError, localizedError } from '@shared/contract/errorTexts';
import { engineErrorFromDuckDB } from './engineErrors';
import { SerialQueue } from '../SerialQueue';
import { type Cancellable, Cancellables } from './cancellables';
import { listFunctions, listSchema } from './workspaceCatalog';
/** Oldest results are dropped beyond this many, to bound engine memory. */
const MAX_LIVE_RESULTS = 64;
const PROGRESS_INTERVAL_MS = 250;
/** How often a streamed query reports its growing row count. */
const STREAM_REPORT_INTERVAL_MS = 200;

export interface EngineOpenOptions {
  /** A file path, or `:memory:` for a throwaway workspace. */
  workspacePath: string;
  threads?: number;
}

const IDENTITY_VIEW: ResultViewSpec = { sort: [], filters: [] };

export interface RunRequest {
  queryId: QueryId;
  sql: string;
  windowRows: number;
  /** Report the first window and the growing count through `onRows` while the rows arrive. */
  stream?: boolean;
}

/**
 * Owns the DuckDB instance of one workspace. Runs in the engine process; the
 * rest of the app reaches it only through messages, so a stuck query can be
 * killed with the process.
 *
 * Three connections: `session` runs the user's SQL in order (temp tables and
 * settings persist between runs, as in a console) and is the one interrupted
 * by Cancel; `keeper` writes the session's streamed rows into the kept result
 * (a streaming connection can run nothing else until its stream ends); `aux`
 * serves result windows, schema listings and internal statements, so the UI
 * stays live while a long query runs.
 */
export class DuckDBEngine {
  private readonly sessionQueue = new SerialQueue();
  private readonly auxQueue = new SerialQueue();
  private readonly store = new ResultStore(`r_${randomBytes(3).toString('hex')}_`, MAX_LIVE_RESULTS);
  private readonly cancellables = new Cancellables();

  private constructor(
    private readonly instance: DuckDBInstance,
    private readonly session: DuckDBConnection,
    private readonly keeper: DuckDBConnection,
    private readonly aux: DuckDBConnection,
    readonly workspacePath: string,
  ) {}

  static async open(options: EngineOpenOptions): Promise<DuckDBEngine> {
    if (options.workspacePath !== ':memory:') makeWorkspaceFolder(dirname(options.workspacePath));
    let instance: DuckDBInstance;
    try {
      instance = await DuckDBInstance.create(options.workspacePath, {
        // Nothing is fetched at run time: extensions come only from what is linked in.
        autoinstall_known_extensions: 'false',
        allow_community_extensions: 'false',
        ...(options.threads ? { threads: String(options.threads) } : {}),
      });
    } catch (error) {
      throw engineErrorFromDuckDB(error);
    }
    const session = await instance.connect();
    const keeper = await instance.connect();
    const aux = await instance.connect();
    await session.run(`ATTACH IF NOT EXISTS ':memory:' AS ${RESULTS_DATABASE}`);
    await session.run('SET enable_progress_bar = true; SET enable_progress_bar_print = false');
    return new DuckDBEngine(instance, session, keeper, aux, options.workspacePath);
  }

  duckdbVersion(): string {
    return duckdb.library_version();
  }

  /** Another connection on the workspace's instance, with its own variables and temporary views (notebook sessions). */
  connect(): Promise<DuckDBConnection> {
    return this.instance.connect();
  }

  /**
   * Runs every statement of `sql` in order on the session connection. When
   * the last statement returns rows they are streamed, in one execution,
   * into a result table kept in the engine, and the first `windowRows` rows
   * are returned as Arrow from the same chunks. With `stream`, `onRows` gets
   * the first window as soon as more rows follow it, then the growing count.
   */
  run(
    request: RunRequest,
    onProgress?: (report: ProgressReport) => void,
    onRows?: (report: StreamReport) => void,
  ): Promise<QueryResult> {
    return this.sessionQueue.run(() => this.runNow(request, onProgress, onRows), request.queryId);
  }

  /** Takes a query that waits for the session connection out of the queue; false when none with this id waits. */
  dequeue(queryId: QueryId): boolean {
    return this.sessionQueue.remove(queryId, cancelledError('query-cancelled-before-start'));
  }

  private async runNow(
    request: RunRequest,
    onProgress?: (report: ProgressReport) => void,
    onRows?: (report: StreamReport) => void,
  ): Promise<QueryResult> {
    const statements = splitSqlStatements(request.sql);
    if (statements.length === 0) throw localizedError('query-empty', {}, undefined, 'empty-query');
    const running = this.cancellables.register(request.queryId, this.session);
    const started = performance.now();
    const timer = onProgress ? this.reportProgress(running, started, 'query', onProgress) : undefined;
    try {
      for (let index = 0; index < statements.length - 1; index++) {
        const statement = statements[index]!;
        if (running.cancelled) throw cancelledError();
        try {
          await this.session.run(statement.text);
        } catch (error) {
          throw engineErrorFromDuckDB(error, {
            statementText: statement.text,
            statementStart: statement.start,
            fullText: request.sql,
          });
        }
      }
      if (running.cancelled) throw cancelledError();
      const last = statements[statements.length - 1]!;
      const outcome = await this.runLastStatement(last.text, last.start, request, running, request.stream ? onRows : undefined);
      const elapsedMs = performance.now() - started;
      if (outcome.kind !== 'rows') {
        return {
          queryId: request.queryId,
          kind: outcome.kind,
          resultId: null,
          columns: [],
          rowCount: 0,
          rowsChanged: outcome.rowsChanged,
          statementCount: statements.length,
          elapsedMs,
          window: null,
        };
      }
      return {
        queryId: request.queryId,
        kind: 'rows',
        resultId: outcome.resultId,
        columns: outcome.result.columns.map((column) => ({ name: column.name, type: column.type.toString() })),
        rowCount: outcome.result.rowCount,
        rowsChanged: 0,
        statementCount: statements.length,
        elapsedMs: performance.now() - started,
        window: outcome.window,
      };
    } finally {
      if (timer) clearInterval(timer);
      this.cancellables.unregister(running);
    }
  }

  private reportProgress(
    cancellable: Cancellable,
    started: number,
    phase: ProgressReport['phase'],
    onProgress: (report: ProgressReport) => void,
  ): ReturnType<typeof setInterval> {
    return setInterval(() => {
      const percentage = cancellable.connection.progress.percentage;
      onProgress({ queryId: cancellable.queryId, percent: percentage >= 0 ? percentage : null, elapsedMs: performance.now() - started, phase });
    }, PROGRESS_INTERVAL_MS);
  }

  private async runLastStatement(
    text: string,
    start: number,
    request: RunRequest,
    running: Cancellable,
    onRows?: (report: StreamReport) => void,
  ): Promise<
    | { kind: 'rows'; resultId: ResultId; result: KeptResult; window: ResultWindow | null }
    | { kind: 'changes' | 'nothing'; rowsChanged: number }
  > {
    const context = { statementText: text, statementStart: start, fullText: request.sql };
    let statementType: duckdb.StatementType;
    try {
      const prepared = await this.session.prepare(text);
      statementType = prepared.statementType as unknown as duckdb.StatementType;
    } catch (error) {
      // PIVOT and a few other statements expand to several and cannot be
      // prepared; running them directly still reports errors correctly.
      if (/Cannot prepare multiple statements/.test(String(error))) {
        statementType = duckdb.StatementType.SELECT;
      } else {
        throw engineErrorFromDuckDB(error, context);
      }
    }
    // An interrupt that arrived while preparing found nothing to stop: honour it before running.
    if (running.cancelled) throw cancelledError();
    const resultId = this.store.nextId();
    if (statementType === duckdb.StatementType.SELECT && !request.stream) {
      // Not streamed (export, charts of a whole result, `iwb query`): DuckDB keeps the result with
      // CREATE TABLE AS on its own threads, and the window is read from the kept table. Still one execution.
      const result = await this.store.keepQuery(this.session, resultId, { text, start, fullText: request.sql });
      if (result) {
        const window = request.windowRows > 0 ? await this.store.window(this.aux, resultId, 0, request.windowRows) : null;
        return { kind: 'rows', resultId, result, window };
      }
      // SHOW, DESCRIBE, SUMMARIZE (or a syntax error): streamed below, as the grid runs it.
    }
    if (statementType === duckdb.StatementType.SELECT) {
      let stream: DuckDBResult;
      try {
        stream = await this.session.stream(text);
      } catch (error) {
        throw engineErrorFromDuckDB(error, context);
      }
      if (stream.returnType === 3 /* QUERY_RESULT */ && stream.columnCount > 0) {
        try {
          return await this.keepStreamed(resultId, stream, request, running, onRows);
        } catch (error) {
          if (!(error instanceof StreamFailedError)) throw error;
          if (running.cancelled) throw cancelledError();
          // DuckDB's message (and position) comes only from running it again; its rows are never used.
          try {
            await this.session.run(text);
          } catch (rerunError) {
            throw engineErrorFromDuckDB(rerunError, context);
          }
          throw localizedError('query-stream-failed', { rows: error.rowsSoFar.toLocaleString('en-US') });
        }
      }
      return { kind: stream.rowsChanged > 0 || stream.returnType === 1 ? 'changes' : 'nothing', rowsChanged: stream.rowsChanged };
    }
    let materialized: DuckDBMaterializedResult;
    try {
      materialized = await this.session.run(text);
    } catch (error) {
      throw engineErrorFromDuckDB(error, context);
    }
    if (materialized.returnType !== 3 /* QUERY_RESULT */ || materialized.columnCount === 0) {
      const rowsChanged = materialized.rowsChanged;
      return { kind: rowsChanged > 0 || materialized.returnType === 1 ? 'changes' : 'nothing', rowsChanged };
    }
    const result = await this.store.keepMaterialized(this.keeper, resultId, materialized);
    const window = request.windowRows > 0 ? await this.store.window(this.aux, resultId, 0, request.windowRows) : null;
    return { kind: 'rows', resultId, result, window };
  }

  /**
   * One execution of the user's SELECT feeds both the kept result (through
   * the keeper's appender) and the first window (the same chunks, converted
   * to Arrow once), so `random()` and `now()` show what was kept.
   */
  private async keepStreamed(
    resultId: ResultId,
    stream: DuckDBResult,
    request: RunRequest,
    running: Cancellable,
    onRows?: (report: StreamReport) => void,
  ): Promise<{ kind: 'rows'; resultId: ResultId; result: KeptResult; window: ResultWindow | null }> {
    const columns = resultColumns(stream);
    const columnInfo = columns.map((column) => ({ name: column.name, type: column.type.toString() }));
    const windowParts = new ArrowIpcBuilder(columns);
    let windowRows = 0;
    let firstReported = false;
    let lastReport = 0;
    const windowOf = (totalRows: number): ResultWindow => ({
      resultId,
      offset: 0,
      rowCount: windowRows,
      totalRows,
      arrow: windowParts.finish(),
    });
    const result = await this.store.keepStream(this.keeper, resultId, stream, ({ chunk, rowsSoFar }) => {
      if (running.cancelled) throw cancelledError();
      const windowFull = windowRows >= request.windowRows;
      if (!windowFull) {
        // The chunk is already in the appender; trimming it only shortens the window.
        const take = Math.min(chunk.rowCount, request.windowRows - windowRows);
        if (take < chunk.rowCount) chunk.rowCount = take;
        windowParts.add(chunk);
        windowRows += take;
        return;
      }
      if (!onRows) return;
      const now = performance.now();
      if (!firstReported) {
        // More rows follow a full window: the grid can paint now, long before the last row.
        firstReported = true;
        lastReport = now;
        onRows({ queryId: request.queryId, resultId, columns: columnInfo, rowsSoFar, window: windowOf(rowsSoFar) });
      } else if (now - lastReport >= STREAM_REPORT_INTERVAL_MS) {
        lastReport = now;
        onRows({ queryId: request.queryId, resultId, columns: columnInfo, rowsSoFar, window: null });
      }
    });
    // The window already crossed with the first report: the reply carries only the count.
    const window = request.windowRows > 0 && !firstReported ? windowOf(result.rowCount) : null;
    return { kind: 'rows', resultId, result, window };
  }

  /** Interrupts the named query, export or summary, if it is running. */
  interrupt(queryId: QueryId): boolean {
    return this.cancellables.interrupt(queryId);
  }

  fetch(resultId: ResultId, offset: number, limit: number, view: ResultViewSpec = IDENTITY_VIEW): Promise<ResultWindow> {
    return this.auxQueue.run(async () => {
      const source = await this.store.viewSource(this.aux, resultId, view);
      return this.store.window(this.aux, resultId, offset, limit, source);
    });
  }

  /** Type, nulls, distinct values, range, and a histogram or the most frequent values of one column. */
  summarize(resultId: ResultId, column: string, view: ResultViewSpec = IDENTITY_VIEW): Promise<ColumnSummary> {
    return this.auxQueue.run(async () => {
      const kept = this.store.get(resultId);
      const source = kept.columns.find((candidate) => candidate.name === column);
      if (!source) throw localizedError('result-unknown-column', { column }, undefined, 'invalid-view');
      const { table } = await this.store.viewSource(this.aux, resultId, view);
      return summarizeColumn(this.aux, table, column, source.type);
    });
  }

  /**
   * Writes a result (as sorted and filtered in the grid) to a file on its own
   * connection, so it can be cancelled and does not hold up the grid.
   */
  async exportResult(
    request: { queryId: QueryId; resultId: ResultId; view: ResultViewSpec; target: ExportTarget },
    onProgress?: (report: ProgressReport) => void,
  ): Promise<ExportOutcome> {
    this.store.get(request.resultId);
    const connection = await this.instance.connect();
    const cancellable = this.cancellables.register(request.queryId, connection);
    const started = performance.now();
    let measuredFraction: number | null = null;
    const timer = onProgress
      ? setInterval(() => {
          const duckdbPercent = connection.progress.percentage;
          const percent = measuredFraction !== null ? measuredFraction * 100 : duckdbPercent >= 0 ? duckdbPercent * 0.7 : null;
          onProgress({ queryId: request.queryId, percent, elapsedMs: performance.now() - started, phase: 'export' });
        }, PROGRESS_INTERVAL_MS)
      : undefined;
    try {
      const source = await this.store.viewSource(connection, request.resultId, request.view);
      const { bytes } = await exportRows(
        {
          connection,
          table: source.table,
          rowCount: source.rowCount,
          fetchBatches: async (offset, limit, options) => {
            if (cancellable.cancelled) throw cancelledError();
            return this.store.windowBatches(connection, request.resultId, offset, limit, source, options);
          },
        },
        request.target,
        (fraction) => {
          measuredFraction = fraction;
        },
      );
      return { path: request.target.path, rows: source.rowCount, bytes, elapsedMs: performance.now() - started };
    } catch (error) {
      throw cancellable.cancelled ? cancelledError() : engineErrorFromDuckDB(error);
    } finally {
      if (timer) clearInterval(timer);
      this.cancellables.unregister(cancellable);
      connection.closeSync();
    }
  }

  /** DuckDB's functions with their signatures, for autocomplete. */
  listFunctions(): Promise<FunctionInfo[]> {
    return this.auxQueue.run(() => listFunctions(this.aux));
  }

  /** DuckDB's own time to run `sql` and materialize its result, for benchmarks. */
  async timeMaterialize(sql: string): Promise<{ elapsedMs: number; rows: number }> {
    const connection = await this.instance.connect();
    try {
      const started = performance.now();
      const result = await connection.run(sql);
      const elapsedMs = performance.now() - started;
      return { elapsedMs, rows: result.rowCount };
    } finally {
      connection.closeSync();
    }
  }

  closeResult(resultId: ResultId): Promise<boolean> {
    return this.auxQueue.run(() => this.store.close(this.aux, resultId));
  }

  /** Tables and views of the workspace (not the engine's own result tables), with columns. */
  listSchema(): Promise<SchemaRelation[]> {
    return this.auxQueue.run(() => listSchema(this.aux));
  }

  /**
   * Runs internal statements (loaders, exports) on the aux connection and
   * returns the last statement's rows as JSON-safe objects. Not for user SQL:
   * it has no result table and no windowing.
   */
  exec(sql: string, params?: Record<string, string | number | boolean | null>): Promise<ExecResult> {
    return this.auxQueue.run(async () => {
      try {
        const result = await this.aux.run(sql, params as Record<string, never> | undefined);
        const names = result.columnNames();
        const types = result.columnTypes();
        const rows = result.columnCount > 0 ? await result.getRowObjectsJson() : [];
        return {
          columns: names.map((name, index) => ({ name, type: types[index]!.toString() })),
          rows: rows as ExecResult['rows'],
        };
      } catch (error) {
        throw engineErrorFromDuckDB(error, { statementText: sql, statementStart: 0, fullText: sql });
      }
    });
  }

  /** Interrupts everything running, without waiting (the process is about to end). */
  interruptAll(): void {
    this.cancellables.interruptAll();
    this.session.interrupt();
    this.aux.interrupt();
  }

  close(): void {
    this.session.closeSync();
    this.keeper.closeSync();
    this.aux.closeSync();
    this.instance.closeSync();
  }
}

export type { DuckDBType };

/** The workspace's folder, made if missing; a file in its place, or a folder that cannot be made, is the user's to fix. */
function makeWorkspaceFolder(folder: string): void {
  try {
    mkdirSync(folder, { recursive: true });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EEXIST' || code === 'ENOTDIR') throw localizedError('workspace-not-folder', { path: folder });
    throw localizedError('workspace-not-created', { path: folder, reason: code ?? String(error) });
  }
}
