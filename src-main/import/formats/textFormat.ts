import { randomBytes } from 'node:crypto';
import { copyFile, truncate } from 'node:fs/promises';
import { join } from 'node:path';
import type { ImportColumnSpec, ImportProgress, ImportSettings, QueryId } from '@shared/contract/workbenchContract';
import { bilingual, localizedError, type Bilingual } from '@shared/contract/errorTexts';
import { cellText, type CellGrid } from '@shared/domain/import/cellGrid';
import { convertCell } from '@shared/domain/import/columnTypes';
import { WorkbenchError } from '@shared/contract/WorkbenchError';
import { parseDelimited, sniffDelimiter, type Delimiter } from '@shared/domain/import/delimitedText';
import type { TableLayout } from '@shared/domain/import/tableLayout';
import { lineAndColumn, type TextEncodingName } from '@shared/domain/import/textEncoding';
import { quoteIdentifier, quoteLiteral } from '@shared/domain/sqlIdentifier';
import type { ExecResult } from '../../engine/engineProtocol';
import { tabulate, tableWidth, type Analysis, type FormatContext, type Sheetlike } from '../importAnalysis';
import { loadError, readerConversion } from '../importErrors';
import { rollbackImport, type ImportPlan } from '../importPlan';
import { WORKBOOK_EXTENSION, type ImportSource } from '../importSources';
import { castSql } from '../importSql';
import { decodeSample, footnoteStart, SAMPLE_BYTES, sampleText, transcodeInChunks, transcodeToUtf8, type ChunkSizes } from '../textSource';

/**
 * CSV and other delimited text: a sample parsed here for the preview; the
 * load is DuckDB's own CSV reader over the file or its UTF-8 conversion
 * (part by part for a large file in another encoding).
 */

/**
 * Placeholder in a CSV reader call for the line-size options. DuckDB's
 * defaults (2 MB lines) keep its parallel reader fast; a file with longer
 * lines (a pasted document in one cell) is retried with 64 MB lines and
 * buffers, which reads with less parallelism.
 */
export const CSV_LINE_OPTIONS = '/*iwb:line-options*/';
export const LONG_LINE_OPTIONS = ', max_line_size = 67108864, buffer_size = 134217728';
/** DuckDB's errors for a line (or a quoted cell) longer than its default buffers: retried with LONG_LINE_OPTIONS. */
export const LONG_LINE_ERROR = /maximum line size|unterminated quote/i;
/** Parts of a large converted file: 32 MB first, each twice the one before, at most 512 MB (see ChunkSizes). */
export const CHUNK_BYTES = 32 * 1024 * 1024;
export const MAX_CHUNK_BYTES = 512 * 1024 * 1024;

export type ImportReport = (phase: ImportProgress['phase'], percent: number | null) => void;

