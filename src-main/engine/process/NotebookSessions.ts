import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import duckdb from '@duckdb/node-bindings';
import { DuckDBInstance, type DuckDBConnection, type DuckDBMaterializedResult, type DuckDBValue } from '@duckdb/node-api';
import type { QueryId, QueryResult, ResultId, ResultWindow } from '@shared/contract/workbenchContract';
import { quoteIdentifier, quoteLiteral, WORKSPACE_RELATIONS_SQL } from '@shared/domain/sqlIdentifier';
import { splitSqlStatements } from '@shared/domain/sqlStatements';
import type { DuckDBEngine } from './DuckDBEngine';
import { columnDefinitionsSql, materializedChunks, RESULTS_DATABASE, ResultStore, resultColumns } from './ResultStore';
import { engineErrorFromDuckDB } from './engineErrors';
import { SerialQueue } from '../SerialQueue';
import { cancelledError, localizedError } from '@shared/contract/errorTexts';
import type { NotebookRestrictions, NotebookRunParams, NotebookVariable } from '../engineProtocol';

/** Rows a restricted session copies from one workspace relation at most. */
export const SNAPSHOT_ROW_LIMIT = 2_000_000;

interface Session {
  id: string;
  /** Own instance for a restricted session; null when the session shares the workspace's instance. */
  instance: DuckDBInstance | null;
  connection: DuckDBConnection;
  /** Restricted sessions read workspace relations through this connection on the workspace's instance. */
  source: DuckDBConnection | null;
  temporaryDirectory: string | null;
  queue: SerialQueue;
  results: ResultStore;
  runningQueryId: QueryId | null;
  /** Repeats an interrupt until the running query ends (one sent before DuckDB starts a statement is lost). */
  reinterrupt?: ReturnType<typeof setInterval> | undefined;
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
    const results = new ResultStore(`${this.prefix}${id.slice(0, 12)}_`, MAX_RESULTS_PER_SESSION, 'cell-result-expired');
    return { id, instance, connection, source, temporaryDirectory, queue: new SerialQueue(), results, runningQueryId: null, copied: new Set() };
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
        clearInterval(session.reinterrupt);
        session.reinterrupt = undefined;
        session.runningQueryId = null;
      }
    }, params.queryId);
  }

  /** Takes a notebook query that waits for its session out of the queue; false when none with this id waits. */
  dequeue(queryId: QueryId): boolean {
    for (const session of this.sessions.values()) {
      if (session.queue.remove(queryId, cancelledError('query-cancelled-before-start'))) return true;
    }
    return false;
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
    const resultId = session.results.nextId();
    const table = session.results.tableOf(resultId);
    const bound = params.params as Record<string, DuckDBValue> | undefined;

    if (params.viewName !== null) {
      const type = await this.preparedType(session, last.text);
      // Only a statement DuckDB prepares as something else is refused: PIVOT and friends do not prepare, and make views.
      if (type !== null && type !== duckdb.StatementType.SELECT) {
        const keyword = /^[A-Za-z_]+/.exec(last.text)?.[0]?.toUpperCase() ?? last.text.slice(0, 20);
        throw localizedError('notebook-view-not-query', { name: params.viewName, keyword });
      }
      // The statement starts on its own line so DuckDB's line numbers shift by exactly one.
      const prefix = `CREATE OR REPLACE TEMP VIEW ${quoteIdentifier(params.viewName)} AS\n`;
      try {
        await session.connection.run(prefix + last.text, bound);
      } catch (error) {
        throw engineErrorFromDuckDB(error, { statementText: prefix + last.text, statementStart: last.start - prefix.length, fullText: params.sql });
      }
      await this.runInternal(session, `CREATE TABLE ${table} AS SELECT * FROM temp.main.${quoteIdentifier(params.viewName)}`);
      await session.results.keepTable(session.connection, resultId);
    } else {
      // A SELECT is kept by CREATE TABLE AS; anything else, or a statement the wrapper cannot parse, runs as it is.
      const kept = (await this.isSelect(session, last.text))
        ? await session.results.keepQuery(session.connection, resultId, { text: last.text, start: last.start, fullText: params.sql }, bound)
        : null;
      if (!kept) {
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
        await session.results.keepMaterialized(session.connection, resultId, materialized);
      }
    }
    const live = session.results.get(resultId);
    const window = params.windowRows > 0 ? await session.results.window(session.connection, resultId, 0, params.windowRows) : null;
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

  private async preparedType(session: Session, text: string): Promise<duckdb.StatementType | null> {
    try {
      return (await session.connection.prepare(text)).statementType as unknown as duckdb.StatementType;
    } catch {
      return null;
    }
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
      await this.runInternal(session, `CREATE OR REPLACE TABLE main.${quoteIdentifier(actual)} (${columnDefinitionsSql(resultColumns(rows))})`);
      const appender = await session.connection.createAppender(actual, 'main');
      try {
        for (const chunk of materializedChunks(rows)) appender.appendDataChunk(chunk);
        appender.flushSync();
      } finally {
        appender.closeSync();
      }
    }
  }

  fetch(sessionId: string, resultId: ResultId, offset: number, limit: number): Promise<ResultWindow> {
    const session = this.session(sessionId);
    return session.queue.run(async () => {
      return session.results.window(session.connection, resultId, offset, limit);
    });
  }

  /** Interrupts the notebook query with this id, if one is running. */
  interrupt(queryId: QueryId): boolean {
    for (const session of this.sessions.values()) {
      if (session.runningQueryId === queryId) {
        session.connection.interrupt();
        session.reinterrupt ??= setInterval(() => session.connection.interrupt(), 100);
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
        await session.results.closeAll(session.connection);
      }
      session.connection.closeSync();
      session.source?.closeSync();
      session.instance?.closeSync();
      if (session.temporaryDirectory) rmSync(session.temporaryDirectory, { recursive: true, force: true });
    });
    return true;
  }

  /** Interrupts every session's running query, without waiting. */
  interruptAll(): void {
    for (const session of this.sessions.values()) session.connection.interrupt();
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
