import { createReadStream, createWriteStream } from 'node:fs';
import { rename, rm, stat } from 'node:fs/promises';
import { randomBytes } from 'node:crypto';
import { basename, dirname, isAbsolute, join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { Readable, Transform } from 'node:stream';
import iconv from 'iconv-lite';
import writeXlsxFile, { type Cell, type SheetData } from 'write-excel-file/node';
import { Table, type Field, type RecordBatch } from 'apache-arrow';
import type { DuckDBConnection } from '@duckdb/node-api';
import type { CsvEncoding } from '@shared/contract/workbenchContract';
import { cellNumber, cellPlainText, columnKind } from '@shared/domain/arrowCells';
import { quoteLiteral } from '@shared/domain/sqlIdentifier';
import { localizedError } from '@shared/contract/errorTexts';
import type { ExportTarget } from '../engineProtocol';
import type { ArrowBatchOptions } from './arrowFromChunks';
import { IpcStreamEncoder, ROWS_PER_BATCH } from './arrowIpcParts';

/** Excel's sheet limit is 1,048,576 rows; one is the header. */
export const XLSX_MAX_ROWS = 1_048_575;
const XLSX_BATCH_ROWS = 50_000;
/** Rows per window read for an Arrow file: four record batches, so memory stays bounded and Cancel is seen within a window. */
const ARROW_WINDOW_ROWS = 4 * ROWS_PER_BATCH;
const UTF8_BOM = Buffer.from([0xef, 0xbb, 0xbf]);

export interface ExportSource {
  connection: DuckDBConnection;
  /** Qualified, quoted table name holding the rows to export, in order. */
  table: string;
  rowCount: number;
  /** Rows [offset, offset + limit) of `table` as record batches built from DuckDB's chunks, for the XLSX and Arrow writers. */
  fetchBatches(offset: number, limit: number, options?: ArrowBatchOptions): Promise<RecordBatch[]>;
}

/** Checks the destination before any work: absolute, in an existing folder, not a folder, not silently overwritten. */
export async function checkExportTarget(target: ExportTarget): Promise<void> {
  if (!isAbsolute(target.path)) throw localizedError('export-path-relative', { path: target.path }, undefined, 'invalid-path');
  const folder = dirname(target.path);
  const folderInfo = await stat(folder).catch(() => null);
  if (!folderInfo?.isDirectory()) throw localizedError('export-no-folder', { path: folder }, undefined, 'invalid-path');
  const existing = await stat(target.path).catch(() => null);
  if (existing?.isDirectory()) throw localizedError('export-is-folder', { path: target.path }, undefined, 'invalid-path');
  if (existing && !target.overwrite) throw localizedError('file-exists', { path: target.path });
}

/**
 * Writes `source` to `target.path`. Everything is written to a temporary file
 * beside the destination and renamed into place at the end, so an interrupted
 * or failed export never leaves a half-written file under the chosen name.
 * `onProgress` receives a fraction 0..1 for the phases we can measure.
 */
export async function exportRows(
  source: ExportSource,
  target: ExportTarget,
  onProgress: (fraction: number) => void,
): Promise<{ bytes: number }> {
  await checkExportTarget(target);
  const partial = join(dirname(target.path), `.${basename(target.path)}.${randomBytes(4).toString('hex')}.partial`);
  const temporaries = [partial, `${partial}.utf8`];
  try {
    if (target.format === 'parquet') {
      await source.connection.run(`COPY (SELECT * FROM ${source.table}) TO ${quoteLiteral(partial)} (FORMAT parquet, COMPRESSION zstd)`);
    } else if (target.format === 'arrow') {
      await writeArrow(source, partial, onProgress);
    } else if (target.format === 'csv') {
      await writeCsv(source, target.encoding, partial, temporaries[1]!, onProgress);
    } else {
      await writeXlsx(source, partial, onProgress);
    }
    await rename(partial, target.path);
    onProgress(1);
    return { bytes: (await stat(target.path)).size };
  } finally {
    for (const file of temporaries) await rm(file, { force: true });
  }
}

async function writeCsv(
  source: ExportSource,
  encoding: CsvEncoding,
  destination: string,
  utf8File: string,
  onProgress: (fraction: number) => void,
): Promise<void> {
  // DuckDB writes the CSV (exact decimals, ISO dates, RFC 4180 quoting); only
  // the byte encoding is adjusted afterwards.
  const direct = encoding === 'utf-8';
  await source.connection.run(
    `COPY (SELECT * FROM ${source.table}) TO ${quoteLiteral(direct ? destination : utf8File)} (FORMAT csv, HEADER true, DELIMITER ',', QUOTE '"', ESCAPE '"')`,
  );
  if (direct) return;
  onProgress(0.7);
  const total = (await stat(utf8File)).size || 1;
  let done = 0;
  const counter = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      done += chunk.byteLength;
      onProgress(0.7 + (0.3 * done) / total);
      callback(null, chunk);
    },
  });
  const output = createWriteStream(destination);
  if (encoding === 'utf-8-bom') {
    output.write(UTF8_BOM);
    await pipeline(createReadStream(utf8File), counter, output);
  } else {
    // GB18030 encodes every Unicode character, so nothing is lost or replaced.
    await pipeline(createReadStream(utf8File), counter, iconv.decodeStream('utf8'), iconv.encodeStream('gb18030'), output);
  }
}

