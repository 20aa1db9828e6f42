import duckdb from '@duckdb/node-bindings';
import { DuckDBDataChunk, type DuckDBConnection, type DuckDBMaterializedResult, type DuckDBResult, type DuckDBType, type DuckDBValue } from '@duckdb/node-api';
import type { ResultId, ResultWindow } from '@shared/contract/workbenchContract';
import { buildResultViewSql, isIdentityView, ResultViewError, resultViewKey, type ResultViewSpec } from '@shared/domain/resultViewSql';
import { quoteIdentifier, uniqueColumnNames } from '@shared/domain/sqlIdentifier';
import { localizedError } from '@shared/contract/errorTexts';
import type { RecordBatch } from 'apache-arrow';
import type { ArrowBatchOptions, ArrowColumnSource } from './arrowFromChunks';
import { arrowIpcFromChunks, recordBatchesFromChunks } from './arrowIpcParts';
import { engineErrorFromDuckDB } from './engineErrors';

/** The attached in-memory database where results live while a tab or a cell shows them. */
export const RESULTS_DATABASE = 'iwb_results';
/** Sorted or filtered copies kept per result; older ones are dropped. */
const MAX_VIEWS_PER_RESULT = 4;

/** A result kept as a table: written once, in order, so `rowid` is the row's position. */
export interface KeptResult {
  table: string;
  columns: ArrowColumnSource[];
  rowCount: number;
  /** Materialized sorted/filtered copies, by view key. */
  views: Map<string, { table: string; rowCount: number }>;
}

/** What `keepStream` tells its caller after each chunk is kept. */
export interface KeptChunk {
  chunk: DuckDBDataChunk;
  rowsSoFar: number;
}

/**
 * The results of one connection owner (the SQL console, a notebook session),
 * each kept as a table in `iwb_results`, with windows by rowid and sorted or
 * filtered views. One copy of these rules for every result: written through
 * an appender (or CREATE TABLE AS) in order, read by rowid ranges, dropped
 * oldest first beyond `maxResults`.
 */
export class ResultStore {
  private readonly results = new Map<ResultId, KeptResult>();
  private counter = 0;
  private viewCounter = 0;

  constructor(
    private readonly prefix: string,
    private readonly maxResults: number,
    private readonly expiredText: 'result-expired' | 'cell-result-expired' = 'result-expired',
  ) {}

  nextId(): ResultId {
    this.counter += 1;
    return `${this.prefix}${this.counter}` as ResultId;
  }

  tableOf(resultId: ResultId): string {
    return `${RESULTS_DATABASE}.${quoteIdentifier(resultId)}`;
  }

  /**
   * Keeps a streaming result as it arrives: one chunk at a time into the
   * result table through an appender on `writer` (the streaming connection
   * itself can run nothing else until the stream ends). `onChunk` sees every
   * chunk once it is kept. On an error or Cancel the partial table is dropped.
   */
  async keepStream(
    writer: DuckDBConnection,
    resultId: ResultId,
    result: DuckDBResult,
    onChunk: (kept: KeptChunk) => void,
  ): Promise<KeptResult> {
    const columns = resultColumns(result);
    const appender = await this.createResultTable(writer, resultId, columns);
    let rowsSoFar = 0;
    let next: Promise<DuckDBDataChunk | null> = Promise.resolve(null);
    try {
      // The next chunk is asked for before this one is kept and converted, so DuckDB computes it
      // on its thread pool while the appender and the Arrow conversion use this thread.
      next = result.fetchChunk();
      for (;;) {
        const chunk = await next;
        if (!chunk || chunk.rowCount === 0) break;
        next = result.fetchChunk();
        appender.appendDataChunk(chunk);
        rowsSoFar += chunk.rowCount;
        onChunk({ chunk, rowsSoFar });
      }
      // A stream that fails (an error, an interrupt) ends like one that is done, without
      // the error (node-api 1.5 has no result_error); only its result type tells.
      if (streamFailed(result)) throw new StreamFailedError(rowsSoFar);
      appender.flushSync();
    } catch (error) {
      // A chunk still being fetched settles before the table goes (its failure is this one's).
      await next.catch(() => null);
      appender.closeSync();
      await writer.run(`DROP TABLE IF EXISTS ${this.tableOf(resultId)}`);
      throw error instanceof StreamFailedError ? error : engineErrorFromDuckDB(error);
    }
    appender.closeSync();
    return this.register(writer, resultId, columns, rowsSoFar);
  }

