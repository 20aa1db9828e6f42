import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import duckdb from '@duckdb/node-bindings';
import { DuckDBInstance, type DuckDBConnection, type DuckDBMaterializedResult, type DuckDBValue } from '@duckdb/node-api';
import type { QueryId, QueryResult, ResultId, ResultWindow } from '@shared/contract/workbenchContract';
import { quoteIdentifier, quoteLiteral, WORKSPACE_RELATIONS_SQL } from '@shared/domain/sqlIdentifier';
import { splitSqlStatements } from '@shared/domain/sqlStatements';
import { arrowIpcFromChunks, type ArrowColumnSource } from './arrowFromChunks';
import { materializedChunks, RESULTS_DATABASE, type DuckDBEngine } from './DuckDBEngine';
import { engineErrorFromDuckDB } from './engineErrors';
import { SerialQueue } from './SerialQueue';
import { localizedError } from '@shared/contract/errorTexts';

/** A notebook parameter as a DuckDB variable. */
export interface NotebookVariable {
  name: string;
  value: number | string;
  type: 'number' | 'text' | 'date';
}

/**
 * An untrusted notebook's limits: the folders its SQL may read and write.
 * Its session gets its own DuckDB instance with external access off, those
 * folders allowed, extensions neither installed nor loaded, and the
 * configuration locked; workspace tables it reads are copied in.
 */
export interface NotebookRestrictions {
  allowedDirectories: string[];
}

export interface NotebookRunParams {
  sessionId: string;
  queryId: QueryId;
  sql: string;
  /** Bound parameters (`$name`) of generated SQL, such as a target cell's. */
  params?: Record<string, string | number | boolean | null>;
  /** A named cell: its last statement becomes a temporary view of this name. */
  viewName: string | null;
  variables: NotebookVariable[];
  windowRows: number;
  /** Restricted sessions: lower-cased names the SQL mentions; workspace tables or views among them are copied in first. */
  snapshotNames: string[];
}

/** Rows a restricted session copies from one workspace relation at most. */
export const SNAPSHOT_ROW_LIMIT = 2_000_000;

interface LiveResult {
  table: string;
  columns: ArrowColumnSource[];
  rowCount: number;
}

interface Session {
  id: string;
  /** Own instance for a restricted session; null when the session shares the workspace's instance. */
  instance: DuckDBInstance | null;
  connection: DuckDBConnection;
  /** Restricted sessions read workspace relations through this connection on the workspace's instance. */
  source: DuckDBConnection | null;
  temporaryDirectory: string | null;
  queue: SerialQueue;
  results: Map<ResultId, LiveResult>;
  counter: number;
  runningQueryId: QueryId | null;
  /** Lower-cased workspace relation names copied into a restricted session. */
  copied: Set<string>;
}

/** Results a session keeps; older ones are dropped (the renderer keeps the first window it got). */
const MAX_RESULTS_PER_SESSION = 200;

/**
 * Notebook sessions inside the engine process: one DuckDB connection per
 * open notebook, so its parameters (`SET VARIABLE`) and named cells
 * (temporary views) never leak into the SQL console or another notebook.
 * Sessions are a cache of what the notebook's cells built: when the engine
 * restarts they are gone and the main side re-runs the cells.
 */
export class NotebookSessions {
  private readonly sessions = new Map<string, Session>();
  private readonly prefix = `nb_${randomBytes(3).toString('hex')}_`;

  constructor(private readonly engine: DuckDBEngine) {}

