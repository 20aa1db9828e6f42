import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { randomBytes } from 'node:crypto';
import duckdb from '@duckdb/node-bindings';
import {
  type DuckDBConnection,
  DuckDBDataChunk,
  DuckDBInstance,
  type DuckDBMaterializedResult,
  type DuckDBType,
  type Json,
} from '@duckdb/node-api';
import type {
  ColumnInfo,
  ColumnSummary,
  ExportOutcome,
  FunctionInfo,
  QueryId,
  QueryResult,
  ResultId,
  ResultWindow,
  SchemaRelation,
} from '@shared/contract/workbenchContract';
import { buildResultViewSql, isIdentityView, ResultViewError, resultViewKey, type ResultViewSpec } from '@shared/domain/resultViewSql';
import { splitSqlStatements } from '@shared/domain/sqlStatements';
import { quoteIdentifier } from '@shared/domain/sqlIdentifier';
import { arrowIpcFromChunks, type ArrowColumnSource } from './arrowFromChunks';
import { summarizeColumn } from './columnSummary';
import { exportRows, type ExportTarget } from './resultExporter';
import { engineErrorFromDuckDB } from './engineErrors';
import { SerialQueue } from './SerialQueue';
import { cancelledError, localizedError } from '@shared/contract/errorTexts';

/** The attached in-memory database where results live while a tab shows them. */
export const RESULTS_DATABASE = 'iwb_results';
/** Oldest results are dropped beyond this many, to bound engine memory. */
const MAX_LIVE_RESULTS = 64;
const PROGRESS_INTERVAL_MS = 250;

export interface EngineOpenOptions {
  /** A file path, or `:memory:` for a throwaway workspace. */
  workspacePath: string;
  threads?: number;
}

export interface ProgressReport {
  queryId: QueryId;
  percent: number | null;
  elapsedMs: number;
  /** `import-part`: one part of a file loaded in parts (the importer turns it into the whole load's progress). */
  phase: 'query' | 'export' | 'import' | 'import-part';
}

const IDENTITY_VIEW: ResultViewSpec = { sort: [], filters: [] };
/** Sorted or filtered copies kept per result; older ones are dropped. */
const MAX_VIEWS_PER_RESULT = 4;

/** Small results of internal statements, as JSON-safe row objects. */
export interface ExecResult {
  columns: ColumnInfo[];
  rows: Record<string, Json>[];
}

interface LiveResult {
  table: string;
  columns: ArrowColumnSource[];
  rowCount: number;
  /** Materialized sorted/filtered copies, by view key. */
  views: Map<string, { table: string; rowCount: number }>;
}

/** Something running that Cancel can stop: the session query, an export, a summary. */
interface Cancellable {
  queryId: QueryId;
  cancelled: boolean;
  connection: DuckDBConnection;
}

/**
 * Owns the DuckDB instance of one workspace. Runs in the engine process; the
 * rest of the app reaches it only through messages, so a stuck query can be
 * killed with the process.
 *
 * Two connections: `session` runs the user's SQL in order (temp tables and
 * settings persist between runs, as in a console) and is the one interrupted
 * by Cancel; `aux` serves result windows, schema listings and internal
 * statements, so the UI stays live while a long query runs.
 */
export class DuckDBEngine {
  private readonly sessionQueue = new SerialQueue();
  private readonly auxQueue = new SerialQueue();
  private readonly results = new Map<ResultId, LiveResult>();
  private readonly resultPrefix = `r_${randomBytes(3).toString('hex')}_`;
  private resultCounter = 0;
  private readonly cancellables = new Map<QueryId, Cancellable>();
  private viewCounter = 0;

  private constructor(
    private readonly instance: DuckDBInstance,
    private readonly session: DuckDBConnection,
    private readonly aux: DuckDBConnection,
    readonly workspacePath: string,
  ) {}