  /** Keeps a result that is already materialized (SHOW, PRAGMA, INSERT … RETURNING). */
  async keepMaterialized(writer: DuckDBConnection, resultId: ResultId, result: DuckDBMaterializedResult): Promise<KeptResult> {
    const columns = resultColumns(result);
    const appender = await this.createResultTable(writer, resultId, columns);
    try {
      for (const chunk of materializedChunks(result)) appender.appendDataChunk(chunk);
      appender.flushSync();
    } finally {
      appender.closeSync();
    }
    return this.register(writer, resultId, columns, result.rowCount);
  }

  /**
   * Runs a SELECT once as CREATE TABLE AS into the result table and keeps it:
   * DuckDB writes the table on its own threads (no appender on this thread),
   * and an error comes with DuckDB's message and its position in `fullText`.
   * The user's statement starts on its own line, so DuckDB's line numbers
   * shift by exactly one, and ends with a newline, so a trailing `--` comment
   * cannot swallow anything. Returns null when the wrapped statement does not
   * parse (SHOW, DESCRIBE and SUMMARIZE prepare as SELECT but cannot be
   * wrapped; so does a syntax error): nothing ran, and the caller runs the
   * statement as it is, which reports a syntax error at its own position.
   */
  async keepQuery(
    connection: DuckDBConnection,
    resultId: ResultId,
    statement: { text: string; start: number; fullText: string },
    params?: Record<string, DuckDBValue>,
  ): Promise<KeptResult | null> {
    const prefix = `CREATE TABLE ${this.tableOf(resultId)} AS\n`;
    try {
      await connection.run(prefix + statement.text + '\n', params);
    } catch (error) {
      if (/^Parser Error: /.test(error instanceof Error ? error.message : String(error))) return null;
      throw engineErrorFromDuckDB(error, { statementText: prefix + statement.text, statementStart: statement.start - prefix.length, fullText: statement.fullText });
    }
    return this.keepTable(connection, resultId);
  }

  /** Registers a result table another statement wrote (CREATE TABLE AS keeps ORDER BY, so rowid order holds). */
  async keepTable(connection: DuckDBConnection, resultId: ResultId): Promise<KeptResult> {
    const table = this.tableOf(resultId);
    const probe = await connection.run(`SELECT * FROM ${table} LIMIT 0`);
    const columns = resultColumns(probe);
    const counted = (await (await connection.run(`SELECT count(*) FROM ${table}`)).getRowsJS()) as [bigint][];
    return this.register(connection, resultId, columns, Number(counted[0]?.[0] ?? 0));
  }

  private async createResultTable(writer: DuckDBConnection, resultId: ResultId, columns: ArrowColumnSource[]) {
    await writer.run(`CREATE TABLE ${this.tableOf(resultId)} (${columnDefinitionsSql(columns)})`);
    return writer.createAppender(resultId, 'main', RESULTS_DATABASE);
  }

  private async register(connection: DuckDBConnection, resultId: ResultId, columns: ArrowColumnSource[], rowCount: number): Promise<KeptResult> {
    const kept: KeptResult = { table: this.tableOf(resultId), columns, rowCount, views: new Map() };
    this.results.set(resultId, kept);
    while (this.results.size > this.maxResults) {
      await this.close(connection, this.results.keys().next().value as ResultId);
    }
    return kept;
  }

  get(resultId: ResultId): KeptResult {
    const kept = this.results.get(resultId);
    if (!kept) throw localizedError(this.expiredText, {}, undefined, 'result-expired');
    return kept;
  }

  /** Rows [offset, offset + limit) of a result, or of one of its views, as Arrow. */
  async window(
    connection: DuckDBConnection,
    resultId: ResultId,
    offset: number,
    limit: number,
    source?: { table: string; rowCount: number },
  ): Promise<ResultWindow> {
    const kept = this.get(resultId);
    const view = source ?? kept;
    const { rowCount } = view;
    const { start, chunks } = await windowChunks(connection, view, offset, limit);
    return {
      resultId,
      offset: start,
      rowCount: Math.max(0, Math.min(limit, rowCount - start)),
      totalRows: rowCount,
      arrow: arrowIpcFromChunks(kept.columns, chunks),
    };
  }

  /**
   * Rows `offset` … `offset + limit` of a kept result (or of `source`, a view
   * of it) as record batches built straight from DuckDB's chunks, for writers
   * in this process (the Arrow and Excel exports): no IPC encoding to read
   * back. `options` as `recordBatchFromChunks` takes them.
   */
  async windowBatches(
    connection: DuckDBConnection,
    resultId: ResultId,
    offset: number,
    limit: number,
    source: { table: string; rowCount: number },
    options: ArrowBatchOptions = {},
  ): Promise<RecordBatch[]> {
    const { chunks } = await windowChunks(connection, source, offset, limit);
    return recordBatchesFromChunks(this.get(resultId).columns, chunks, options);
  }

