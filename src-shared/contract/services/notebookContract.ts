import { z } from 'zod';
import { method } from '../contractKit';
import type { ChartKind } from '../../domain/chart/ChartSpec';
import { ChartOptionsSchema } from './chartsContract';
import {
  CHART_KINDS,
  PARAMETER_CONTROLS,
  TARGET_METHODS,
  type CellId,
  type JsonValue,
  type NotebookDocument,
} from '../../domain/notebook/NotebookDocument';
import type { NotebookProblem } from '../../domain/notebook/notebookProblem';
import { NOTEBOOK_PROBLEM_CODES } from '../../domain/notebook/notebookProblemTexts';
import {
  EmptyInput,
  MAX_WINDOW_ROWS,
  QueryIdSchema,
  ResultIdSchema,
  type CancelOutcome,
  type QueryResult,
  type ResultWindow,
} from './coreContract';

/**
 * Notebooks: files in the workspace's notebooks folder and the bundled
 * samples, opened into handles the main side keeps (path, the text as read,
 * its hash, trust). Cells run on the notebook's own engine session.
 *
 * Browser mode has no native file dialog: the main side lists the folders it
 * knows, opens any path the user types, and takes uploaded or dropped files
 * as bytes.
 */

export const NotebookHandleSchema = z.string().regex(/^nb_[A-Za-z0-9_-]{1,64}$/, 'is not a notebook handle').brand<'NotebookHandle'>();
export type NotebookHandle = z.infer<typeof NotebookHandleSchema>;

/** 16 MiB: far beyond any notebook; bounds what one request can make the main side parse. */
export const MAX_NOTEBOOK_BYTES = 16 * 1024 * 1024;

const CellIdSchema = z.custom<CellId>((value) => typeof value === 'string' && value.length > 0 && value.length <= 200, 'must be a cell id');
const JsonSchema = z.json() as z.ZodType<JsonValue>;
const ExtraSchema = z.array(z.tuple([z.string().max(200), JsonSchema]));
const Text = z.string().max(MAX_NOTEBOOK_BYTES);
const Name = z.string().min(1).max(200);
const ParameterValueSchema = z.union([z.number().refine(Number.isFinite, 'must be finite'), z.string().max(10_000)]);

export const SqlCellSchema = z.object({ kind: z.literal('sql'), id: CellIdSchema, name: Name.nullable(), sql: Text, extra: ExtraSchema }).strict();
export const TargetCellSchema = z
  .object({ kind: z.literal('target'), id: CellIdSchema, name: Name.nullable(), targetId: Name, method: z.enum(TARGET_METHODS), extra: ExtraSchema })
  .strict();

export const NotebookCellSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('markdown'), id: CellIdSchema, text: Text, extra: ExtraSchema }).strict(),
  SqlCellSchema,
  z
    .object({
      kind: z.literal('parameter'),
      id: CellIdSchema,
      name: Name,
      control: z.enum(PARAMETER_CONTROLS as ['slider', 'number', 'date', 'select']),
      label: z.string().max(1000).nullable(),
      value: ParameterValueSchema,
      min: z.number().nullable(),
      max: z.number().nullable(),
      step: z.number().nullable(),
      options: z.array(ParameterValueSchema).max(10_000).nullable(),
      extra: ExtraSchema,
    })
    .strict(),
  z
    .object({
      kind: z.literal('chart'),
      id: CellIdSchema,
      name: Name.nullable(),
      chart: z
        .object({
          kind: z.enum(CHART_KINDS as [ChartKind, ...ChartKind[]]),
          source: Name,
          x: Name,
          y: z.array(Name).min(1).max(50),
          title: z.string().max(1000).nullable(),
          unit: z.string().max(100).nullable(),
          ...ChartOptionsSchema.shape,
        })
        .strict(),
      extra: ExtraSchema,
    })
    .strict(),
  TargetCellSchema,
  z
    .object({
      kind: z.literal('raw'),
      id: CellIdSchema,
      info: z.string().max(10_000),
      body: Text,
      reason: z.enum(['unknown-type', 'invalid']),
      problem: z
        .object({
          line: z.number().int(),
          code: z.enum(NOTEBOOK_PROBLEM_CODES),
          params: z.record(z.string().max(64), z.union([z.string().max(10_000), z.number(), z.object({ en: z.string().max(10_000), zh: z.string().max(10_000) }).strict()])),
          message: z.string(),
        })
        .strict()
        .nullable(),
    })
    .strict(),
]);

