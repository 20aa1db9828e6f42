import { z } from 'zod';
import { method } from '../contractKit';
import { IMPORT_COLUMN_TYPES, type ImportColumnType } from '../../domain/import/columnTypes';
import { DELIMITERS, type Delimiter } from '../../domain/import/delimitedText';
import type { TableLayout } from '../../domain/import/tableLayout';
import { TEXT_ENCODINGS, type TextEncodingName } from '../../domain/import/textEncoding';
import type { UnpivotPlan } from '../../domain/import/unpivotPlan';
import type { LongLabel } from '../../domain/import/indicatorMatch';
import type { Bilingual } from '../../domain/bilingual';

/** Bringing files into the workspace: upload or open, preview, import, history. */

const idPattern = /^[A-Za-z0-9_-]{1,64}$/;
export const ImportSourceIdSchema = z.string().regex(idPattern, 'must be 1-64 letters, digits, _ or -').brand<'ImportSourceId'>();
/** A file the main side holds for importing (an uploaded copy or a validated path). */
export type ImportSourceId = z.infer<typeof ImportSourceIdSchema>;
export const ImportIdSchema = z.string().regex(idPattern, 'must be 1-64 letters, digits, _ or -').brand<'ImportId'>();
/** One run of an import, for progress and Cancel. */
export type ImportId = z.infer<typeof ImportIdSchema>;

export const IMPORT_FORMATS = ['csv', 'xlsx', 'xls', 'parquet', 'json', 'duckdb'] as const;
export type ImportFormat = (typeof IMPORT_FORMATS)[number];
/** The file names the window offers to import (file input, drop, the desktop app's open dialog); WPS saves spreadsheets as .et. */
export const IMPORT_EXTENSIONS = ['.csv', '.tsv', '.txt', '.xlsx', '.xlsm', '.xls', '.et', '.parquet', '.json', '.ndjson', '.jsonl', '.duckdb', '.db'];

/** Upload chunks are at most this big; the HTTP host refuses larger bodies for import.upload. */
export const MAX_UPLOAD_CHUNK_BYTES = 16 * 1024 * 1024;
/** Uploads (the renderer's only way to hand over a file: open or drop) up to this size; the CLI opens paths directly. */
export const MAX_UPLOAD_BYTES = 8 * 1024 * 1024 * 1024;

export interface ImportSourceInfo {
  sourceId: ImportSourceId;
  fileName: string;
  sizeBytes: number;
  /** Detected from the content (and the extension when the content is plain text). */
  format: ImportFormat;
  via: 'path' | 'upload';
}

export interface ImportSheetInfo {
  name: string;
  rows: number;
  columns: number;
  hasData: boolean;
}

export interface ImportColumnSpec {
  /** Name in the imported table (editable). */
  name: string;
  /** Position among the source's columns (0-based, within the detected table). */
  sourceIndex: number;
  /** Name the source gives it (header text, Parquet column). */
  sourceName: string;
  type: ImportColumnType;
  include: boolean;
  /** Values are numbers written as text (separators, full-width, %, —) and are cleaned on import. */
  cleaned: boolean;
  /** Values carried percent signs or percent formats; imported in percentage points (6.40% → 6.4). */
  percent: boolean;
}

export interface DecodeIssues {
  /** Characters that could not be decoded in the sample (each became U+FFFD). */
  count: number;
  line: number;
  byteOffset: number;
}

export interface ImportPreview {
  source: ImportSourceInfo;
  settings: ResolvedImportSettings;
  encodingReason: string | null;
  sheets: ImportSheetInfo[];
  /** Tables and views of a DuckDB file. */
  relations: { name: string; rowCount: number | null }[];
  /** The top of the sheet or file as text, for showing where the table was found. */
  grid: string[][];
  /** Grid rows shown are the first `grid.length` of `gridRowsTotal`. */
  gridRowsTotal: number | null;
  layout: TableLayout | null;
  columns: ImportColumnSpec[];
  /** The first data rows as display text, one entry per column of `columns`. */
  sampleRows: string[][];
  /** Exact for workbooks and Parquet; an estimate from the sample for big text files. */
  rowCount: number | null;
  rowCountExact: boolean;
  unpivot: UnpivotPlan | null;
  /** The indicator names (and units) the unpivot gives, from the rows read for the preview; empty without a plan. */
  indicatorLabels: LongLabel[];
  decodeIssues: DecodeIssues | null;
  /** What the preview saw that will matter on import (a row with another field count), in both languages. */
  warnings: Bilingual[];
  suggestedTable: string;
}

export interface ResolvedImportSettings {
  format: ImportFormat;
  encoding: TextEncodingName | null;
  delimiter: Delimiter | null;
  sheet: string | null;
  relation: string | null;
}

const LayoutSchema = z
  .object({
    headerTop: z.number().int().min(0),
    headerRows: z.number().int().min(0).max(5),
    dataBottom: z.number().int().min(0).optional(),
    left: z.number().int().min(0).optional(),
    right: z.number().int().min(0).optional(),
  })
  .strict();
export type LayoutOverride = z.infer<typeof LayoutSchema>;

export const ImportSettingsSchema = z
  .object({
    format: z.enum(IMPORT_FORMATS).optional(),
    encoding: z.enum(TEXT_ENCODINGS as [TextEncodingName, ...TextEncodingName[]]).optional(),
    delimiter: z.enum(DELIMITERS as [Delimiter, ...Delimiter[]]).optional(),
    sheet: z.string().max(200).optional(),
    relation: z.string().max(200).optional(),
    layout: LayoutSchema.optional(),
  })
  .strict();