  /**
   * The table holding `resultId` as seen through `view`: the result itself,
   * or a sorted/filtered copy materialized once and reused while the user
   * scrolls (sorting 10 million rows on every window would take seconds).
   */
  async viewSource(connection: DuckDBConnection, resultId: ResultId, view: ResultViewSpec): Promise<{ table: string; rowCount: number }> {
    const kept = this.get(resultId);
    if (isIdentityView(view)) return kept;
    const key = resultViewKey(view);
    const cached = kept.views.get(key);
    if (cached) {
      kept.views.delete(key);
      kept.views.set(key, cached);
      return cached;
    }
    let sql;
    try {
      sql = buildResultViewSql(view, new Map(kept.columns.map((column) => [column.name, column.type.toString()])));
    } catch (error) {
      if (error instanceof ResultViewError) throw localizedError('result-view-invalid', { problem: error.message }, undefined, 'invalid-view');
      throw error;
    }
    this.viewCounter += 1;
    const table = `${kept.table.slice(0, -1)}__v${this.viewCounter}"`;
    try {
      await connection.run(`CREATE TABLE ${table} AS SELECT * FROM ${kept.table} ${sql.where} ${sql.orderBy}`, sql.params);
    } catch (error) {
      const wrapped = engineErrorFromDuckDB(error);
      if (wrapped.kind === 'user') {
        throw localizedError('invalid-filter', { reason: wrapped.message }, wrapped.detail, 'invalid-view');
      }
      throw wrapped;
    }
    const counted = (await (await connection.run(`SELECT count(*) FROM ${table}`)).getRowsJS()) as [bigint][];
    const entry = { table, rowCount: Number(counted[0]?.[0] ?? 0) };
    kept.views.set(key, entry);
    while (kept.views.size > MAX_VIEWS_PER_RESULT) {
      const [oldestKey, oldest] = kept.views.entries().next().value as [string, { table: string }];
      kept.views.delete(oldestKey);
      await connection.run(`DROP TABLE IF EXISTS ${oldest.table}`);
    }
    return entry;
  }

  async close(connection: DuckDBConnection, resultId: ResultId): Promise<boolean> {
    const kept = this.results.get(resultId);
    if (!kept) return false;
    this.results.delete(resultId);
    for (const view of kept.views.values()) await connection.run(`DROP TABLE IF EXISTS ${view.table}`);
    await connection.run(`DROP TABLE IF EXISTS ${kept.table}`);
    return true;
  }

  /** Drops every result table; errors are ignored (the connection may be closing). */
  async closeAll(connection: DuckDBConnection): Promise<void> {
    for (const resultId of [...this.results.keys()]) await this.close(connection, resultId).catch(() => false);
  }
}

/** A streamed result ended in an error DuckDB did not hand over (see `keepStream`). */
export class StreamFailedError extends Error {
  constructor(readonly rowsSoFar: number) {
    super(`The stream failed after ${rowsSoFar} rows`);
  }
}

function streamFailed(result: DuckDBResult): boolean {
  const raw = (result as unknown as { result: duckdb.Result }).result;
  return duckdb.result_return_type(raw) !== duckdb.ResultType.QUERY_RESULT || !duckdb.result_is_streaming(raw);
}

/** `"name" TYPE, …`: the column list of a CREATE TABLE that will hold rows of these columns. */
export function columnDefinitionsSql(columns: readonly ArrowColumnSource[]): string {
  return columns.map((column) => `${quoteIdentifier(column.name)} ${column.type.toString()}`).join(', ');
}

/**
 * The columns a result is kept with: its names made unique by DuckDB's own
 * CREATE TABLE AS rule (`uniqueColumnNames`), so a streamed result and one
 * kept with CREATE TABLE AS name the same columns alike.
 */
export function resultColumns(result: DuckDBResult): ArrowColumnSource[] {
  const names = uniqueColumnNames(result.columnNames());
  const types: DuckDBType[] = result.columnTypes();
  return names.map((name, index) => ({ name, type: types[index]! }));
}

/** Rows `offset` … `offset + limit` of a kept table (by rowid), materialized, as chunks; `start` is the offset within the table. */
async function windowChunks(connection: DuckDBConnection, source: { table: string; rowCount: number }, offset: number, limit: number): Promise<{ start: number; chunks: Generator<DuckDBDataChunk> }> {
  const start = Math.min(offset, source.rowCount);
  const materialized = await connection.run(windowSql(source.table, start, limit, source.rowCount));
  return { start, chunks: materializedChunks(materialized) };
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
