import {
  NOTEBOOK_FORMAT_VERSION,
  type CellId,
  type JsonValue,
  type NotebookCell,
  type NotebookDocument,
} from './NotebookDocument';
import { decodeCell, encodeCell, fenceFor, infoText } from './cellCodec';
import { fieldLine, jsonEqual } from './fieldValue';
import { migrateNotebook, notebookMigrations, oldestReadableVersion, type MigratableNotebook, type NotebookMigration } from './notebookMigrations';
import { NotebookFormatError, problem } from './notebookProblem';
import { parseNotebookSource, type NotebookSource, type SourceBlock } from './notebookSource';

/**
 * Reading and writing notebook files (format described in
 * docs/notebook-format.md).
 *
 * Invariant: `serializeNotebook(parseNotebook(text).document, text) === text`
 * for every text that parses. Unchanged parts are written back from the
 * original text (the `base`), so line endings, a missing final newline, a
 * byte-order mark, spacing and quoting choices all survive; only the parts
 * that changed are written in canonical form.
 */

export const VERSION_KEY = 'iwb-notebook';
const TITLE_KEY = 'title';
const SIGNATURE_KEY = 'signature';

export interface ParsedNotebook {
  document: NotebookDocument;
  /** 1-based line of each cell's opening fence, parallel to `document.cells`. */
  cellLines: number[];
  /** The version the file was written in, when it was older and has been migrated. */
  migratedFrom: number | null;
  migrations: string[];
}

function readVersion(source: NotebookSource, oldest: number): number {
  const field = source.header.fields.find((candidate) => candidate.key === VERSION_KEY);
  if (!field) {
    throw new NotebookFormatError(problem('error', 1, 'no-version', { key: VERSION_KEY }));
  }
  if (typeof field.value !== 'number' || !Number.isInteger(field.value) || field.value < 0) {
    throw new NotebookFormatError(problem('error', field.line, 'bad-version', { key: VERSION_KEY, current: NOTEBOOK_FORMAT_VERSION }));
  }
  if (field.value < oldest) {
    throw new NotebookFormatError(problem('error', field.line, 'too-old', { version: field.value, oldest }));
  }
  return field.value;
}

function documentFrom(header: readonly (readonly [string, JsonValue])[], cells: NotebookCell[], version: number): NotebookDocument {
  const lookup = new Map(header);
  const title = lookup.get(TITLE_KEY);
  const signature = lookup.get(SIGNATURE_KEY);
  return {
    formatVersion: version,
    title: typeof title === 'string' ? title : null,
    signature: typeof signature === 'string' ? signature : null,
    headerExtra: header
      .filter(([key, value]) => key !== VERSION_KEY && !(key === TITLE_KEY && typeof value === 'string') && !(key === SIGNATURE_KEY && typeof value === 'string'))
      .map(([key, value]) => [key, value] as const),
    cells,
  };
}

function cellIds(count: number, prefix: string): CellId[] {
  return Array.from({ length: count }, (_unused, index) => `${prefix}${index + 1}` as CellId);
}

/**
 * Parses notebook text (migrating an older version). Throws
 * NotebookFormatError with the line for text that is not a notebook; cells
 * that do not decode come back as raw cells carrying their problem.
 */
/** More cells than anyone writes by hand, few enough that checking and running stay quick. */
export const MAX_NOTEBOOK_CELLS = 2000;

export function parseNotebook(
  text: string,
  options: { idPrefix?: string; migrations?: readonly NotebookMigration[]; currentVersion?: number } = {},
): ParsedNotebook {
  const migrations = options.migrations ?? notebookMigrations;
  const current = options.currentVersion ?? NOTEBOOK_FORMAT_VERSION;
  const source = parseNotebookSource(text);
  if (source.blocks.length > MAX_NOTEBOOK_CELLS) {
    // Untrusted input: a notebook of a hundred thousand cells would take minutes to check and run.
    const first = source.blocks[MAX_NOTEBOOK_CELLS]!;
    throw new NotebookFormatError(
      problem('error', first.line, 'too-many-cells', { count: source.blocks.length, limit: MAX_NOTEBOOK_CELLS, next: MAX_NOTEBOOK_CELLS + 1 }),
    );
  }
  const version = readVersion(source, oldestReadableVersion(current, migrations));
  const ids = cellIds(source.blocks.length, options.idPrefix ?? 'c');
  if (version < current) {
    const { notebook, applied } = migrateNotebook(toMigratable(source), version, current, migrations);
    const cells = notebook.blocks.map((block, index) =>
      decodeCell(
        { infoText: infoText(block.type, block.name, block.extra), info: { type: block.type, name: block.name, extra: block.extra }, bodyLines: block.bodyLines, line: source.blocks[index]?.line ?? 1, raw: '', terminator: '' },
        ids[index] ?? (`${options.idPrefix ?? 'c'}m${index + 1}` as CellId),
      ),
    );
    return {
      document: documentFrom(notebook.header, cells, current),
      cellLines: notebook.blocks.map((_block, index) => source.blocks[index]?.line ?? 1),
      migratedFrom: version,
      migrations: applied.map((step) => step.description),
    };
  }
  const cells = source.blocks.map((block, index) => decodeCell(block, ids[index]!));
  return {
    document: documentFrom(
      source.header.fields.map((field) => [field.key, field.value] as const),
      cells,
      version,
    ),
    cellLines: source.blocks.map((block) => block.line),
    migratedFrom: null,
    migrations: [],
  };
}