  static async open(options: EngineOpenOptions): Promise<DuckDBEngine> {
    if (options.workspacePath !== ':memory:') mkdirSync(dirname(options.workspacePath), { recursive: true });
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
    const aux = await instance.connect();
    await session.run(`ATTACH IF NOT EXISTS ':memory:' AS ${RESULTS_DATABASE}`);
    await session.run('SET enable_progress_bar = true; SET enable_progress_bar_print = false');
    return new DuckDBEngine(instance, session, aux, options.workspacePath);
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
   * the last statement returns rows they are kept in the engine as a result
   * table and the first `windowRows` rows are returned as Arrow.
   */
  run(
    request: { queryId: QueryId; sql: string; windowRows: number },
    onProgress?: (report: ProgressReport) => void,
  ): Promise<QueryResult> {
    return this.sessionQueue.run(() => this.runNow(request, onProgress));
  }

  private async runNow(
    request: { queryId: QueryId; sql: string; windowRows: number },
    onProgress?: (report: ProgressReport) => void,
  ): Promise<QueryResult> {
    const statements = splitSqlStatements(request.sql);
    if (statements.length === 0) throw localizedError('query-empty', {}, undefined, 'empty-query');
    const running = this.registerCancellable(request.queryId, this.session);
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
      const outcome = await this.runLastStatement(last.text, last.start, request.sql);
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
      const window =
        request.windowRows > 0 ? await this.fetchNow(outcome.resultId, 0, request.windowRows) : null;
      return {
        queryId: request.queryId,
        kind: 'rows',
        resultId: outcome.resultId,
        columns: outcome.result.columns.map((column) => ({ name: column.name, type: column.type.toString() })),
        rowCount: outcome.result.rowCount,
        rowsChanged: 0,
        statementCount: statements.length,
        elapsedMs: performance.now() - started,
        window,
      };
    } finally {
      if (timer) clearInterval(timer);
      this.cancellables.delete(running.queryId);
    }
  }