export async function analyseText(context: FormatContext, source: ImportSource, settings: ImportSettings): Promise<Analysis> {
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
  const analysis = tabulate(source, sheet, settings, {
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
  if (sample.complete && parsed.openQuote) {
    // The whole file was read and it ends inside quotes: the last row holds the rest of the file in one cell; DuckDB will refuse it.
    preview.warnings.unshift(
      bilingual(
        `Row ${grid.length} opens a quote (") that is never closed, so the rest of the file reads as one cell; the import will stop there. Close the quote (write a quote inside a cell as "").`,
        `第 ${grid.length} 行有一个 " 没有闭合，文件其余部分都被读成了一个单元格；导入会在这一行停止。请补上引号（单元格内的引号写成 ""）。`,
      ),
    );
  }
  if (WORKBOOK_EXTENSION.test(source.fileName)) {
    const extension = /\.[^.]+$/.exec(source.fileName)![0];
    const shownEncoding = encoding.toUpperCase();
    const separator = delimiter === '\t' ? bilingual('tab-separated', '制表符分隔') : bilingual(`separated by "${delimiter}"`, `以“${delimiter}”分隔`);
    preview.warnings.push(
      bilingual(
        `${source.fileName} is named ${extension} but is not an Excel workbook: it holds text, so it is read as a text table (${shownEncoding}, ${separator.en}). Check the columns below.`,
        `${source.fileName} 的扩展名是 ${extension}，但它不是 Excel 工作簿，而是文本，因此按文本表格读取（${shownEncoding}，${separator.zh}）。请核对下面的列。`,
      ),
    );
  }
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

/** CSV: DuckDB's reader over the file (or its UTF-8 transcode), skipping title and header rows, with the previewed column types. */
export async function csvSelect(
  context: FormatContext,
  source: ImportSource,
  analysis: Analysis,
  columns: ImportColumnSpec[],
  controller: AbortController,
  report: ImportReport,
  cleanup: string[],
): Promise<string> {
  const settings = analysis.preview.settings;
  const encoding = settings.encoding as TextEncodingName;
  let path = source.path;
  if (encoding !== 'utf-8') {
    const directory = await context.sources.workDirectory();
    path = join(directory, `transcoded_${randomBytes(6).toString('hex')}.csv`);
    cleanup.push(path);
    report('transcode', 0);
    await transcodeToUtf8({ path: source.path, fileName: source.fileName, sizeBytes: source.sizeBytes, encoding }, path, (fraction) => report('transcode', fraction * 100), controller.signal);
  }
  const cut = await footnoteStart(path, settings.delimiter as Delimiter);
  if (cut !== null) {
    // Footnotes under the table: the reader gets the file without them (a copy, when it is the user's file).
    if (path === source.path) {
      const copy = join(await context.sources.workDirectory(), `trimmed_${randomBytes(6).toString('hex')}.csv`);
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
export async function loadInChunks(
  context: FormatContext,
  source: ImportSource,
  analysis: Analysis,
  columns: ImportColumnSpec[],
  load: { plan: ImportPlan; queryId: QueryId; chunkSizes: ChunkSizes },
  controller: AbortController,
  report: ImportReport,
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
  const stopListening = context.engine.onDidReportProgress((progress) => {
    if (progress.queryId !== load.queryId || progress.phase !== 'import-part' || progress.percent === null) return;
    loading(part.from + ((part.to - part.from) * progress.percent) / 100);
  });
  try {
    await transcodeInChunks(
      { path: source.path, fileName: source.fileName, sizeBytes: source.sizeBytes, encoding: settings.encoding as TextEncodingName },
      {
        directory: await context.sources.workDirectory(),
        ...load.chunkSizes,
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
        const statements = load.plan.write(csvReaderSelect(chunk.path, analysis, columns, chunk.index === 0 ? analysis.layout!.dataTop : 0), chunk.index === 0);
        try {
          if (chunk.index === 0) {
            ({ results } = await context.engine.call('importBegin', { queryId: load.queryId, preamble: load.plan.preamble, statements: [...load.plan.statements, ...statements], part: true }));
          } else {
            await context.engine.call('importContinue', { queryId: load.queryId, statements });
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
    const { results: counted } = await context.engine.call('importContinue', { queryId: load.queryId, statements: [load.plan.countSql] }).catch((error: unknown) => {
      throw loadError(source, analysis.preview, error);
    });
    return [...results, ...counted];
  } catch (error) {
    // Converting a later part failed (bad bytes, Cancel): the parts loaded so far are rolled back.
    if (begun) await rollbackImport(context.engine, load.queryId, load.plan.postamble).catch(() => undefined);
    throw error;
  } finally {
    stopListening();
  }
}


/**
 * A row of the previewed table with another field count than the others:
 * DuckDB's reader will stop there, so the preview says so first. Rows are
 * numbered as DuckDB and WPS number them (records, from 1).
 */
export function raggedRowWarning(grid: CellGrid, layout: TableLayout | null | undefined): Bilingual | null {
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

/**
 * After DuckDB's typed reader refused a value the import's cleaning reads
 * (a cell of spaces, `2024年1月31日` in a date column, past the rows the
 * types were inferred from): the columns with that one read as text and
 * cleaned. Null when the value does not fit the column either way: that
 * error is the planner's to see.
 */
export function columnsCleanedFor(error: unknown, columns: ImportColumnSpec[]): ImportColumnSpec[] | null {
  if (!(error instanceof WorkbenchError) || error.code !== 'import-load') return null;
  const refused = readerConversion(error.detail ?? '');
  if (!refused) return null;
  const column = columns.find((candidate) => candidate.sourceIndex === refused.sourceIndex && candidate.include && !candidate.cleaned && candidate.type !== 'VARCHAR');
  if (!column || !convertCell(refused.value, column.type).ok) return null;
  return columns.map((candidate) => (candidate === column ? { ...candidate, cleaned: true } : candidate));
}

/** DuckDB's reader over a UTF-8 CSV (all of it, or one part), skipping `skip` lines, with the previewed column types; cleaned columns are read as text and converted. */
export function csvReaderSelect(path: string, analysis: Analysis, columns: ImportColumnSpec[], skip: number): string {
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
