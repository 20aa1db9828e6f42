import { rm } from 'node:fs/promises';
import type {
  ImportColumnSpec,
  ImportFormat,
  ImportId,
  ImportOutcome,
  ImportPreview,
  ImportProgress,
  ImportProvenance,
  ImportSettings,
  IndicatorMatch,
  QueryId,
  RunImportRequest,
} from '@shared/contract/workbenchContract';
import { WorkbenchError } from '@shared/contract/WorkbenchError';
import { localizedError } from '@shared/contract/errorTexts';
import { tableNameProblem } from '@shared/domain/import/importNames';
import type { IndicatorChoice } from '@shared/domain/import/indicatorMatch';
import type { UnpivotPlan } from '@shared/domain/import/unpivotPlan';
import type { ExecResult } from '../engine/engineProtocol';
import type { EngineClient } from '../engine/EngineClient';
import { SerialQueue } from '../engine/SerialQueue';
import { sha256File } from './contentHash';
import { analyseDuckDBFile, runDuckDBFile } from './formats/duckdbFileFormat';
import { analyseDuckDBReadable, duckDBReadableSelect } from './formats/duckdbReadableFormat';
import { analyseText, CHUNK_BYTES, columnsCleanedFor, csvSelect, CSV_LINE_OPTIONS, loadInChunks, LONG_LINE_ERROR, LONG_LINE_OPTIONS, MAX_CHUNK_BYTES, type ImportReport } from './formats/textFormat';
import { WorkbookFormat } from './formats/workbookFormat';
import type { WorkbookThreadLimits } from './workbookThread';
import type { Analysis, FormatContext } from './importAnalysis';
import { loadError } from './importErrors';
import { planImport, rollbackImport, type ImportPlan } from './importPlan';
import type { ImportSource, ImportSources } from './importSources';
import { matchIndicators } from './observationImport';
import { importHistory, PROVENANCE_TABLE, provenanceFromRow, provenanceInsert } from './provenance';
import { importCancelled, type ChunkSizes } from './textSource';

export type ImportProgressListener = (progress: ImportProgress) => void;

/**
 * Previews and runs imports: a queue (one import holds the engine's import
 * connection at a time), Cancel, and the transaction of each import over
 * one module per format (`formats/`): text files go through DuckDB's own
 * CSV reader, workbooks are read and cleaned here and staged as NDJSON,
 * Parquet, JSON and DuckDB files are read by DuckDB. Every import is one
 * transaction on the import connection, provenance row included.
 */
export class Importer {
  private readonly running = new Map<string, AbortController>();
  private readonly queue = new SerialQueue();
  private readonly context: FormatContext;
  private readonly workbooks: WorkbookFormat;

  constructor(
    private readonly engine: EngineClient,
    private readonly sources: ImportSources,
    /** A CSV in another encoding larger than `chunkBytes` is loaded part by part, DuckDB reading one while the next is converted. */
    private readonly chunkSizes: ChunkSizes = { chunkBytes: CHUNK_BYTES, maxChunkBytes: MAX_CHUNK_BYTES },
    /** The workbook thread's memory cap and time limit. */
    workbookLimits?: WorkbookThreadLimits,
  ) {
    this.context = { engine, sources };
    this.workbooks = new WorkbookFormat(this.context, workbookLimits);
  }

  async preview(sourceId: ImportSource['sourceId'], settings: ImportSettings): Promise<ImportPreview> {
    return (await this.analyse(this.sources.get(sourceId), settings)).preview;
  }

  cancel(importId: ImportId): boolean {
    const controller = this.running.get(importId);
    if (!controller) return false;
    controller.abort();
    void this.engine.cancel(importId as string as QueryId);
    return true;
  }

  forget(sourceId: string): void {
    this.workbooks.forget(sourceId);
  }

  history(): Promise<ImportProvenance[]> {
    return importHistory(this.engine);
  }

  /** The workspace's indicators, and the one each name matches (code, Chinese name, or that name written with other widths or spacing). */
  matchIndicators(names: readonly string[]): Promise<{ matches: IndicatorMatch[]; indicators: IndicatorChoice[] }> {
    return matchIndicators(this.engine, names);
  }