function toMigratable(source: NotebookSource): MigratableNotebook {
  return {
    header: source.header.fields.map((field) => [field.key, field.value]),
    blocks: source.blocks.map((block) => ({
      type: block.info.type,
      name: block.info.name,
      extra: block.info.extra.map(([key, value]) => [key, value]),
      bodyLines: [...block.bodyLines],
    })),
  };
}

/** Header fields in canonical order: version, title, unknown fields as found, signature last. */
function headerFields(document: NotebookDocument, withSignature: boolean): [string, JsonValue][] {
  const fields: [string, JsonValue][] = [[VERSION_KEY, document.formatVersion]];
  if (document.title !== null) fields.push([TITLE_KEY, document.title]);
  for (const [key, value] of document.headerExtra) fields.push([key, value]);
  if (withSignature && document.signature !== null) fields.push([SIGNATURE_KEY, document.signature]);
  return fields;
}

/** A cell's block with LF line endings, fences included, no blank line before it. */
function canonicalBlock(cell: NotebookCell): string {
  const { info, bodyLines } = encodeCell(cell);
  const fence = fenceFor(bodyLines);
  return [`${fence}${info}`, ...bodyLines, fence].join('\n');
}

interface Base {
  source: NotebookSource;
  keys: string[];
}

function readBase(baseText: string): Base | null {
  try {
    const source = parseNotebookSource(baseText);
    const keys = source.blocks.map((block: SourceBlock, index) => canonicalBlock(decodeCell(block, `base${index}` as CellId)));
    return { source, keys };
  } catch (error) {
    if (error instanceof NotebookFormatError) return null;
    throw error;
  }
}

function withLineEnding(text: string, lineEnding: string): string {
  return lineEnding === '\n' ? text : text.replaceAll('\n', lineEnding);
}

function headerText(fields: [string, JsonValue][], base: Base | null, lineEnding: string): { text: string; terminator: string } {
  if (!base) return { text: ['---', ...fields.map(([key, value]) => fieldLine(key, value)), '---'].join(lineEnding), terminator: lineEnding };
  const baseFields = base.source.header.fields;
  const wanted = new Map(fields);
  const ordered: [string, JsonValue][] = [
    ...baseFields.filter((field) => wanted.has(field.key)).map((field) => [field.key, wanted.get(field.key)!] as [string, JsonValue]),
    ...fields.filter(([key]) => !baseFields.some((field) => field.key === key)),
  ];
  const lines = ordered.map(([key, value]) => {
    const previous = baseFields.find((field) => field.key === key);
    return previous && jsonEqual(previous.value, value) ? previous.raw : fieldLine(key, value);
  });
  const unchanged = lines.length === baseFields.length && lines.every((line, index) => line === baseFields[index]!.raw);
  const terminator = base.source.header.terminator || lineEnding;
  if (unchanged) return { text: base.source.header.raw, terminator };
  return { text: ['---', ...lines, '---'].join(lineEnding), terminator };
}

/**
 * Writes a notebook. With `baseText` (the file as it was read or last
 * saved), every unchanged part is copied from it; without, the canonical
 * form is written (LF, final newline, one blank line between cells).
 */
export function serializeNotebook(document: NotebookDocument, baseText?: string | null): string {
  return serialize(document, baseText ? readBase(baseText) : null, true);
}

/**
 * The text a signature covers: the canonical form without the signature
 * line. Line endings, spacing and quoting do not change it, so a notebook
 * stays trusted when git converts it to CRLF.
 */
export function canonicalNotebookText(document: NotebookDocument): string {
  return serialize(document, null, false);
}

function serialize(document: NotebookDocument, base: Base | null, withSignature: boolean): string {
  const lineEnding = base?.source.lineEnding ?? '\n';
  const header = headerText(headerFields(document, withSignature), base, lineEnding);
  const parts: string[] = [base?.source.bom ? '\uFEFF' : '', header.text];
  let pendingTerminator = header.terminator;

  const unused = new Map<string, number[]>();
  base?.keys.forEach((key, index) => {
    const list = unused.get(key);
    if (list) list.push(index);
    else unused.set(key, [index]);
  });

  for (const cell of document.cells) {
    const key = canonicalBlock(cell);
    const candidates = unused.get(key);
    const baseIndex = candidates?.shift();
    parts.push(pendingTerminator || lineEnding);
    if (base && baseIndex !== undefined) {
      const block = base.source.blocks[baseIndex]!;
      parts.push(block.raw);
      pendingTerminator = block.terminator;
    } else {
      parts.push(lineEnding, withLineEnding(key, lineEnding));
      pendingTerminator = lineEnding;
    }
  }

  if (base) {
    const lastBlock = base.source.blocks[base.source.blocks.length - 1];
    const baseEndsBare = (lastBlock ? lastBlock.terminator : base.source.header.terminator) === '' && base.source.tail === '';
    if (!baseEndsBare) parts.push(pendingTerminator || lineEnding);
    parts.push(base.source.tail);
  } else {
    parts.push(pendingTerminator);
  }
  return parts.join('');
}