export type ImportSettings = z.infer<typeof ImportSettingsSchema>;

const ColumnSchema = z
  .object({
    name: z.string().min(1, 'is empty').max(200),
    sourceIndex: z.number().int().min(0),
    sourceName: z.string().max(1000),
    type: z.enum(IMPORT_COLUMN_TYPES as [ImportColumnType, ...ImportColumnType[]]),
    include: z.boolean(),
    cleaned: z.boolean(),
    percent: z.boolean(),
  })
  .strict();

const UnpivotSchema = z
  .object({
    indicatorColumn: z.number().int().min(0),
    unitColumn: z.number().int().min(0).nullable(),
    yearColumns: z
      .array(
        z
          .object({
            column: z.number().int().min(0),
            year: z.number().int().min(1000).max(3000),
            measure: z.string().max(200).nullable(),
            unit: z.string().max(50).nullable(),
          })
          .strict(),
      )
      .min(1, 'needs at least one year column'),
    keepColumns: z.array(z.number().int().min(0)),
    defaultUnit: z.string().max(50).nullable(),
    /** `observations`: append the long rows to the workspace's observations; `table`: keep them as their own table. */
    destination: z.enum(['table', 'observations']),
    /** Indicator name → code chosen by the user (an empty code leaves that name's rows out); names not listed are matched on `code` or `name_zh`. */
    indicatorCodes: z.record(z.string(), z.string().max(100)).default({}),
    /** What to do with names that match no indicator: create user indicators, or stop with a list of them. */
    unknownIndicators: z.enum(['create', 'fail']).default('fail'),
    region: z.string().max(100).default('慈溪市'),
  })
  .strict();
export type UnpivotRequest = z.infer<typeof UnpivotSchema>;

export const RunImportInput = z
  .object({
    importId: ImportIdSchema,
    sourceId: ImportSourceIdSchema,
    settings: ImportSettingsSchema.default({}),
    /** Omitted: the detected columns, all included. */
    columns: z.array(ColumnSchema).max(5000).optional(),
    table: z.string().max(200).optional(),
    mode: z.enum(['create', 'replace', 'append']).default('create'),
    unpivot: UnpivotSchema.nullable().default(null),
    /** DuckDB files: attach read-only (kept attached) or copy the chosen tables in. */
    duckdb: z
      .object({ mode: z.enum(['attach', 'copy']), relations: z.array(z.string().max(200)).max(1000).default([]) })
      .strict()
      .optional(),
  })
  .strict();
export type RunImportRequest = z.infer<typeof RunImportInput>;

/** What the workspace records about every imported table (table `import_provenance`). */
export interface ImportProvenance {
  id: number;
  tableName: string;
  fileName: string;
  contentSha256: string;
  sheet: string | null;
  range: string | null;
  encoding: string | null;
  format: ImportFormat;
  importedAt: string;
  rowCount: number;
  mode: 'create' | 'replace' | 'append' | 'attach' | 'observations';
  options: string;
}

export interface ImportOutcome {
  importId: ImportId;
  table: string;
  rowCount: number;
  elapsedMs: number;
  provenance: ImportProvenance;
  warnings: Bilingual[];
  /** Indicators created for names that matched none (observations only). */
  createdIndicators: string[];
}

export interface IndicatorMatch {
  name: string;
  code: string | null;
}

export const UploadChunkInput = z
  .object({
    /** Absent on the first chunk; the reply names the upload. */
    sourceId: ImportSourceIdSchema.optional(),
    fileName: z.string().min(1).max(500),
    totalBytes: z.number().int().min(0).max(MAX_UPLOAD_BYTES),
    offset: z.number().int().min(0),
    chunk: z.instanceof(Uint8Array).refine((bytes) => bytes.byteLength <= MAX_UPLOAD_CHUNK_BYTES, 'is larger than 16 MiB'),
  })
  .strict();
export const PreviewInput = z.object({ sourceId: ImportSourceIdSchema, settings: ImportSettingsSchema.default({}) }).strict();
export const ImportIdInput = z.object({ importId: ImportIdSchema }).strict();
export const SourceIdInput = z.object({ sourceId: ImportSourceIdSchema }).strict();
export const MatchIndicatorsInput = z.object({ names: z.array(z.string().max(500)).max(10_000) }).strict();
const EmptyImportInput = z.object({}).strict();

export const importContract = {
  import: {
    upload: method<typeof UploadChunkInput, { sourceId: ImportSourceId; receivedBytes: number; source: ImportSourceInfo | null }>(UploadChunkInput),
    preview: method<typeof PreviewInput, ImportPreview>(PreviewInput),
    run: method<typeof RunImportInput, ImportOutcome>(RunImportInput),
    cancel: method<typeof ImportIdInput, { cancelled: boolean }>(ImportIdInput),
    discard: method<typeof SourceIdInput, { discarded: boolean }>(SourceIdInput),
    history: method<typeof EmptyImportInput, { entries: ImportProvenance[] }>(EmptyImportInput),
    matchIndicators: method<
      typeof MatchIndicatorsInput,
      { matches: IndicatorMatch[]; indicators: { code: string; nameZh: string; unit: string | null }[] }
    >(MatchIndicatorsInput),
  },
} as const;

/** Progress of one import, pushed as `onDidReportImportProgress`. */
export interface ImportProgress {
  importId: ImportId;
  phase: 'read' | 'transcode' | 'load' | 'save';
  /** 0–100 when known. */
  percent: number | null;
  elapsedMs: number;
}