  async open(sessionId: string, restrictions: NotebookRestrictions | null): Promise<void> {
    await this.close(sessionId);
    if (!restrictions) {
      const connection = await this.engine.connect();
      this.sessions.set(sessionId, this.newSession(sessionId, null, connection, null, null));
      return;
    }
    const temporaryDirectory = mkdtempSync(join(tmpdir(), 'iwb-notebook-'));
    let instance: DuckDBInstance | null = null;
    try {
      instance = await DuckDBInstance.create(':memory:', {
        autoinstall_known_extensions: 'false',
        autoload_known_extensions: 'false',
        allow_community_extensions: 'false',
        // DuckDB allows its temporary folder even with external access off: give it a private one.
        temp_directory: temporaryDirectory,
      });
      const connection = await instance.connect();
      await connection.run(`ATTACH ':memory:' AS ${RESULTS_DATABASE}`);
      // allowed_directories is a list and cannot be given at creation; set it, then close the door and lock it.
      const directories = restrictions.allowedDirectories.map(quoteLiteral).join(', ');
      await connection.run(`SET allowed_directories = [${directories}]`);
      await connection.run('SET enable_external_access = false');
      await connection.run('SET lock_configuration = true');
      const source = await this.engine.connect();
      this.sessions.set(sessionId, this.newSession(sessionId, instance, connection, source, temporaryDirectory));
    } catch (error) {
      instance?.closeSync();
      rmSync(temporaryDirectory, { recursive: true, force: true });
      throw engineErrorFromDuckDB(error);
    }
  }

  private newSession(
    id: string,
    instance: DuckDBInstance | null,
    connection: DuckDBConnection,
    source: DuckDBConnection | null,
    temporaryDirectory: string | null,
  ): Session {
    return { id, instance, connection, source, temporaryDirectory, queue: new SerialQueue(), results: new Map(), counter: 0, runningQueryId: null, copied: new Set() };
  }

  private session(sessionId: string): Session {
    const session = this.sessions.get(sessionId);
    if (!session) {
      throw localizedError('notebook-session-gone', {}, undefined, 'notebook-session-reset');
    }
    return session;
  }

  has(sessionId: string): boolean {
    return this.sessions.has(sessionId);
  }

  run(params: NotebookRunParams): Promise<QueryResult> {
    const session = this.session(params.sessionId);
    return session.queue.run(async () => {
      session.runningQueryId = params.queryId;
      try {
        return await this.runNow(session, params);
      } finally {
        session.runningQueryId = null;
      }
    });
  }

  private async runNow(session: Session, params: NotebookRunParams): Promise<QueryResult> {
    const started = performance.now();
    const statements = splitSqlStatements(params.sql);
    if (statements.length === 0) throw localizedError('cell-empty', {}, undefined, 'empty-query');
    if (session.source) await this.copyWorkspaceRelations(session, params.snapshotNames);
    for (const variable of params.variables) await this.setVariable(session.connection, variable);

    for (let index = 0; index < statements.length - 1; index++) {
      const statement = statements[index]!;
      try {
        await session.connection.run(statement.text, params.params as Record<string, DuckDBValue> | undefined);
      } catch (error) {
        throw engineErrorFromDuckDB(error, { statementText: statement.text, statementStart: statement.start, fullText: params.sql });
      }
    }
    const last = statements[statements.length - 1]!;
    const resultId = this.nextResultId(session);
    const table = `${RESULTS_DATABASE}.${quoteIdentifier(resultId)}`;
    const bound = params.params as Record<string, DuckDBValue> | undefined;

    if (params.viewName !== null) {
      // The statement starts on its own line so DuckDB's line numbers shift by exactly one.
      const prefix = `CREATE OR REPLACE TEMP VIEW ${quoteIdentifier(params.viewName)} AS\n`;
      try {
        await session.connection.run(prefix + last.text, bound);
      } catch (error) {
        throw engineErrorFromDuckDB(error, { statementText: prefix + last.text, statementStart: last.start - prefix.length, fullText: params.sql });
      }
      await this.runInternal(session, `CREATE TABLE ${table} AS SELECT * FROM temp.main.${quoteIdentifier(params.viewName)}`);
    } else if (await this.isSelect(session, last.text)) {
      const prefix = `CREATE TABLE ${table} AS\n`;
      try {
        await session.connection.run(prefix + last.text + '\n', bound);
      } catch (error) {
        throw engineErrorFromDuckDB(error, { statementText: prefix + last.text, statementStart: last.start - prefix.length, fullText: params.sql });
      }
    } else {
      let materialized: DuckDBMaterializedResult;
      try {
        materialized = await session.connection.run(last.text, bound);
      } catch (error) {
        throw engineErrorFromDuckDB(error, { statementText: last.text, statementStart: last.start, fullText: params.sql });
      }
      if (materialized.returnType !== 3 /* QUERY_RESULT */ || materialized.columnCount === 0) {
        const rowsChanged = materialized.rowsChanged;
        return {
          queryId: params.queryId,
          kind: rowsChanged > 0 || materialized.returnType === 1 ? 'changes' : 'nothing',
          resultId: null,
          columns: [],
          rowCount: 0,
          rowsChanged,
          statementCount: statements.length,
          elapsedMs: performance.now() - started,
          window: null,
        };
      }
      await this.storeMaterialized(session, materialized, resultId);
    }
    const live = await this.register(session, resultId, table);
    const window = params.windowRows > 0 ? await this.windowOf(session, resultId, live, 0, params.windowRows) : null;
    return {
      queryId: params.queryId,
      kind: 'rows',
      resultId,
      columns: live.columns.map((column) => ({ name: column.name, type: column.type.toString() })),
      rowCount: live.rowCount,
      rowsChanged: 0,
      statementCount: statements.length,
      elapsedMs: performance.now() - started,
      window,
    };
  }