  private registerCancellable(queryId: QueryId, connection: DuckDBConnection): Cancellable {
    if (this.cancellables.has(queryId)) throw localizedError('query-duplicate-id', { queryId }, undefined, 'duplicate-query-id');
    const cancellable: Cancellable = { queryId, cancelled: false, connection };
    this.cancellables.set(queryId, cancellable);
    return cancellable;
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
    fullText: string,
  ): Promise<
    | { kind: 'rows'; resultId: ResultId; result: LiveResult }
    | { kind: 'changes' | 'nothing'; rowsChanged: number }
  > {
    const context = { statementText: text, statementStart: start, fullText };
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
    const resultId = this.nextResultId();
    const table = `${RESULTS_DATABASE}.${quoteIdentifier(resultId)}`;
    if (statementType === duckdb.StatementType.SELECT) {
      // CREATE TABLE AS runs in parallel and keeps ORDER BY; the statement
      // starts on its own line so DuckDB's line numbers shift by exactly one.
      const prefix = `CREATE TABLE ${table} AS\n`;
      try {
        await this.session.run(prefix + text + '\n');
        return { kind: 'rows', resultId, result: await this.registerResult(resultId, table) };
      } catch (error) {
        const message = String(error instanceof Error ? error.message : error);
        // SHOW, DESCRIBE, SUMMARIZE and PRAGMA are SELECTs that CREATE TABLE AS cannot wrap.
        if (!/^Parser Error/.test(message)) {
          throw engineErrorFromDuckDB(error, {
            statementText: prefix + text,
            statementStart: start - prefix.length,
            fullText,
          });
        }
      }
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
    await this.storeMaterialized(materialized, table);
    return { kind: 'rows', resultId, result: await this.registerResult(resultId, table) };
  }

  /** Copies a materialized result into a result table through the appender. */
  private async storeMaterialized(result: DuckDBMaterializedResult, table: string): Promise<void> {
    const names = result.deduplicatedColumnNames();
    const types = result.columnTypes();
    const columnsSql = names.map((name, index) => `${quoteIdentifier(name)} ${types[index]!.toString()}`).join(', ');
    await this.session.run(`CREATE TABLE ${table} (${columnsSql})`);
    const tableName = table.slice(RESULTS_DATABASE.length + 1).replace(/^"|"$/g, '');
    const appender = await this.session.createAppender(tableName, 'main', RESULTS_DATABASE);
    try {
      for (const chunk of materializedChunks(result)) appender.appendDataChunk(chunk);
      appender.flushSync();
    } finally {
      appender.closeSync();
    }
  }

  private async registerResult(resultId: ResultId, table: string): Promise<LiveResult> {
    const probe = await this.session.run(`SELECT * FROM ${table} LIMIT 0`);
    const names = probe.columnNames();
    const types = probe.columnTypes();
    const count = await this.session.run(`SELECT count(*) AS n FROM ${table}`);
    const rows = await count.getRowsJS();
    const live: LiveResult = {
      table,
      columns: names.map((name, index) => ({ name, type: types[index]! })),
      rowCount: Number(rows[0]?.[0] ?? 0),
      views: new Map(),
    };
    this.results.set(resultId, live);
    await this.evictOldResults();
    return live;
  }

  private async evictOldResults(): Promise<void> {
    while (this.results.size > MAX_LIVE_RESULTS) {
      const oldest = this.results.keys().next().value as ResultId;
      await this.closeResultNow(oldest, this.session);
    }
  }

  private nextResultId(): ResultId {
    this.resultCounter += 1;
    return `${this.resultPrefix}${this.resultCounter}` as ResultId;
  }

  /** Interrupts the named query, export or summary, if it is running. */
  interrupt(queryId: QueryId): boolean {
    const cancellable = this.cancellables.get(queryId);
    if (!cancellable) return false;
    cancellable.cancelled = true;
    cancellable.connection.interrupt();
    return true;
  }

  fetch(resultId: ResultId, offset: number, limit: number, view: ResultViewSpec = IDENTITY_VIEW): Promise<ResultWindow> {
    return this.auxQueue.run(async () => {
      const source = await this.viewSource(resultId, view, this.aux);
      return this.fetchNow(resultId, offset, limit, source);
    });
  }

  private async fetchNow(
    resultId: ResultId,
    offset: number,
    limit: number,
    source?: { table: string; rowCount: number },
  ): Promise<ResultWindow> {
    const live = this.liveResult(resultId);
    const { table, rowCount } = source ?? live;
    const start = Math.min(offset, rowCount);
    const materialized = await this.aux.run(windowSql(table, start, limit, rowCount));
    const arrow = arrowIpcFromChunks(live.columns, materializedChunks(materialized), Math.min(limit, rowCount));
    return {
      resultId,
      offset: start,
      rowCount: Math.max(0, Math.min(limit, rowCount - start)),
      totalRows: rowCount,
      arrow,
    };
  }

  /**
   * The table holding `resultId` as seen through `view`: the result itself,
   * or a sorted/filtered copy materialized once and reused while the user
   * scrolls (sorting 10 million rows on every window would take seconds).
   */
  private async viewSource(
    resultId: ResultId,
    view: ResultViewSpec,
    connection: DuckDBConnection,
  ): Promise<{ table: string; rowCount: number }> {
    const live = this.liveResult(resultId);
    if (isIdentityView(view)) return live;
    const key = resultViewKey(view);
    const cached = live.views.get(key);
    if (cached) {
      live.views.delete(key);
      live.views.set(key, cached);
      return cached;
    }
    let sql;
    try {
      sql = buildResultViewSql(view, new Map(live.columns.map((column) => [column.name, column.type.toString()])));
    } catch (error) {
      if (error instanceof ResultViewError) throw localizedError('result-view-invalid', { problem: error.message }, undefined, 'invalid-view');
      throw error;
    }
    this.viewCounter += 1;
    const table = `${live.table.slice(0, -1)}__v${this.viewCounter}"`;
    try {
      await connection.run(`CREATE TABLE ${table} AS SELECT * FROM ${live.table} ${sql.where} ${sql.orderBy}`, sql.params);
    } catch (error) {
      const wrapped = engineErrorFromDuckDB(error);
      if (wrapped.kind === 'user') {
        throw localizedError('invalid-filter', { reason: wrapped.message }, wrapped.detail, 'invalid-view');
      }
      throw wrapped;
    }
    const counted = (await (await connection.run(`SELECT count(*) FROM ${table}`)).getRowsJS()) as [bigint][];
    const entry = { table, rowCount: Number(counted[0]?.[0] ?? 0) };
    live.views.set(key, entry);
    while (live.views.size > MAX_VIEWS_PER_RESULT) {
      const [oldestKey, oldest] = live.views.entries().next().value as [string, { table: string }];
      live.views.delete(oldestKey);
      await connection.run(`DROP TABLE IF EXISTS ${oldest.table}`);
    }
    return entry;
  }

  /** Type, nulls, distinct values, range, and a histogram or the most frequent values of one column. */
  summarize(resultId: ResultId, column: string, view: ResultViewSpec = IDENTITY_VIEW): Promise<ColumnSummary> {
    return this.auxQueue.run(async () => {
      const live = this.liveResult(resultId);
      const source = live.columns.find((candidate) => candidate.name === column);
      if (!source) throw localizedError('result-unknown-column', { column }, undefined, 'invalid-view');
      const { table } = await this.viewSource(resultId, view, this.aux);
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
    this.liveResult(request.resultId);
    const connection = await this.instance.connect();
    const cancellable = this.registerCancellable(request.queryId, connection);
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
      const source = await this.viewSource(request.resultId, request.view, connection);
      const { bytes } = await exportRows(
        {
          connection,
          table: source.table,
          rowCount: source.rowCount,
          fetchWindow: async (offset, limit) => {
            if (cancellable.cancelled) throw cancelledError();
            const materialized = await connection.run(windowSql(source.table, offset, limit, source.rowCount));
            return arrowIpcFromChunks(this.liveResult(request.resultId).columns, materializedChunks(materialized), limit);
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
      this.cancellables.delete(request.queryId);
      connection.closeSync();
    }
  }

  /** DuckDB's functions with their signatures, for autocomplete. */
  listFunctions(): Promise<FunctionInfo[]> {
    return this.auxQueue.run(async () => {
      const result = await this.aux.run(`
        SELECT function_name AS name, function_type AS kind,
               list(DISTINCT function_name || '(' || array_to_string(parameters, ', ') || ')' ||
                    CASE WHEN return_type IS NULL THEN '' ELSE ' → ' || return_type END) AS signatures,
               first(description) FILTER (WHERE description IS NOT NULL) AS description
          FROM duckdb_functions()
         GROUP BY ALL ORDER BY name`);
      const rows = (await result.getRowObjectsJS()) as { name: string; kind: string; signatures: string[]; description: string | null }[];
      return rows
        // Operators (+, ~~) and internal helpers (__internal_...) are not something to type.
        .filter((row) => /^[A-Za-z][A-Za-z0-9_]*$/.test(row.name))
        .map((row) => ({
          name: row.name,
          kind: (['scalar', 'aggregate', 'table', 'macro', 'pragma', 'window'].includes(row.kind) ? row.kind : 'scalar') as FunctionInfo['kind'],
          signatures: row.signatures.slice(0, 8),
          description: row.description,
        }));
    });
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

  private liveResult(resultId: ResultId): LiveResult {
    const live = this.results.get(resultId);
    if (!live) {
      throw localizedError('result-expired');
    }
    return live;
  }

  closeResult(resultId: ResultId): Promise<boolean> {
    return this.auxQueue.run(() => this.closeResultNow(resultId, this.aux));
  }

  private async closeResultNow(resultId: ResultId, connection: DuckDBConnection): Promise<boolean> {
    const live = this.results.get(resultId);
    if (!live) return false;
    this.results.delete(resultId);
    for (const view of live.views.values()) await connection.run(`DROP TABLE IF EXISTS ${view.table}`);
    await connection.run(`DROP TABLE IF EXISTS ${live.table}`);
    return true;
  }

  /** Tables and views of the workspace (not the engine's own result tables), with columns. */
  listSchema(): Promise<SchemaRelation[]> {
    return this.auxQueue.run(async () => {
      const relations = await this.aux.run(`
        SELECT database_name, schema_name, table_name AS name, 'table' AS kind, comment
          FROM duckdb_tables() WHERE NOT internal AND database_name <> '${RESULTS_DATABASE}'
        UNION ALL
        SELECT database_name, schema_name, view_name AS name, 'view' AS kind, comment
          FROM duckdb_views() WHERE NOT internal AND database_name <> '${RESULTS_DATABASE}'
        ORDER BY kind, schema_name, name`);
      const relationRows = (await relations.getRowObjectsJS()) as {
        database_name: string;
        schema_name: string;
        name: string;
        kind: 'table' | 'view';
        comment: string | null;
      }[];
      const columns = await this.aux.run(`
        SELECT database_name, schema_name, table_name, column_name, data_type, is_nullable
          FROM duckdb_columns() WHERE NOT internal AND database_name <> '${RESULTS_DATABASE}'
          ORDER BY database_name, schema_name, table_name, column_index`);
      const columnRows = (await columns.getRowObjectsJS()) as {
        database_name: string;
        schema_name: string;
        table_name: string;
        column_name: string;
        data_type: string;
        is_nullable: boolean;
      }[];
      const key = (database: string, schema: string, name: string) => `${database}\u0000${schema}\u0000${name}`;
      const byRelation = new Map<string, SchemaRelation['columns']>();
      for (const row of columnRows) {
        const relationKey = key(row.database_name, row.schema_name, row.table_name);
        let list = byRelation.get(relationKey);
        if (!list) byRelation.set(relationKey, (list = []));
        list.push({ name: row.column_name, type: row.data_type, nullable: row.is_nullable });
      }
      const tables = relationRows.filter((row) => row.kind === 'table');
      const counts = new Map<string, number>();
      if (tables.length > 0 && tables.length <= 500) {
        const countSql = tables
          .map(
            (row, index) =>
              `SELECT ${index} AS i, count(*) AS n FROM ${quoteIdentifier(row.database_name)}.${quoteIdentifier(row.schema_name)}.${quoteIdentifier(row.name)}`,
          )
          .join(' UNION ALL ');
        const countRows = (await (await this.aux.run(countSql)).getRowsJS()) as [number, bigint][];
        for (const [index, count] of countRows) {
          const row = tables[index]!;
          counts.set(key(row.database_name, row.schema_name, row.name), Number(count));
        }
      }
      return relationRows.map((row) => {
        const relationKey = key(row.database_name, row.schema_name, row.name);
        const schema = row.database_name === 'temp' ? 'temp' : row.schema_name;
        return {
          schema,
          name: row.name,
          kind: row.kind,
          columns: byRelation.get(relationKey) ?? [],
          rowCount: row.kind === 'table' ? (counts.get(relationKey) ?? null) : null,
          comment: row.comment,
        };
      });
    });
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
          rows: rows as Record<string, Json>[],
        };
      } catch (error) {
        throw engineErrorFromDuckDB(error, { statementText: sql, statementStart: 0, fullText: sql });
      }
    });
  }

  close(): void {
    this.session.closeSync();
    this.aux.closeSync();
    this.instance.closeSync();
  }
}

/**
 * Rows [offset, offset + limit) of a result table. Result tables are written
 * once, in order, so `rowid` is the row's position: a rowid range keeps the
 * scan parallel and lets DuckDB skip row groups, where LIMIT/OFFSET would
 * read everything before the window on one thread.
 */
function windowSql(table: string, offset: number, limit: number, rowCount: number): string {
  if (offset === 0 && limit >= rowCount) return `SELECT * FROM ${table}`;
  return `SELECT * FROM ${table} WHERE rowid >= ${offset} AND rowid < ${offset + limit}`;
}

/**
 * The chunks of a materialized result, read synchronously. The public
 * `fetchChunk` costs a thread-pool round trip per 2,048 rows; for a result
 * that is already materialized the C API can hand out chunks directly.
 */
export function* materializedChunks(result: DuckDBMaterializedResult): Generator<DuckDBDataChunk> {
  const raw = (result as unknown as { result: duckdb.Result }).result;
  const count = duckdb.result_chunk_count(raw);
  for (let index = 0; index < count; index++) yield new DuckDBDataChunk(duckdb.result_get_chunk(raw, index));
}

export type { DuckDBType };