export const NotebookDocumentSchema = z
  .object({
    formatVersion: z.number().int().min(0),
    title: z.string().max(1000).nullable(),
    signature: z.string().max(200).nullable(),
    headerExtra: ExtraSchema,
    cells: z.array(NotebookCellSchema).max(5000),
  })
  .strict();

// The wire schema and the domain type must describe the same thing.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const documentSchemaMatches: Same<z.output<typeof NotebookDocumentSchema>, NotebookDocument> = true;
void documentSchemaMatches;

/** Where an open notebook came from; samples are read-only (saving one asks for a new name). */
export type NotebookOrigin = 'file' | 'sample' | 'upload' | 'new' | 'recovery';
/** Why a notebook is trusted: the user's signature verified, the user made it here, the user said so, or it ships with the app. */
export type TrustReason = 'signature' | 'created' | 'user' | 'sample';

export interface RecoveryEntry {
  recoveryId: string;
  /** The file the unsaved edits belong to, or null for a notebook never saved. */
  path: string | null;
  title: string | null;
  /** Milliseconds since 1970. */
  savedAt: number;
}

export interface OpenedNotebook {
  handle: NotebookHandle;
  path: string | null;
  /** File name to show (or a suggested one for a notebook without a file). */
  name: string;
  origin: NotebookOrigin;
  readOnly: boolean;
  document: NotebookDocument;
  /** Line of each cell in the file as read (for problems), parallel to document.cells. */
  cellLines: number[];
  problems: NotebookProblem[];
  migratedFrom: number | null;
  migrations: string[];
  trusted: boolean;
  trustReason: TrustReason | null;
  /** While untrusted: the only folders its SQL may read or write (null when trusted). */
  allowedFolders: string[] | null;
  /** Unsaved edits of this file kept from an earlier session, newer than the file. */
  recovery: RecoveryEntry | null;
  /** True when the document differs from the file (restored edits, a migration). */
  dirty: boolean;
}

export interface NotebookFileEntry {
  path: string;
  name: string;
  title: string | null;
  modifiedAt: number;
}

export interface RecentNotebook {
  path: string;
  title: string | null;
  openedAt: number;
  exists: boolean;
}

export interface NotebookListing {
  notebooksFolder: string;
  workspace: NotebookFileEntry[];
  samples: NotebookFileEntry[];
  recent: RecentNotebook[];
  recoveries: RecoveryEntry[];
}

export interface SavedNotebook {
  path: string;
  name: string;
  /** The document as written: the signature may have changed. */
  document: NotebookDocument;
  trusted: boolean;
}

/** `blank`, or the file name of a sample notebook to start from (its copy has no file yet). */
export interface TrustOutcome {
  trusted: true;
  /** Whether the signature was written to the file now (it has a file and no unsaved edits). */
  signed: boolean;
  document: NotebookDocument;
}

export const NotebookTemplateSchema = z.string().regex(/^(blank|[^/\\]{1,200}\.iwb\.md)$/, 'must be "blank" or a sample notebook file name');

const PathInput = z.string().min(1).max(4096);
const HandleInput = z.object({ handle: NotebookHandleSchema }).strict();
const DocumentInput = z.object({ handle: NotebookHandleSchema, document: NotebookDocumentSchema }).strict();