  private async analyse(source: ImportSource, settings: ImportSettings, signal?: AbortSignal): Promise<Analysis> {
    const format = settings.format ?? source.format;
    switch (format) {
      case 'csv':
        return analyseText(this.context, source, settings);
      case 'xlsx':
      case 'xls':
        return this.workbooks.analyse(source, settings, format, signal);
      case 'parquet':
      case 'json':
        return analyseDuckDBReadable(this.context, source, format);
      case 'duckdb':
        return analyseDuckDBFile(this.context, source);
    }
  }

  /** Runs imports one at a time: each holds the import connection's transaction until it commits. */
  async run(request: RunImportRequest, onProgress: ImportProgressListener): Promise<ImportOutcome> {
    if (this.running.has(request.importId)) throw localizedError('import-running', { id: request.importId });
    const controller = new AbortController();
    this.running.set(request.importId, controller);
    try {
      return await this.queue.run(() => {
        if (controller.signal.aborted) throw importCancelled();
        return this.runNow(request, onProgress, controller);
      });
    } finally {
      this.running.delete(request.importId);
    }
  }

  private async runNow(request: RunImportRequest, onProgress: ImportProgressListener, controller: AbortController): Promise<ImportOutcome> {
    const started = performance.now();
    const report = (phase: ImportProgress['phase'], percent: number | null): void =>
      onProgress({ importId: request.importId, phase, percent, elapsedMs: performance.now() - started });
    const cleanup: string[] = [];
    try {
      const source = this.sources.get(request.sourceId);
      report('read', null);
      // An upload was hashed as it arrived; a file on disk is hashed now, on another thread.
      const hash = source.contentSha256 !== undefined ? Promise.resolve(source.contentSha256) : sha256File(source.path);
      hash.catch(() => undefined);
      const analysis = await this.analyse(source, request.settings, controller.signal);
      const preview = analysis.preview;
      const columns = request.columns ?? preview.columns;
      // Column choices made for another preview (the file changed, or a script's guess) would reach DuckDB as a Binder error.
      const stale = columns.find((column) => column.sourceIndex >= preview.columns.length);
      if (stale) throw localizedError('import-column-stale', { file: source.fileName, name: stale.name, index: stale.sourceIndex + 1, count: preview.columns.length });
      const table = request.table ?? preview.suggestedTable;
      const problem = request.unpivot?.destination === 'observations' ? null : tableNameProblem(table);
      if (problem) throw localizedError('import-table-name', { problem });
      if (controller.signal.aborted) throw importCancelled();

      const format = preview.settings.format;
      if (format === 'duckdb') return await runDuckDBFile(this.context, request, source, preview, controller, report, started, await hash);
      // A value DuckDB's typed reader refused but the cleaning reads (a cell of spaces, a date written 2024年1月31日, found
      // past the previewed rows): once more with that column cleaned, a column at a time (the failed load was rolled back).
      let attempt = columns;
      let loaded: { plan: ImportPlan; results: ExecResult[] };
      for (;;) {
        try {
          loaded = await this.load(request, source, analysis, format, attempt, table, controller, report, cleanup);
          break;
        } catch (error) {
          const cleaned = columnsCleanedFor(error, attempt);
          if (!cleaned) throw error;
          attempt = cleaned;
        }
      }
      const { plan, results } = loaded;
      const queryId = request.importId as string as QueryId;
      // The table is read: drop the staged files now, before the commit's fsync. On ext4 (data=ordered) that
      // fsync would otherwise write a just-made 1 GB transcoded copy out to disk first, for nothing.
      await removeFiles(cleanup);
      const rowCount = Number(results[results.length - 1]?.rows[0]?.n ?? 0) - (plan.countBefore === -1 ? 0 : Number(results[plan.countBefore]?.rows[0]?.n ?? 0));
      let sha: string;
      try {
        sha = await hash;
      } catch (error) {
        await rollbackImport(this.engine, queryId, plan.postamble);
        throw error;
      }
      if (controller.signal.aborted) {
        await rollbackImport(this.engine, queryId, plan.postamble);
        throw importCancelled();
      }
      report('save', null);
      const provenance: Omit<ImportProvenance, 'id' | 'importedAt'> = {
        tableName: plan.destination,
        fileName: source.fileName,
        contentSha256: sha,
        sheet: preview.settings.sheet,
        range: plan.range,
        encoding: preview.settings.encoding,
        format,
        rowCount,
        mode: plan.mode,
        options: JSON.stringify({ delimiter: preview.settings.delimiter, unpivot: request.unpivot !== null, columns: plan.included.map((column) => [column.name, column.type]) }),
      };
      const finish = await this.engine.call('importFinish', {
        queryId: request.importId as string as QueryId,
        statements: [provenanceInsert(provenance), `SELECT * FROM ${PROVENANCE_TABLE} WHERE id = (SELECT max(id) FROM ${PROVENANCE_TABLE})`],
        commit: true,
        postamble: plan.postamble,
      });
      return {
        importId: request.importId,
        table: plan.destination,
        rowCount,
        elapsedMs: performance.now() - started,
        provenance: provenanceFromRow(finish.results[1]!.rows[0]!),
        warnings: preview.warnings,
        createdIndicators: [],
      };
    } finally {
      await removeFiles(cleanup);
    }
  }