/**
 * One Arrow IPC stream, written in the engine process from windows of the
 * kept result (no copy to the main side), each window's record batches built
 * straight from DuckDB's chunks and encoded once. DECIMAL(p <= 18) is
 * Decimal128, which every Arrow reader knows (64-bit decimals entered the
 * format only in Arrow 18). One pipeline pulls the windows as the file takes
 * them, `ARROW_WINDOW_ROWS` at a time: memory stays bounded, Cancel is seen
 * within a window, and a failure on either side (the result, the disk) ends
 * the whole export with its error.
 */
async function writeArrow(source: ExportSource, destination: string, onProgress: (fraction: number) => void): Promise<void> {
  async function* stream(): AsyncGenerator<Uint8Array> {
    const encoder = new IpcStreamEncoder();
    for (let offset = 0; offset < source.rowCount || offset === 0; offset += ARROW_WINDOW_ROWS) {
      for (const batch of await source.fetchBatches(offset, ARROW_WINDOW_ROWS, { decimal128: true })) {
        for (const message of encoder.write(batch)) yield* message;
      }
      onProgress((0.95 * Math.min(source.rowCount, offset + ARROW_WINDOW_ROWS)) / Math.max(1, source.rowCount));
      if (source.rowCount === 0) break;
    }
    yield* encoder.finish();
  }
  await pipeline(Readable.from(stream()), createWriteStream(destination));
}

async function writeXlsx(source: ExportSource, destination: string, onProgress: (fraction: number) => void): Promise<void> {
  if (source.rowCount > XLSX_MAX_ROWS) {
    throw localizedError('too-many-rows', { max: XLSX_MAX_ROWS.toLocaleString('en-US'), rows: source.rowCount.toLocaleString('en-US') });
  }
  const data: SheetData = [];
  let fields: Field[] = [];
  for (let offset = 0; offset < source.rowCount || offset === 0; offset += XLSX_BATCH_ROWS) {
    const table = new Table(await source.fetchBatches(offset, XLSX_BATCH_ROWS));
    if (offset === 0) {
      fields = table.schema.fields;
      data.push(fields.map((field) => ({ value: field.name, fontWeight: 'bold' as const })));
    }
    const columns = fields.map((_field, index) => table.getChildAt(index));
    for (let row = 0; row < table.numRows; row++) {
      data.push(fields.map((field, index) => xlsxCell(columns[index]?.get(row), field)));
    }
    onProgress((0.8 * Math.min(source.rowCount, offset + XLSX_BATCH_ROWS)) / Math.max(1, source.rowCount));
    if (table.numRows === 0) break;
  }
  await writeXlsxFile(data, { sheet: 'Result', stickyRowsCount: 1 }, { fontFamily: 'Microsoft YaHei' }).toFile(destination);
}

/** Numbers stay numbers (Excel holds 15 significant digits; larger integers go in as exact text). */
function xlsxCell(value: unknown, field: Field): Cell {
  if (value === null || value === undefined) return null;
  const kind = columnKind(field);
  if (kind === 'integer' || kind === 'decimal' || kind === 'float') {
    const number = cellNumber(value, field);
    const exact = cellPlainText(value, field);
    if (number === null || !Number.isFinite(number)) return exact;
    if (kind !== 'float' && exact.replace(/^-|\.?0+$/g, '').replace('.', '').length > 15) return exact;
    return { value: number, type: Number };
  }
  if (kind === 'boolean') return { value: Boolean(value), type: Boolean };
  if (kind === 'date') return { value: new Date(Number(value)), type: Date, format: 'yyyy-mm-dd' };
  if (kind === 'timestamp') return { value: new Date(Math.floor(Number(value))), type: Date, format: 'yyyy-mm-dd hh:mm:ss' };
  return cellPlainText(value, field);
}