export const OpenNotebookInput = z.object({ path: PathInput }).strict();
export const OpenNotebookBytesInput = z.object({ name: z.string().min(1).max(255), bytes: z.instanceof(Uint8Array).refine((bytes) => bytes.byteLength <= MAX_NOTEBOOK_BYTES, 'is larger than 16 MiB') }).strict();
export const CreateNotebookInput = z.object({ template: NotebookTemplateSchema }).strict();
export const SaveNotebookInput = z
  .object({
    handle: NotebookHandleSchema,
    document: NotebookDocumentSchema,
    /** Save as: an absolute path, or a file name in the workspace's notebooks folder. */
    path: PathInput.nullable().default(null),
    /** Write even though the file changed on disk (or exists, for save as). */
    overwrite: z.boolean().default(false),
  })
  .strict();
export const RecoveryInput = z.object({ recoveryId: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/) }).strict();
export const NotebookParameterSchema = z
  .object({ name: Name, value: ParameterValueSchema, control: z.enum(PARAMETER_CONTROLS as ['slider', 'number', 'date', 'select']) })
  .strict();
export type NotebookParameter = z.infer<typeof NotebookParameterSchema>;
export const RunCellInput = z
  .object({
    handle: NotebookHandleSchema,
    queryId: QueryIdSchema,
    cell: z.discriminatedUnion('kind', [SqlCellSchema, TargetCellSchema]),
    parameters: z.array(NotebookParameterSchema).max(1000),
    windowRows: z.number().int().min(0).max(MAX_WINDOW_ROWS).default(1000),
  })
  .strict();
const CancelInput = z.object({ queryId: QueryIdSchema }).strict();
export const FetchCellInput = z
  .object({ handle: NotebookHandleSchema, resultId: ResultIdSchema, offset: z.number().int().min(0), limit: z.number().int().min(1).max(MAX_WINDOW_ROWS) })
  .strict();

export const notebookContract = {
  notebook: {
    list: method<typeof EmptyInput, NotebookListing>(EmptyInput),
    open: method<typeof OpenNotebookInput, OpenedNotebook>(OpenNotebookInput),
    /** A dropped or uploaded file; it has no path until saved. */
    openBytes: method<typeof OpenNotebookBytesInput, OpenedNotebook>(OpenNotebookBytesInput),
    create: method<typeof CreateNotebookInput, OpenedNotebook>(CreateNotebookInput),
    /** Reads the file again (after it changed on disk), dropping the session. */
    reload: method<typeof HandleInput, OpenedNotebook>(HandleInput),
    close: method<typeof HandleInput, { closed: boolean }>(HandleInput),
    save: method<typeof SaveNotebookInput, SavedNotebook>(SaveNotebookInput),
    /** Keeps unsaved edits in a recovery copy under the workspace folder. */
    autosave: method<typeof DocumentInput, RecoveryEntry>(DocumentInput),
    openRecovery: method<typeof RecoveryInput, OpenedNotebook>(RecoveryInput),
    discardRecovery: method<typeof RecoveryInput, { discarded: boolean }>(RecoveryInput),
    /** The user trusts the notebook: it may run unrestricted; the file is signed now if it has no unsaved edits. */
    trust: method<typeof DocumentInput, TrustOutcome>(DocumentInput),
    /** Whether the file changed on disk since it was read or saved. */
    diskStatus: method<typeof HandleInput, { changed: boolean; missing: boolean }>(HandleInput),
    runCell: method<typeof RunCellInput, QueryResult>(RunCellInput),
    fetch: method<typeof FetchCellInput, ResultWindow>(FetchCellInput),
    cancel: method<typeof CancelInput, { outcome: CancelOutcome }>(CancelInput),
    /** Drops the session's views and variables (and an untrusted notebook's copies), for a clean Run all. */
    resetSession: method<typeof HandleInput, { reset: boolean }>(HandleInput),
  },
} as const;
