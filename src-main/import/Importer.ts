import { randomBytes } from 'node:crypto';
import { copyFile, rm, truncate, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
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
import { userError, WorkbenchError } from '@shared/contract/WorkbenchError';
import { cellAddress, cellText, rangeAddress, type CellGrid, type GridValue } from '@shared/domain/import/cellGrid';
import { convertCell, inferColumnType, type ImportColumnType } from '@shared/domain/import/columnTypes';
import { parseDelimited, sniffDelimiter, type Delimiter } from '@shared/domain/import/delimitedText';
import { tableNameFromFile, tableNameProblem } from '@shared/domain/import/importNames';
import { dataRows, detectTableLayout, headerNames, type TableLayout } from '@shared/domain/import/tableLayout';
import { lineAndColumn, type TextEncodingName } from '@shared/domain/import/textEncoding';
import { longLabels, matchIndicator, type IndicatorChoice } from '@shared/domain/import/indicatorMatch';
import { planUnpivot, type UnpivotPlan } from '@shared/domain/import/unpivotPlan';
import { quoteIdentifier, quoteLiteral } from '@shared/domain/sqlIdentifier';
import { canConvert, convertUnit } from '@shared/domain/units';
import type { ExecResult } from '../engine/engineProtocol';
import type { EngineClient } from '../engine/EngineClient';
import { SerialQueue } from '../engine/SerialQueue';
import type { ImportSource, ImportSources } from './importSources';
import { publicInfo } from './importSources';
import { sha256File } from './contentHash';
import { castSql, unpivotSql } from './importSql';
import { bilingual, localizedError, type Bilingual } from '@shared/contract/errorTexts';
import { decodeSample, footnoteStart, importCancelled, SAMPLE_BYTES, sampleText, transcodeInChunks, transcodeToUtf8, type ChunkSizes } from './textSource';
import { readWorkbook, type Workbook, type WorkbookSheet } from './workbookReader';
import { closeSync, openSync, readSync } from 'node:fs';
import { firstMixedLineEnding } from '@shared/domain/import/lineEndings';

const PREVIEW_GRID_ROWS = 30;
const PREVIEW_SAMPLE_ROWS = 20;
const PROVENANCE_TABLE = 'import_provenance';
/**
 * Placeholder in a CSV reader call for the line-size options. DuckDB's
 * defaults (2 MB lines) keep its parallel reader fast; a file with longer
 * lines (a pasted document in one cell) is retried with 64 MB lines and
 * buffers, which reads with less parallelism.
 */
const CSV_LINE_OPTIONS = '/*iwb:line-options*/';
const LONG_LINE_OPTIONS = ', max_line_size = 67108864, buffer_size = 134217728';
/** DuckDB's errors for a line (or a quoted cell) longer than its default buffers: retried with LONG_LINE_OPTIONS. */
const LONG_LINE_ERROR = /maximum line size|unterminated quote/i;
/** Parts of a large converted file: 32 MB first, each twice the one before, at most 512 MB (see ChunkSizes). */
const CHUNK_BYTES = 32 * 1024 * 1024;
const MAX_CHUNK_BYTES = 512 * 1024 * 1024;
const PROVENANCE_DDL = `CREATE TABLE IF NOT EXISTS ${PROVENANCE_TABLE} (
  id BIGINT PRIMARY KEY, table_name VARCHAR NOT NULL, file_name VARCHAR NOT NULL, content_sha256 VARCHAR NOT NULL,
  sheet VARCHAR, "range" VARCHAR, encoding VARCHAR, format VARCHAR NOT NULL, imported_at TIMESTAMP NOT NULL,
  row_count BIGINT NOT NULL, mode VARCHAR NOT NULL, options VARCHAR NOT NULL)`;

/** A source table read into the main process (workbooks and CSV samples), with where each row came from. */
interface Sheetlike {
  sheet: string | null;
  grid: CellGrid;
  merges: WorkbookSheet['merges'];
  origin: { row: number; column: number };
}

interface Analysis {
  preview: ImportPreview;
  layout: TableLayout | null;
  sheet: Sheetlike | null;
  /** Source column names for formats DuckDB reads directly (Parquet, JSON). */
  sourceTypes: string[];
  /** A text file whose sample shows a line longer than DuckDB's default 2 MB buffer handles well. */
  longLines?: boolean;
}

export type ImportProgressListener = (progress: ImportProgress) => void;

/**
 * Previews and runs imports. Text files go through DuckDB's own CSV reader
 * (after transcoding to UTF-8 when needed); workbooks are read here,
 * cleaned cell by cell, and loaded from a staging NDJSON file; Parquet,
 * JSON and DuckDB files are read by DuckDB. Every import is one transaction
 * on the engine's import connection, provenance row included.
 */
export class Importer {
  private readonly workbooks = new Map<string, Workbook>();
  private readonly running = new Map<string, AbortController>();
  private readonly queue = new SerialQueue();

  constructor(
    private readonly engine: EngineClient,
    private readonly sources: ImportSources,
    /** A CSV in another encoding larger than `chunkBytes` is loaded part by part, DuckDB reading one while the next is converted. */
    private readonly chunkSizes: ChunkSizes = { chunkBytes: CHUNK_BYTES, maxChunkBytes: MAX_CHUNK_BYTES },
  ) {}

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
    this.workbooks.delete(sourceId);
  }

  async history(): Promise<ImportProvenance[]> {
    const exists = await this.engine.call('exec', {
      sql: `SELECT count(*) AS n FROM duckdb_tables() WHERE database_name = current_database() AND schema_name = 'main' AND table_name = '${PROVENANCE_TABLE}'`,
    });
    if (Number(exists.rows[0]?.n ?? 0) === 0) return [];
    const result = await this.engine.call('exec', { sql: `SELECT * FROM ${PROVENANCE_TABLE} ORDER BY id DESC` });
    return result.rows.map(provenanceFromRow);
  }

  /** The workspace's indicators, and the one each name matches (code, Chinese name, or that name written with other widths or spacing). */
  async matchIndicators(names: readonly string[]): Promise<{ matches: IndicatorMatch[]; indicators: IndicatorChoice[] }> {
    const result = await this.engine.call('exec', { sql: 'SELECT code, name_zh, unit FROM indicators ORDER BY ordinal' }).catch(() => ({ rows: [] as Record<string, unknown>[] }));
    const indicators = result.rows.map((row) => ({ code: String(row.code), nameZh: String(row.name_zh), unit: row.unit === null ? null : String(row.unit) }));
    return { matches: names.map((name) => ({ name, code: matchIndicator(name, indicators) })), indicators };
  }

  // ---------------------------------------------------------------- analysis

  private async analyse(source: ImportSource, settings: ImportSettings): Promise<Analysis> {
    const format = settings.format ?? source.format;
    switch (format) {
      case 'csv':
        return this.analyseText(source, settings);
      case 'xlsx':
      case 'xls':
        return this.analyseWorkbook(source, settings, format);
      case 'parquet':
      case 'json':
        return this.analyseDuckDBReadable(source, format);
      case 'duckdb':
        return this.analyseDuckDBFile(source);
    }
  }

  private async analyseText(source: ImportSource, settings: ImportSettings): Promise<Analysis> {
    const sample = await sampleText(source.path, source.fileName, source.sizeBytes);
    const encoding = settings.encoding ?? sample.guess.encoding;
    const decoded = decodeSample(sample, encoding);
    const delimiter = settings.delimiter ?? sniffDelimiter(decoded.text);
    const parsed = parseDelimited(decoded.text, delimiter, sample.complete, 2000);
    const grid: CellGrid = parsed.rows;
    if (grid.length === 0 && !sample.complete) {
      // Not empty: the first record does not end within the sample (tens of thousands of columns, or a quote never closed).
      const fields = decoded.text.split(delimiter).length;
      throw localizedError('import-first-record-too-long', { file: source.fileName, bytes: SAMPLE_BYTES, fields });
    }
    if (grid.length === 0 || grid.every((row) => row.every((value) => cellText(value).trim() === ''))) {
      throw localizedError('import-empty-rows', { file: source.fileName });
    }
    const sheet: Sheetlike = { sheet: null, grid, merges: [], origin: { row: 0, column: 0 } };
    const analysis = this.tabulate(source, sheet, settings, {
      format: 'csv',
      encoding,
      delimiter,
      sheet: null,
      relation: null,
    });
    const preview = analysis.preview;
    if (decoded.badCount > 0) {
      const at = lineAndColumn(decoded.text, decoded.firstBad);
      // Shown by the window in its language, and by the command line as a warning.
      preview.decodeIssues = { count: decoded.badCount, line: at.line, byteOffset: -1 };
    }
    preview.encodingReason = settings.encoding ? 'chosen' : sample.guess.reason;
    const ragged = raggedRowWarning(grid, analysis.layout);
    if (ragged) preview.warnings.push(ragged);
    // The sample ends inside a line of at least 128 KB: read with long-line buffers straight away.
    analysis.longLines = !sample.complete && sample.bytes.length - sample.bytes.lastIndexOf(0x0a) > 128 * 1024;
    preview.rowCountExact = sample.complete;
    if (!sample.complete) {
      // Lines per byte of the whole sample (the preview parses only its first 2,000 rows).
      let lines = 0;
      for (let index = decoded.text.indexOf('\n'); index !== -1; index = decoded.text.indexOf('\n', index + 1)) lines += 1;
      preview.rowCount = Math.round((Math.max(lines, parsed.rows.length) / Math.max(1, sample.bytes.length)) * source.sizeBytes);
    }
    return analysis;
  }

  private async loadWorkbook(source: ImportSource): Promise<Workbook> {
    const cached = this.workbooks.get(source.sourceId);
    if (cached) return cached;
    const book = await readWorkbook(source.path, source.fileName);
    this.workbooks.clear();
    this.workbooks.set(source.sourceId, book);
    return book;
  }

  private async analyseWorkbook(source: ImportSource, settings: ImportSettings, format: 'xlsx' | 'xls'): Promise<Analysis> {
    const book = await this.loadWorkbook(source);
    const sheets = book.sheets.map((sheet) => ({
      name: sheet.name,
      rows: sheet.grid.length,
      columns: sheet.grid[0]?.length ?? 0,
      hasData: sheet.grid.some((row) => row.some((value) => cellText(value).trim() !== '')),
    }));
    let chosen: WorkbookSheet | undefined;
    if (settings.sheet !== undefined) {
      chosen = book.sheets.find((sheet) => sheet.name === settings.sheet);
      if (!chosen) {
        throw localizedError('import-no-sheet', { file: source.fileName, sheet: settings.sheet, sheets: book.sheets.map((sheet) => sheet.name).join(', ') });
      }
    } else {
      chosen = book.sheets.find((_, index) => sheets[index]!.hasData);
      if (!chosen) throw localizedError('import-empty-workbook', { file: source.fileName });
    }
    const analysis = this.tabulate(source, { sheet: chosen.name, grid: chosen.grid, merges: chosen.merges, origin: chosen.origin }, settings, {
      format,
      encoding: null,
      delimiter: null,
      sheet: chosen.name,
      relation: null,
    });
    analysis.preview.sheets = sheets;
    return analysis;
  }

  /** Layout, names, types and the unpivot plan of a grid (a sheet or a CSV sample). */
  private tabulate(source: ImportSource, sheet: Sheetlike, settings: ImportSettings, resolved: ImportPreview['settings']): Analysis {
    const detected = detectTableLayout(sheet.grid, sheet.merges);
    if (!detected) throw localizedError('import-empty-sheet', { file: source.fileName, where: sheetPhrase(sheet.sheet) });
    let layout: TableLayout = settings.layout
      ? {
          ...detected,
          headerTop: settings.layout.headerTop,
          headerRows: settings.layout.headerRows,
          dataTop: settings.layout.headerTop + settings.layout.headerRows,
          dataBottom: settings.layout.dataBottom ?? detected.dataBottom,
          left: settings.layout.left ?? detected.left,
          right: settings.layout.right ?? detected.right,
        }
      : detected;
    if (resolved.format === 'csv' && settings.layout?.right === undefined) {
      // A text table is as wide as most of its rows: a ragged row must not add a column (DuckDB then reports that row's line).
      const width = usualWidth(sheet.grid.slice(layout.headerTop, layout.dataBottom + 1), 0);
      if (width - 1 >= layout.left && width - 1 < layout.right) layout = { ...layout, right: width - 1 };
    }
    const names = headerNames(sheet.grid, sheet.merges, layout);
    const { rows } = dataRows(sheet.grid, sheet.merges, layout);
    const columns: ImportColumnSpec[] = names.map((name, index) => {
      const inferred = inferColumnType(rows.map((row) => row[index] ?? null));
      return { name, sourceIndex: index, sourceName: name, type: inferred.type, include: true, cleaned: inferred.cleaned, percent: inferred.percent };
    });
    const sampleRows = rows.slice(0, PREVIEW_SAMPLE_ROWS).map((row) => columns.map((column) => cellText(row[column.sourceIndex] ?? null)));
    const unpivot = planUnpivot(
      columns.map((column) => ({ name: column.name, type: column.type })),
      layout.unit,
    );
    const plan = unpivot && unpivot.indicatorColumn !== null ? unpivot : null;
    const preview: ImportPreview = {
      source: publicInfo(source),
      settings: resolved,
      encodingReason: null,
      sheets: [],
      relations: [],
      grid: sheet.grid.slice(0, PREVIEW_GRID_ROWS).map((row) => row.map((value) => cellText(value))),
      gridRowsTotal: sheet.grid.length,
      layout,
      columns,
      sampleRows,
      rowCount: rows.length,
      rowCountExact: true,
      unpivot: plan,
      indicatorLabels: plan ? longLabels(rows, plan, (value) => cellText(value as GridValue)) : [],
      decodeIssues: null,
      warnings: [],
      suggestedTable: tableNameFromFile(source.fileName, sheet.sheet),
    };
    return { preview, layout, sheet, sourceTypes: [] };
  }

  private async analyseDuckDBReadable(source: ImportSource, format: 'parquet' | 'json'): Promise<Analysis> {
    const relation = readerSql(format, source.path);
    const describe = await this.describe(source, relation);
    const sample = await this.readerCall(source, `SELECT * FROM ${relation} LIMIT ${PREVIEW_SAMPLE_ROWS}`);
    const count = await this.readerCall(source, `SELECT count(*) AS n FROM ${relation}`);
    const columns: ImportColumnSpec[] = describe.map((column, index) => ({
      name: column.name,
      sourceIndex: index,
      sourceName: column.name,
      type: nearestImportType(column.type),
      include: true,
      cleaned: false,
      percent: false,
    }));
    const preview: ImportPreview = {
      source: publicInfo(source),
      settings: { format, encoding: null, delimiter: null, sheet: null, relation: null },
      encodingReason: null,
      sheets: [],
      relations: [],
      grid: [],
      gridRowsTotal: null,
      layout: null,
      columns,
      sampleRows: sample.rows.map((row) => describe.map((column) => displayJson(row[column.name]))),
      rowCount: Number(count.rows[0]?.n ?? 0),
      rowCountExact: true,
      unpivot: null,
      indicatorLabels: [],
      decodeIssues: null,
      warnings: [],
      suggestedTable: tableNameFromFile(source.fileName),
    };
    const plan = planUnpivot(columns.map((column) => ({ name: column.name, type: column.type })), null);
    preview.unpivot = plan && plan.indicatorColumn !== null ? plan : null;
    if (preview.unpivot) preview.indicatorLabels = longLabels(preview.sampleRows, preview.unpivot, (value) => String(value ?? ''));
    return { preview, layout: null, sheet: null, sourceTypes: describe.map((column) => column.type) };
  }

  private async analyseDuckDBFile(source: ImportSource): Promise<Analysis> {
    const alias = `iwb_preview_${randomBytes(4).toString('hex')}`;
    let relations: { name: string; rowCount: number | null }[];
    try {
      await this.engine.call('exec', { sql: `ATTACH ${quoteLiteral(source.path)} AS ${quoteIdentifier(alias)} (READ_ONLY)` });
    } catch (error) {
      throw fileError(source, bilingual('cannot be opened as a DuckDB database', '无法作为 DuckDB 数据库打开'), error);
    }
    try {
      const listed = await this.engine.call('exec', {
        sql: `SELECT table_name AS name, estimated_size AS n FROM duckdb_tables() WHERE database_name = ${quoteLiteral(alias)}
              UNION ALL SELECT view_name, NULL FROM duckdb_views() WHERE database_name = ${quoteLiteral(alias)} AND NOT internal ORDER BY 1`,
      });
      relations = listed.rows.map((row) => ({ name: String(row.name), rowCount: row.n === null ? null : Number(row.n) }));
    } finally {
      await this.engine.call('exec', { sql: `DETACH ${quoteIdentifier(alias)}` }).catch(() => undefined);
    }
    return {
      preview: {
        source: publicInfo(source),
        settings: { format: 'duckdb', encoding: null, delimiter: null, sheet: null, relation: null },
        encodingReason: null,
        sheets: [],
        relations,
        grid: [],
        gridRowsTotal: null,
        layout: null,
        columns: [],
        sampleRows: [],
        rowCount: null,
        rowCountExact: false,
        unpivot: null,
        indicatorLabels: [],
        decodeIssues: null,
        warnings: [],
        suggestedTable: tableNameFromFile(source.fileName),
      },
      layout: null,
      sheet: null,
      sourceTypes: [],
    };
  }

  private async describe(source: ImportSource, relation: string): Promise<{ name: string; type: string }[]> {
    const result = await this.readerCall(source, `DESCRIBE SELECT * FROM ${relation}`);
    return result.rows.map((row) => ({ name: String(row.column_name), type: String(row.column_type) }));
  }

  private async readerCall(source: ImportSource, sql: string): Promise<ExecResult> {
    try {
      return await this.engine.call('exec', { sql });
    } catch (error) {
      throw fileError(source, bilingual(`cannot be read as ${source.format.toUpperCase()}`, `无法按 ${source.format.toUpperCase()} 格式读取`), error);
    }
  }

  // --------------------------------------------------------------------- run

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
      const analysis = await this.analyse(source, request.settings);
      const preview = analysis.preview;
      const columns = request.columns ?? preview.columns;
      const table = request.table ?? preview.suggestedTable;
      const problem = request.unpivot?.destination === 'observations' ? null : tableNameProblem(table);
      if (problem) throw localizedError('import-table-name', { problem });
      if (this.signal(controller)) throw importCancelled();

      const plan: { preamble: string[]; statements: string[]; postamble: string[]; range: string | null } = {
        preamble: [],
        statements: [PROVENANCE_DDL],
        postamble: [],
        range: null,
      };
      const format = preview.settings.format;
      // A large file in another encoding is converted part by part while DuckDB loads the part before (a plain table only).
      const chunked = format === 'csv' && preview.settings.encoding !== 'utf-8' && !request.unpivot && source.sizeBytes > this.chunkSizes.chunkBytes;
      let selectSql: string;
      if (format === 'duckdb') {
        return await this.runDuckDBFile(request, source, preview, controller, report, started, await hash);
      } else if (chunked) {
        selectSql = '';
      } else if (format === 'csv') {
        selectSql = await this.csvSelect(source, analysis, columns, controller, report, cleanup);
      } else if (format === 'xlsx' || format === 'xls') {
        const staged = await this.stageWorkbook(source, analysis, columns, cleanup);
        selectSql = staged.select;
        plan.range = staged.range;
      } else {
        selectSql = this.duckDBReadableSelect(source, format, analysis, columns);
      }
      const included = columns.filter((column) => column.include);
      const finalTypes = included.map((column) => column.type);

      let body: string;
      let destination = table;
      let mode: ImportProvenance['mode'] = request.mode;
      if (request.unpivot) {
        const unpivot = request.unpivot;
        const position = (sourceIndex: number): number => {
          const index = included.findIndex((column) => column.sourceIndex === sourceIndex);
          if (index === -1) throw localizedError('import-unpivot', { column: sourceIndex + 1 });
          return index;
        };
        body = unpivotSql({
          wide: `(${selectSql})`,
          columnNames: included.map((column) => column.name),
          columnTypes: finalTypes,
          indicatorColumn: position(unpivot.indicatorColumn),
          unitColumn: unpivot.unitColumn === null ? null : position(unpivot.unitColumn),
          yearColumns: unpivot.yearColumns.map((year) => ({ ...year, column: position(year.column) })),
          keepColumns: unpivot.keepColumns.map(position),
          defaultUnit: unpivot.defaultUnit,
        });
        if (unpivot.destination === 'observations') {
          destination = 'user_observations';
          mode = 'observations';
          plan.statements.push(...(await this.observationStatements(body, unpivot, request.importId)));
        }
      } else {
        body = selectSql;
      }
      /** Statements that write `select` into the destination table; `first`: the file's first part (or the whole file). */
      let write = (_select: string, _first: boolean): string[] => [];
      let countSql = `SELECT count(*) AS n FROM user_observations WHERE obs_id LIKE ${quoteLiteral(`imp_${request.importId}_%`)}`;
      /** Appending: the index of the statement counting the table's rows before. */
      let countBefore = -1;
      if (mode !== 'observations') {
        const exists = await this.tableExists(destination);
        const target = quoteIdentifier(destination);
        if (request.mode === 'create' && exists) {
          throw localizedError('import-table-exists', { table: destination });
        }
        if (request.mode === 'append' && !exists) throw localizedError('import-no-table', { table: destination });
        const append = request.mode === 'append';
        write = (select, first) => [append || !first ? `INSERT INTO ${target} BY NAME ${select}` : `CREATE OR REPLACE TABLE ${target} AS ${select}`];
        countSql = `SELECT count(*) AS n FROM ${target}`;
        if (append) countBefore = plan.statements.push(countSql) - 1;
      }

      // A load in parts reports its own phases (converting the first part, then loading).
      if (!chunked) report('load', null);
      const queryId = request.importId as string as QueryId;
      let results: ExecResult[];
      if (chunked) {
        try {
          results = await this.loadInChunks(source, analysis, columns, { plan, write, countSql, queryId }, controller, report);
        } catch (error) {
          // A line longer than the reader's default limit: once more, with the long-line options (the load was rolled back).
          if (analysis.longLines || !(error instanceof WorkbenchError) || !LONG_LINE_ERROR.test(`${error.message} ${error.detail ?? ''}`)) throw error;
          analysis.longLines = true;
          results = await this.loadInChunks(source, analysis, columns, { plan, write, countSql, queryId }, controller, report);
        }
      } else {
        const statements = [...plan.statements, ...write(body, true), countSql];
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
      // The table is read: drop the staged files now, before the commit's fsync. On ext4 (data=ordered) that
      // fsync would otherwise write a just-made 1 GB transcoded copy out to disk first, for nothing.
      await removeFiles(cleanup);
      const rowCount = Number(results[results.length - 1]?.rows[0]?.n ?? 0) - (countBefore === -1 ? 0 : Number(results[countBefore]?.rows[0]?.n ?? 0));
      let sha: string;
      try {
        sha = await hash;
      } catch (error) {
        await this.rollback(queryId, plan.postamble);
        throw error;
      }
      if (this.signal(controller)) {
        await this.rollback(queryId, plan.postamble);
        throw importCancelled();
      }
      report('save', null);
      const provenance: Omit<ImportProvenance, 'id' | 'importedAt'> = {
        tableName: destination,
        fileName: source.fileName,
        contentSha256: sha,
        sheet: preview.settings.sheet,
        range: plan.range,
        encoding: preview.settings.encoding,
        format,
        rowCount,
        mode,
        options: JSON.stringify({ delimiter: preview.settings.delimiter, unpivot: request.unpivot !== null, columns: included.map((column) => [column.name, column.type]) }),
      };
      const finish = await this.engine.call('importFinish', {
        queryId: request.importId as string as QueryId,
        statements: [provenanceInsert(provenance), `SELECT * FROM ${PROVENANCE_TABLE} WHERE id = (SELECT max(id) FROM ${PROVENANCE_TABLE})`],
        commit: true,
        postamble: plan.postamble,
      });
      return {
        importId: request.importId,
        table: destination,
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

  /** Ends the import's transaction without saving anything (then runs `postamble`). */
  private async rollback(queryId: QueryId, postamble: string[]): Promise<void> {
    await this.engine.call('importFinish', { queryId, statements: [], commit: false, postamble });
  }

  private signal(controller: AbortController): boolean {
    return controller.signal.aborted;
  }

  private async tableExists(name: string): Promise<boolean> {
    const result = await this.engine.call('exec', {
      sql: `SELECT count(*) AS n FROM (SELECT table_name AS name FROM duckdb_tables() WHERE database_name = current_database() AND schema_name = 'main'
            UNION ALL SELECT view_name FROM duckdb_views() WHERE database_name = current_database() AND schema_name = 'main') WHERE lower(name) = lower($name)`,
      params: { name },
    });
    return Number(result.rows[0]?.n ?? 0) > 0;
  }

  /** CSV: DuckDB's reader over the file (or its UTF-8 transcode), skipping title and header rows, with the previewed column types. */
  private async csvSelect(
    source: ImportSource,
    analysis: Analysis,
    columns: ImportColumnSpec[],
    controller: AbortController,
    report: (phase: ImportProgress['phase'], percent: number | null) => void,
    cleanup: string[],
  ): Promise<string> {
    const settings = analysis.preview.settings;
    const encoding = settings.encoding as TextEncodingName;
    let path = source.path;
    if (encoding !== 'utf-8') {
      const directory = await this.sources.workDirectory();
      path = join(directory, `transcoded_${randomBytes(6).toString('hex')}.csv`);
      cleanup.push(path);
      report('transcode', 0);
      await transcodeToUtf8({ path: source.path, fileName: source.fileName, sizeBytes: source.sizeBytes, encoding }, path, (fraction) => report('transcode', fraction * 100), controller.signal);
    }
    const cut = await footnoteStart(path, settings.delimiter as Delimiter);
    if (cut !== null) {
      // Footnotes under the table: the reader gets the file without them (a copy, when it is the user's file).
      if (path === source.path) {
        const copy = join(await this.sources.workDirectory(), `trimmed_${randomBytes(6).toString('hex')}.csv`);
        cleanup.push(copy);
        await copyFile(source.path, copy);
        path = copy;
      }
      await truncate(path, cut);
    }
    return csvReaderSelect(path, analysis, columns, analysis.layout!.dataTop);
  }

  /**
   * A large CSV in another encoding, loaded part by part: each part of the
   * UTF-8 conversion is inserted (in the import's one transaction) while the
   * next is converted. Errors name the file's own line numbers.
   */
  private async loadInChunks(
    source: ImportSource,
    analysis: Analysis,
    columns: ImportColumnSpec[],
    load: { plan: { preamble: string[]; statements: string[]; postamble: string[] }; write: (select: string, first: boolean) => string[]; countSql: string; queryId: QueryId },
    controller: AbortController,
    report: (phase: ImportProgress['phase'], percent: number | null) => void,
  ): Promise<ExecResult[]> {
    const settings = analysis.preview.settings;
    const delimiter = settings.delimiter as Delimiter;
    let results: ExecResult[] = [];
    let begun = false;
    // The share of the file before and up to the end of the part being loaded: DuckDB's progress on the part moves the bar between them.
    const part = { from: 0, to: 0 };
    let shown = 0;
    const loading = (fraction: number): void => {
      shown = Math.max(shown, Math.min(99, fraction * 100));
      report('load', shown);
    };
    const stopListening = this.engine.onDidReportProgress((progress) => {
      if (progress.queryId !== load.queryId || progress.phase !== 'import-part' || progress.percent === null) return;
      loading(part.from + ((part.to - part.from) * progress.percent) / 100);
    });
    try {
      await transcodeInChunks(
        { path: source.path, fileName: source.fileName, sizeBytes: source.sizeBytes, encoding: settings.encoding as TextEncodingName },
        {
          directory: await this.sources.workDirectory(),
          ...this.chunkSizes,
          delimiter,
          firstRecords: analysis.layout!.dataTop,
          trimLast: async (path) => {
            const cut = await footnoteStart(path, delimiter);
            if (cut !== null) await truncate(path, cut);
          },
        },
        async (chunk) => {
          begun = true;
          part.to = chunk.inputFraction;
          const statements = load.write(csvReaderSelect(chunk.path, analysis, columns, chunk.index === 0 ? analysis.layout!.dataTop : 0), chunk.index === 0);
          try {
            if (chunk.index === 0) {
              ({ results } = await this.engine.call('importBegin', { queryId: load.queryId, preamble: load.plan.preamble, statements: [...load.plan.statements, ...statements], part: true }));
            } else {
              await this.engine.call('importContinue', { queryId: load.queryId, statements });
            }
          } catch (error) {
            throw loadError(source, analysis.preview, error, chunk.recordsBefore);
          }
          part.from = chunk.inputFraction;
          loading(chunk.inputFraction);
        },
        // Converting the first part; afterwards the share of the file loaded is the progress.
        (fraction) => {
          if (!begun) report('transcode', fraction * 100);
        },
        controller.signal,
      );
      const { results: counted } = await this.engine.call('importContinue', { queryId: load.queryId, statements: [load.countSql] }).catch((error: unknown) => {
        throw loadError(source, analysis.preview, error);
      });
      return [...results, ...counted];
    } catch (error) {
      // Converting a later part failed (bad bytes, Cancel): the parts loaded so far are rolled back.
      if (begun) await this.rollback(load.queryId, load.plan.postamble).catch(() => undefined);
      throw error;
    } finally {
      stopListening();
    }
  }

  /** Workbooks: cells converted here (errors name the cell), written as NDJSON for DuckDB's JSON reader. */
  private async stageWorkbook(source: ImportSource, analysis: Analysis, columns: ImportColumnSpec[], cleanup: string[]): Promise<{ select: string; range: string }> {
    const sheet = analysis.sheet!;
    const layout = analysis.layout!;
    const { rows, sourceRows } = dataRows(sheet.grid, sheet.merges, layout);
    const included = columns.filter((column) => column.include);
    const lines: string[] = [];
    for (let rowIndex = 0; rowIndex < rows.length; rowIndex++) {
      const row = rows[rowIndex]!;
      const record: Record<string, GridValue> = {};
      for (const column of included) {
        const value = row[column.sourceIndex] ?? null;
        const converted = convertCell(value, column.type);
        if (!converted.ok) {
          const address = cellAddress(sheet.origin.row + sourceRows[rowIndex]!, sheet.origin.column + layout.left + column.sourceIndex);
          throw localizedError('import-cell', {
            file: source.fileName,
            sheet: sheet.sheet ?? '',
            cell: address,
            row: sheet.origin.row + sourceRows[rowIndex]! + 1,
            column: column.name,
            reason: converted.reason,
            type: column.type,
          });
        }
        record[`c${column.sourceIndex}`] = converted.value;
      }
      lines.push(JSON.stringify(record));
    }
    const path = join(await this.sources.workDirectory(), `staged_${randomBytes(6).toString('hex')}.ndjson`);
    cleanup.push(path);
    await writeFile(path, lines.join('\n') + '\n');
    const jsonColumns = included.map((column) => `${quoteLiteral(`c${column.sourceIndex}`)}: ${quoteLiteral(column.type)}`);
    const select = included.map((column) => `${quoteIdentifier(`c${column.sourceIndex}`)} AS ${quoteIdentifier(column.name)}`);
    const reader =
      included.length === 0
        ? '(SELECT 1)'
        : `read_json(${quoteLiteral(path)}, format = 'newline_delimited', columns = {${jsonColumns.join(', ')}}, maximum_object_size = 268435456)`;
    const range = rangeAddress({
      top: sheet.origin.row + layout.headerTop,
      left: sheet.origin.column + layout.left,
      bottom: sheet.origin.row + layout.dataBottom,
      right: sheet.origin.column + layout.right,
    });
    if (rows.length === 0) {
      const empty = included.map((column) => `CAST(NULL AS ${column.type}) AS ${quoteIdentifier(column.name)}`);
      return { select: `SELECT ${empty.join(', ')} WHERE false`, range };
    }
    return { select: `SELECT ${select.join(', ')} FROM ${reader}`, range };
  }

  private duckDBReadableSelect(source: ImportSource, format: 'parquet' | 'json', analysis: Analysis, columns: ImportColumnSpec[]): string {
    const original = analysis.preview.columns;
    const select = columns
      .filter((column) => column.include)
      .map((column) => {
        const before = original[column.sourceIndex];
        if (!before) throw localizedError('import-column', { file: source.fileName, column: column.sourceIndex + 1 });
        const expression = quoteIdentifier(before.sourceName);
        const changed = column.type !== before.type;
        return `${changed ? castSql(expression, 'SOURCE', column.type, column.cleaned) : expression} AS ${quoteIdentifier(column.name)}`;
      });
    return `SELECT ${select.join(', ')} FROM ${readerSql(format, source.path)}`;
  }

  private async runDuckDBFile(
    request: RunImportRequest,
    source: ImportSource,
    preview: ImportPreview,
    controller: AbortController,
    report: (phase: ImportProgress['phase'], percent: number | null) => void,
    started: number,
    sha: string,
  ): Promise<ImportOutcome> {
    const options = request.duckdb ?? { mode: 'copy' as const, relations: [] };
    const relations = options.relations.length > 0 ? options.relations : preview.relations.map((relation) => relation.name);
    const missing = relations.filter((name) => !preview.relations.some((relation) => relation.name === name));
    if (missing.length > 0) throw localizedError('import-no-relation', { file: source.fileName, names: missing.join(', ') });
    if (relations.length === 0) throw localizedError('import-empty-database', { file: source.fileName });
    // Attached: the user's name for the database; copied: a private alias detached afterwards.
    const alias = options.mode === 'attach' ? (request.table ?? preview.suggestedTable) : `iwb_source_${randomBytes(4).toString('hex')}`;
    const problem = options.mode === 'attach' ? tableNameProblem(alias) : null;
    if (problem) throw localizedError('import-table-name', { problem });
    const attach = `ATTACH ${quoteLiteral(source.path)} AS ${quoteIdentifier(alias)} (READ_ONLY)`;
    const queryId = request.importId as string as QueryId;
    const targets: string[] = [];
    report('load', null);
    if (options.mode === 'attach') {
      // Attached read-only for this engine session; a restart of the engine detaches it.
      await this.engine.call('importBegin', { queryId, preamble: [attach], statements: [PROVENANCE_DDL] });
    } else {
      const statements = [PROVENANCE_DDL];
      for (const relation of relations) {
        const target = relations.length === 1 && request.table ? request.table : relation;
        targets.push(target);
        if (request.mode === 'create' && (await this.tableExists(target))) {
          throw localizedError('import-table-exists-replace', { table: target });
        }
        statements.push(`CREATE OR REPLACE TABLE ${quoteIdentifier(target)} AS SELECT * FROM ${quoteIdentifier(alias)}.${quoteIdentifier(relation)}`);
      }
      await this.engine.call('importBegin', { queryId, preamble: [attach], statements });
    }
    if (controller.signal.aborted) {
      await this.rollback(queryId, [`DETACH ${quoteIdentifier(alias)}`]);
      throw importCancelled();
    }
    const provenance = {
      tableName: options.mode === 'attach' ? alias : targets.join(', '),
      fileName: source.fileName,
      contentSha256: sha,
      sheet: null,
      range: null,
      encoding: null,
      format: 'duckdb' as ImportFormat,
      rowCount: 0,
      mode: options.mode === 'attach' ? ('attach' as const) : request.mode,
      options: JSON.stringify({ relations }),
    };
    const finish = await this.engine.call('importFinish', {
      queryId,
      statements: [provenanceInsert(provenance), `SELECT * FROM ${PROVENANCE_TABLE} WHERE id = (SELECT max(id) FROM ${PROVENANCE_TABLE})`],
      commit: true,
      postamble: options.mode === 'attach' ? [] : [`DETACH ${quoteIdentifier(alias)}`],
    });
    return {
      importId: request.importId,
      table: provenance.tableName,
      rowCount: 0,
      elapsedMs: performance.now() - started,
      provenance: provenanceFromRow(finish.results[1]!.rows[0]!),
      warnings: [],
      createdIndicators: [],
    };
  }

  /**
   * Long rows into user_observations: each indicator name is matched to an
   * indicator (the user's choice, else `matchIndicators`; a choice of ''
   * leaves that name out). Values in another unit of the same kind
   * (万元 for an indicator in 亿元) are converted, keeping what was entered;
   * names that match nothing and units that cannot convert stop the import
   * with their list.
   */
  private async observationStatements(body: string, unpivot: NonNullable<RunImportRequest['unpivot']>, importId: ImportId): Promise<string[]> {
    const exists = await this.engine.call('exec', {
      sql: `SELECT count(*) AS n FROM duckdb_tables() WHERE database_name = current_database() AND schema_name = 'main' AND table_name = 'user_observations'`,
    });
    if (Number(exists.rows[0]?.n ?? 0) === 0) {
      throw localizedError('import-no-observations');
    }
    if (unpivot.unknownIndicators === 'create') {
      throw localizedError('import-unsupported');
    }
    const chosenCodes = [...new Set(Object.values(unpivot.indicatorCodes).filter((code) => code !== ''))];
    if (chosenCodes.length > 0) {
      const known = await this.engine.call('exec', { sql: `SELECT code FROM indicators WHERE code IN (${chosenCodes.map(quoteLiteral).join(', ')})` });
      const missing = chosenCodes.filter((code) => !known.rows.some((row) => row.code === code));
      if (missing.length > 0) throw localizedError('import-unknown-codes', { codes: missing.join(', ') });
    }
    // Every name gets its code here: the user's choice, else the indicator it matches.
    const names = await this.engine.call('exec', { sql: `SELECT DISTINCT indicator FROM (${body})` });
    const unchosen = names.rows.map((row) => String(row.indicator)).filter((name) => !(name in unpivot.indicatorCodes));
    const codes: Record<string, string | null> = { ...unpivot.indicatorCodes };
    for (const match of (await this.matchIndicators(unchosen)).matches) codes[match.name] = match.code;
    const mapping = Object.entries(codes)
      .map(([name, code]) => `(${quoteLiteral(name)}, ${code === null ? 'NULL' : quoteLiteral(code)})`)
      .join(', ');
    const chosen = mapping ? `(VALUES ${mapping}) AS chosen(name, code)` : `(SELECT NULL::VARCHAR AS name, NULL::VARCHAR AS code WHERE false) AS chosen`;
    // A code of '' leaves the name's rows out.
    const matched = `SELECT l.indicator, l.year, l.value, l.unit, NULLIF(chosen.code, '') AS code, i.unit AS indicator_unit
      FROM (${body}) AS l
      LEFT JOIN ${chosen} ON chosen.name = l.indicator
      LEFT JOIN indicators AS i ON i.code = chosen.code
      WHERE chosen.code IS DISTINCT FROM ''`;
    const unknown = await this.engine.call('exec', { sql: `SELECT DISTINCT indicator FROM (${matched}) WHERE code IS NULL ORDER BY 1 LIMIT 20` }).catch((error: unknown) => {
      throw error instanceof WorkbenchError ? error : userError(String(error));
    });
    if (unknown.rows.length > 0) {
      throw localizedError('import-unknown-indicators', { names: unknown.rows.map((row) => String(row.indicator)).join('、') });
    }
    const units = await this.engine.call('exec', {
      sql: `SELECT DISTINCT unit, indicator_unit, min(indicator) AS example FROM (${matched}) WHERE unit IS DISTINCT FROM indicator_unit GROUP BY ALL ORDER BY 1, 2`,
    });
    const conversions: string[] = [];
    const wrongUnit: Bilingual[] = [];
    for (const row of units.rows) {
      const from = row.unit === null ? null : String(row.unit);
      const to = row.indicator_unit === null ? null : String(row.indicator_unit);
      if (from !== null && to !== null && canConvert(from, to)) {
        // As convertUnit does: scale by an exact power of ten, then keep 15 significant digits.
        const up = convertUnit(1, from, to);
        const scaled = up >= 1 ? `value * ${up}` : `value / ${convertUnit(1, to, from)}`;
        conversions.push(`WHEN unit = ${quoteLiteral(from)} AND indicator_unit = ${quoteLiteral(to)} THEN ${significantDigitsSql(scaled)}`);
      } else {
        wrongUnit.push(
          bilingual(
            `${String(row.example)}: ${from ?? 'no unit stated'} (the indicator is in ${to ?? 'no unit'})`,
            `${String(row.example)}：${from ?? '未注明单位'}（指标单位为 ${to ?? '无'}）`,
          ),
        );
      }
    }
    if (wrongUnit.length > 0) {
      const shown = wrongUnit.slice(0, 10);
      throw localizedError('import-unit-mismatch', { list: bilingual(shown.map((unit) => unit.en).join('; '), shown.map((unit) => unit.zh).join('；')) });
    }
    const duplicates = await this.engine.call('exec', {
      sql: `SELECT m.indicator, m.year FROM (${matched}) AS m
              WHERE EXISTS (SELECT 1 FROM user_observations AS u WHERE u.indicator_code = m.code AND u.region = ${quoteLiteral(unpivot.region)}
                              AND u.scope = '全市' AND u.year = m.year AND u.period = 'annual')
            UNION ALL
            SELECT indicator, year FROM (${matched}) GROUP BY indicator, year HAVING count(*) > 1
            UNION ALL
            SELECT min(indicator), year FROM (${matched}) GROUP BY code, year HAVING count(*) > 1
            ORDER BY 1, 2 LIMIT 10`,
    });
    if (duplicates.rows.length > 0) {
      const list = duplicates.rows.map((row) => `${String(row.indicator)} ${String(row.year)}`).join('、');
      throw localizedError('import-duplicate-observations', { list });
    }
    const value = conversions.length > 0 ? `CASE ${conversions.join(' ')} ELSE value END` : 'value';
    return [
      `INSERT INTO user_observations (obs_id, indicator_code, region, scope, year, period, value, unit, status, note, entered_value, entered_unit, created_at)
       SELECT ${quoteLiteral(`imp_${importId}_`)} || row_number() OVER (), code, ${quoteLiteral(unpivot.region)}, '全市', year, 'annual', ${value}, indicator_unit, 'actual',
              ${quoteLiteral(`import ${importId}`)}, value, unit, now()
       FROM (${matched})`,
    ];
  }
}

/** Removes staged files; one still held open (Windows) is left for the next try or the exit cleanup. */
async function removeFiles(paths: string[]): Promise<void> {
  for (const path of paths.splice(0)) await rm(path, { force: true, recursive: true }).catch(() => undefined);
}

/** A DOUBLE expression rounded to 15 significant digits (what `convertUnit` keeps). */
function significantDigitsSql(expression: string): string {
  return `(CASE WHEN (${expression}) = 0 THEN 0::DOUBLE ELSE round(${expression}, (14 - floor(log10(abs(${expression}))))::INTEGER) END)`;
}

/**
 * A row of the previewed table with another field count than the others:
 * DuckDB's reader will stop there, so the preview says so first. Rows are
 * numbered as DuckDB and WPS number them (records, from 1).
 */
function raggedRowWarning(grid: CellGrid, layout: TableLayout | null | undefined): Bilingual | null {
  if (!layout) return null;
  const width = tableWidth(grid, layout);
  const odd: number[] = [];
  for (let index = layout.dataTop; index <= layout.dataBottom; index++) {
    const row = grid[index] ?? [];
    // Only an empty line is skipped by DuckDB; a row of empty fields (`,` in a 3-column table) is not.
    if (row.length !== width && !(row.length <= 1 && cellText(row[0] ?? '') === '')) odd.push(index);
  }
  if (odd.length === 0) return null;
  const first = odd[0]!;
  const fields = grid[first]!.length;
  const more = odd.length - 1;
  return bilingual(
    `Row ${first + 1} has ${fields} fields where the table has ${width}${more > 0 ? ` (and ${more} more such rows in the preview)` : ''}; the import will stop at that row. Check its quoting and delimiter.`,
    `第 ${first + 1} 行有 ${fields} 个字段，而表格有 ${width} 列${more > 0 ? `（预览中另有 ${more} 行如此）` : ''}；导入会在这一行停止。请检查该行的引号和分隔符。`,
  );
}

/** The usual field count of a text table's rows (a trailing delimiter adds an empty field); DuckDB's reader expects it on every row. */
function tableWidth(grid: CellGrid, layout: TableLayout): number {
  return usualWidth(grid.slice(layout.headerTop, layout.dataBottom + 1), layout.right + 1);
}

function usualWidth(rows: readonly unknown[][], minimum: number): number {
  const counts = new Map<number, number>();
  for (const row of rows) counts.set(row.length, (counts.get(row.length) ?? 0) + 1);
  let best = minimum;
  let bestCount = -1;
  for (const [width, count] of counts) {
    if (count > bestCount || (count === bestCount && width < best)) {
      best = width;
      bestCount = count;
    }
  }
  return Math.max(best, minimum);
}

function readerSql(format: 'parquet' | 'json', path: string): string {
  return format === 'parquet' ? `read_parquet(${quoteLiteral(path)})` : `read_json_auto(${quoteLiteral(path)})`;
}

function nearestImportType(duckdbType: string): ImportColumnType {
  const type = duckdbType.toUpperCase();
  if (/^(TINYINT|SMALLINT|INTEGER|BIGINT|UTINYINT|USMALLINT|UINTEGER)$/.test(type)) return 'BIGINT';
  if (/^(FLOAT|DOUBLE|REAL|DECIMAL.*|HUGEINT|UBIGINT)$/.test(type)) return 'DOUBLE';
  if (type === 'BOOLEAN') return 'BOOLEAN';
  if (type === 'DATE') return 'DATE';
  if (type.startsWith('TIMESTAMP')) return 'TIMESTAMP';
  return 'VARCHAR';
}

function displayJson(value: unknown): string {
  if (value === null || value === undefined) return '';
  return typeof value === 'object' ? JSON.stringify(value) : String(value);
}


function fileError(source: ImportSource, what: Bilingual, error: unknown): WorkbenchError {
  const detail = error instanceof Error ? error.message : String(error);
  return localizedError('import-read', { file: source.fileName, what, detail: detail.split('\n')[0]! }, detail);
}

/** ` (sheet "name")`, in both languages, or nothing for a text file. */
function sheetPhrase(sheet: string | null): Bilingual {
  return sheet ? bilingual(` (sheet "${sheet}")`, `（工作表“${sheet}”）`) : bilingual('', '');
}

/** DuckDB's reader over a UTF-8 CSV (all of it, or one part), skipping `skip` lines, with the previewed column types; cleaned columns are read as text and converted. */
function csvReaderSelect(path: string, analysis: Analysis, columns: ImportColumnSpec[], skip: number): string {
  const settings = analysis.preview.settings;
  const layout = analysis.layout!;
  const readerColumns = analysis.preview.columns.map((column, index) => {
    const chosen = columns.find((spec) => spec.sourceIndex === index);
    const type = chosen && !chosen.cleaned ? chosen.type : 'VARCHAR';
    return `${quoteLiteral(`c${index}`)}: ${quoteLiteral(type)}`;
  });
  // Columns left of the table (rare in CSV) are read and dropped.
  const leading = Array.from({ length: layout.left }, (_, index) => `${quoteLiteral(`lead${index}`)}: 'VARCHAR'`);
  // The usual field count of the table's rows (a trailing delimiter adds an empty field); a row with another count is DuckDB's error, with its line.
  const width = tableWidth(analysis.sheet?.grid ?? [], layout);
  const trailing = Array.from({ length: Math.max(0, width - layout.right - 1) }, (_, index) => `${quoteLiteral(`trail${index}`)}: 'VARCHAR'`);
  const reader = `read_csv(${quoteLiteral(path)}, delim = ${quoteLiteral(settings.delimiter as Delimiter)}, quote = '"', escape = '"', header = false,
    skip = ${skip}, columns = {${[...leading, ...readerColumns, ...trailing].join(', ')}}, auto_detect = false, strict_mode = true,
    null_padding = false, encoding = 'utf-8'${analysis.longLines ? LONG_LINE_OPTIONS : CSV_LINE_OPTIONS})`;
  const select = columns
    .filter((column) => column.include)
    .map((column) => `${castSql(quoteIdentifier(`c${column.sourceIndex}`), column.cleaned ? 'VARCHAR' : column.type, column.type, column.cleaned)} AS ${quoteIdentifier(column.name)}`);
  const allBlank = analysis.preview.columns.map((_, index) => `c${index} IS NULL`).join(' AND ');
  return `SELECT ${select.join(', ')} FROM ${reader} WHERE NOT (${allBlank})`;
}

/**
 * DuckDB's error while loading, with the file named. DuckDB's "Line" counts records (a
 * spreadsheet's row numbers); `recordsBefore`, the records of the file before
 * the part DuckDB read, makes it the file's.
 */
/** The first line of a file (its first 16 MiB) whose line ending differs from the first line's. */
function mixedLineEndingIn(path: string): ReturnType<typeof firstMixedLineEnding> {
  try {
    const handle = openSync(path, 'r');
    try {
      const buffer = Buffer.alloc(16 * 1024 * 1024);
      const read = readSync(handle, buffer, 0, buffer.length, 0);
      return firstMixedLineEnding(buffer.subarray(0, read).toString('latin1'));
    } finally {
      closeSync(handle);
    }
  } catch {
    return null;
  }
}

function loadError(source: ImportSource, preview: ImportPreview, error: unknown, recordsBefore = 0): WorkbenchError {
  if (error instanceof WorkbenchError && error.kind === 'cancelled') return importCancelled();
  // The engine's own trouble (it restarted, or a bug) is not the file's: passed on as it is.
  if (error instanceof WorkbenchError && (error.kind === 'bug' || error.code === 'import-lost')) return error;
  let detail = error instanceof WorkbenchError ? (error.detail ?? error.message) : error instanceof Error ? error.message : String(error);
  if (recordsBefore > 0) detail = detail.replace(/(CSV Error on Line: )(\d+)/g, (_, label: string, line: string) => `${label}${Number(line) + recordsBefore}`);
  let hint = bilingual('', '');
  if (/Expected Number of Columns|too many columns|column count/i.test(detail)) {
    hint = bilingual(' A row has more or fewer fields than the header: check the quoting and the delimiter on that line.', '有一行的字段数与表头不同：请检查该行的引号和分隔符。');
  } else if (/Could not convert|Conversion Error/i.test(detail)) {
    hint = bilingual(' A value does not fit the column type: change the column type to text (VARCHAR) in the preview.', '有一个值不符合列的类型：请在预览中把该列改为文本（VARCHAR）。');
  } else if (/Maximum line size/i.test(detail)) {
    hint = bilingual(' A line is longer than 64 MB.', '有一行超过 64 MB。');
  }
  let line = /CSV Error on Line: (\d+)/.exec(detail)?.[1];
  const mixed = /state machine reached an invalid state/i.test(detail) ? mixedLineEndingIn(source.path) : null;
  if (mixed) {
    // DuckDB names no line for this: say which line and what to do.
    line = String(mixed.line);
    hint = bilingual(
      ` The file mixes line endings: its lines end with ${mixed.usual}, but line ${mixed.line} ends with ${mixed.ending}. Save it again as CSV from Excel or WPS (or convert the line endings in a text editor) and import again.`,
      `文件混用了换行符：各行以 ${mixed.usual} 结尾，但第 ${mixed.line} 行以 ${mixed.ending} 结尾。请在 WPS 或 Excel 中重新另存为 CSV（或在文本编辑器中统一换行符）后再导入。`,
    );
  }
  return localizedError(
    'import-load',
    {
      file: source.fileName,
      where: sheetPhrase(preview.settings.sheet),
      at: bilingual('', line ? `问题在文件的第 ${line} 行。` : ''),
      detail: detail.split('\n').slice(0, 4).join(' ').replace(/\s*Possible fixes:.*$/s, '.'),
      hint,
    },
    detail,
  );
}

function provenanceInsert(row: Omit<ImportProvenance, 'id' | 'importedAt'>): string {
  const literal = (value: string | null): string => (value === null ? 'NULL' : quoteLiteral(value));
  return `INSERT INTO ${PROVENANCE_TABLE} VALUES ((SELECT COALESCE(max(id), 0) + 1 FROM ${PROVENANCE_TABLE}), ${literal(row.tableName)}, ${literal(row.fileName)},
    ${literal(row.contentSha256)}, ${literal(row.sheet)}, ${literal(row.range)}, ${literal(row.encoding)}, ${literal(row.format)}, now()::TIMESTAMP,
    ${Math.trunc(row.rowCount)}, ${literal(row.mode)}, ${literal(row.options)})`;
}

function provenanceFromRow(row: Record<string, unknown>): ImportProvenance {
  const text = (value: unknown): string | null => (value === null || value === undefined ? null : String(value));
  return {
    id: Number(row.id),
    tableName: String(row.table_name),
    fileName: String(row.file_name),
    contentSha256: String(row.content_sha256),
    sheet: text(row.sheet),
    range: text(row.range),
    encoding: text(row.encoding),
    format: String(row.format) as ImportFormat,
    importedAt: String(row.imported_at),
    rowCount: Number(row.row_count),
    mode: String(row.mode) as ImportProvenance['mode'],
    options: String(row.options),
  };
}

export type { UnpivotPlan };