  /** Reads the file into the import's transaction (not committed): the plan and its statements' results. */
  private async load(
    request: RunImportRequest,
    source: ImportSource,
    analysis: Analysis,
    format: Exclude<ImportFormat, 'duckdb'>,
    columns: ImportColumnSpec[],
    table: string,
    controller: AbortController,
    report: ImportReport,
    cleanup: string[],
  ): Promise<{ plan: ImportPlan; results: ExecResult[] }> {
    const preview = analysis.preview;
    // A large file in another encoding is converted part by part while DuckDB loads the part before (a plain table only).
    const chunked = format === 'csv' && preview.settings.encoding !== 'utf-8' && !request.unpivot && source.sizeBytes > this.chunkSizes.chunkBytes;
    let selectSql = '';
    let range: string | null = null;
    if (chunked) {
      // Each part gets its own reader, in loadInChunks.
    } else if (format === 'csv') {
      selectSql = await csvSelect(this.context, source, analysis, columns, controller, report, cleanup);
    } else if (format === 'xlsx' || format === 'xls') {
      ({ select: selectSql, range } = await this.workbooks.stage(source, analysis, columns, cleanup, controller.signal));
    } else {
      selectSql = duckDBReadableSelect(source, format, analysis, columns);
    }
    const plan = await planImport(this.engine, request, { selectSql, columns, table, range, fileName: source.fileName });

    // A load in parts reports its own phases (converting the first part, then loading).
    if (!chunked) report('load', null);
    const queryId = request.importId as string as QueryId;
    let results: ExecResult[];
    if (chunked) {
      const load = { plan, queryId, chunkSizes: this.chunkSizes };
      try {
        results = await loadInChunks(this.context, source, analysis, columns, load, controller, report);
      } catch (error) {
        // A line longer than the reader's default limit: once more, with the long-line options (the load was rolled back).
        if (analysis.longLines || !(error instanceof WorkbenchError) || !LONG_LINE_ERROR.test(`${error.message} ${error.detail ?? ''}`)) throw error;
        analysis.longLines = true;
        results = await loadInChunks(this.context, source, analysis, columns, load, controller, report);
      }
    } else {
      const statements = [...plan.statements, ...plan.write(plan.body, true), plan.countSql];
      try {
        ({ results } = await this.engine.call('importBegin', { queryId, preamble: plan.preamble, statements }));
      } catch (error) {
        const detail = error instanceof WorkbenchError ? `${error.message} ${error.detail ?? ''}` : String(error);
        if (!LONG_LINE_ERROR.test(detail) || !statements.some((statement) => statement.includes(CSV_LINE_OPTIONS))) throw loadError(source, preview, error);
        try {
          const longer = statements.map((statement) => statement.replaceAll(CSV_LINE_OPTIONS, LONG_LINE_OPTIONS));
          ({ results } = await this.engine.call('importBegin', { queryId, preamble: plan.preamble, statements: longer }));
        } catch (retryError) {
          throw loadError(source, preview, retryError);
        }
      }
    }
    return { plan, results };
  }
}

/** Removes staged files; one still held open (Windows) is left for the next try or the exit cleanup. */
async function removeFiles(paths: string[]): Promise<void> {
  for (const path of paths.splice(0)) await rm(path, { force: true, recursive: true }).catch(() => undefined);
}

export type { UnpivotPlan };