  private async isSelect(session: Session, text: string): Promise<boolean> {
    try {
      const prepared = await session.connection.prepare(text);
      return (prepared.statementType as unknown as duckdb.StatementType) === duckdb.StatementType.SELECT;
    } catch (error) {
      // PIVOT and a few others expand to several statements and cannot be prepared: run them as they are.
      if (/Cannot prepare multiple statements/.test(String(error))) return false;
      // Errors in the SQL surface when it runs, with their position.
      return false;
    }
  }

  private async runInternal(session: Session, sql: string): Promise<DuckDBMaterializedResult> {
    try {
      return await session.connection.run(sql);
    } catch (error) {
      throw engineErrorFromDuckDB(error);
    }
  }

  private async setVariable(connection: DuckDBConnection, variable: NotebookVariable): Promise<void> {
    const cast = variable.type === 'date' ? 'DATE' : variable.type === 'text' ? 'VARCHAR' : Number.isInteger(variable.value) ? 'BIGINT' : 'DOUBLE';
    const value = variable.type === 'number' ? Number(variable.value) : String(variable.value);
    try {
      await connection.run(`SET VARIABLE ${quoteIdentifier(variable.name)} = CAST($value AS ${cast})`, { value });
    } catch (error) {
      throw localizedError('notebook-parameter', { name: variable.name, value: JSON.stringify(variable.value), reason: error instanceof Error ? error.message : String(error) });
    }
  }

  private async storeMaterialized(session: Session, result: DuckDBMaterializedResult, resultId: ResultId): Promise<void> {
    const names = result.deduplicatedColumnNames();
    const types = result.columnTypes();
    const columnsSql = names.map((name, index) => `${quoteIdentifier(name)} ${types[index]!.toString()}`).join(', ');
    await this.runInternal(session, `CREATE TABLE ${RESULTS_DATABASE}.${quoteIdentifier(resultId)} (${columnsSql})`);
    const appender = await session.connection.createAppender(resultId, 'main', RESULTS_DATABASE);
    try {
      for (const chunk of materializedChunks(result)) appender.appendDataChunk(chunk);
      appender.flushSync();
    } finally {
      appender.closeSync();
    }
  }

  /**
   * Copies the workspace tables and views a restricted session's SQL names
   * into its own instance, once per session. Names of the notebook's own
   * views win: they are temporary views and shadow these copies.
   */
  private async copyWorkspaceRelations(session: Session, names: readonly string[]): Promise<void> {
    const wanted = names.filter((name) => !session.copied.has(name));
    if (wanted.length === 0) return;
    const source = session.source!;
    const listing = await source.run(WORKSPACE_RELATIONS_SQL);
    const available = new Map(((await listing.getRowsJS()) as [string][]).map(([name]) => [name.toLowerCase(), name]));
    for (const name of wanted) {
      session.copied.add(name);
      const actual = available.get(name);
      if (!actual) continue;
      const relation = `main.${quoteIdentifier(actual)}`;
      const count = Number(((await (await source.run(`SELECT count(*) FROM ${relation}`)).getRowsJS()) as [bigint][])[0]![0]);
      if (count > SNAPSHOT_ROW_LIMIT) {
        throw localizedError('notebook-snapshot-too-large', { table: actual, rows: count.toLocaleString('en-US'), limit: SNAPSHOT_ROW_LIMIT.toLocaleString('en-US') });
      }
      const rows = await source.run(`SELECT * FROM ${relation}`);
      const columns = rows.deduplicatedColumnNames();
      const types = rows.columnTypes();
      const columnsSql = columns.map((column, index) => `${quoteIdentifier(column)} ${types[index]!.toString()}`).join(', ');
      await this.runInternal(session, `CREATE OR REPLACE TABLE main.${quoteIdentifier(actual)} (${columnsSql})`);
      const appender = await session.connection.createAppender(actual, 'main');
      try {
        for (const chunk of materializedChunks(rows)) appender.appendDataChunk(chunk);
        appender.flushSync();
      } finally {
        appender.closeSync();
      }
    }
  }

  private nextResultId(session: Session): ResultId {
    session.counter += 1;
    return `${this.prefix}${session.id.slice(0, 12)}_${session.counter}` as ResultId;
  }

  private async register(session: Session, resultId: ResultId, table: string): Promise<LiveResult> {
    const probe = await this.runInternal(session, `SELECT * FROM ${table} LIMIT 0`);
    const names = probe.columnNames();
    const types = probe.columnTypes();
    const count = (await (await this.runInternal(session, `SELECT count(*) FROM ${table}`)).getRowsJS()) as [bigint][];
    const live: LiveResult = { table, columns: names.map((name, index) => ({ name, type: types[index]! })), rowCount: Number(count[0]![0]) };
    session.results.set(resultId, live);
    while (session.results.size > MAX_RESULTS_PER_SESSION) {
      const [oldest, result] = session.results.entries().next().value as [ResultId, LiveResult];
      session.results.delete(oldest);
      await this.runInternal(session, `DROP TABLE IF EXISTS ${result.table}`);
    }
    return live;
  }

  private async windowOf(session: Session, resultId: ResultId, live: LiveResult, offset: number, limit: number): Promise<ResultWindow> {
    const start = Math.min(offset, live.rowCount);
    const materialized = await this.runInternal(session, `SELECT * FROM ${live.table} LIMIT ${limit} OFFSET ${start}`);
    return {
      resultId,
      offset: start,
      rowCount: Math.max(0, Math.min(limit, live.rowCount - start)),
      totalRows: live.rowCount,
      arrow: arrowIpcFromChunks(live.columns, materializedChunks(materialized), Math.min(limit, live.rowCount)),
    };
  }

  fetch(sessionId: string, resultId: ResultId, offset: number, limit: number): Promise<ResultWindow> {
    const session = this.session(sessionId);
    return session.queue.run(async () => {
      const live = session.results.get(resultId);
      if (!live) {
        throw localizedError('cell-result-expired', {}, undefined, 'result-expired');
      }
      return this.windowOf(session, resultId, live, offset, limit);
    });
  }

  /** Interrupts the notebook query with this id, if one is running. */
  interrupt(queryId: QueryId): boolean {
    for (const session of this.sessions.values()) {
      if (session.runningQueryId === queryId) {
        session.connection.interrupt();
        return true;
      }
    }
    return false;
  }

  async close(sessionId: string): Promise<boolean> {
    const session = this.sessions.get(sessionId);
    if (!session) return false;
    this.sessions.delete(sessionId);
    await session.queue.run(async () => {
      if (!session.instance) {
        for (const result of session.results.values()) await session.connection.run(`DROP TABLE IF EXISTS ${result.table}`).catch(() => undefined);
      }
      session.connection.closeSync();
      session.source?.closeSync();
      session.instance?.closeSync();
      if (session.temporaryDirectory) rmSync(session.temporaryDirectory, { recursive: true, force: true });
    });
    return true;
  }

  closeAll(): void {
    for (const session of this.sessions.values()) {
      session.connection.closeSync();
      session.source?.closeSync();
      session.instance?.closeSync();
      if (session.temporaryDirectory) rmSync(session.temporaryDirectory, { recursive: true, force: true });
    }
    this.sessions.clear();
  }
}
