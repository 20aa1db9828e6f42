import { createHash, randomBytes } from 'node:crypto';
import { mkdir, readFile, stat } from 'node:fs/promises';
import { basename, dirname, isAbsolute, join, resolve } from 'node:path';
import type {
  NotebookHandle,
  NotebookListing,
  NotebookOrigin,
  NotebookParameter,
  OpenedNotebook,
  RecoveryEntry,
  SavedNotebook,
  TrustOutcome,
  TrustReason,
} from '@shared/contract/services/notebookContract';
import type { QueryId, QueryResult, ResultId, ResultWindow } from '@shared/contract/workbenchContract';
import { WorkbenchError } from '@shared/contract/WorkbenchError';
import {
  emptyNotebook,
  isValidName,
  newCellId,
  NOTEBOOK_EXTENSION,
  type NotebookDocument,
  type SqlCell,
  type TargetCell,
} from '@shared/domain/notebook/NotebookDocument';
import { checkNotebook } from '@shared/domain/notebook/notebookCheck';
import { NotebookFormatError, describeProblemBilingual } from '@shared/domain/notebook/notebookProblem';
import { decodeNotebookBytes } from '@shared/domain/notebook/notebookSource';
import { canonicalNotebookText, parseNotebook, serializeNotebook, type ParsedNotebook } from '@shared/domain/notebook/notebookText';
import { sqlReferences } from '@shared/domain/notebook/sqlReferences';
import { targetSummarySql } from '@shared/domain/notebook/targetSummarySql';
import { loadTargetCard } from './targetProjectionFacts';
import type { TargetEvaluation } from '../targets/targetEvaluation';
import { readsTargetStatus } from '../targets/targetStatusTable';
import type { EngineClient } from '../engine/EngineClient';
import type { NotebookVariable } from '../engine/engineProtocol';
import type { WorkspaceLocation } from '../workspace/workspaceLocation';
import { atomicWriteFile } from './atomicWriteFile';
import { isInside, restrictedFolders, type NotebookFolders } from './notebookFolders';
import { loadSigningKey, signatureIsValid, signNotebook } from './notebookSigning';
import { localizedError } from '@shared/contract/errorTexts';
import { discardRecovery, readRecovery, recoveryEntries, recoveryFor, writeRecovery } from './notebookRecovery';
import { listNotebooks, rememberRecent } from './notebookListing';

/** An open notebook as the main side keeps it. Everything here is a cache of files, except trust given in this session. */
interface OpenNotebook {
  handle: NotebookHandle;
  path: string | null;
  name: string;
  origin: NotebookOrigin;
  readOnly: boolean;
  /** The file's text as read or last saved: unchanged parts are written back from it byte for byte. */
  baseText: string | null;
  /** SHA-256 of the file's bytes as read or last saved, to notice someone else's changes. */
  baseHash: string | null;
  trusted: boolean;
  trustReason: TrustReason | null;
  /** SHA-256 of the canonical text the user trusted: trust given by hand covers that exact content and nothing else. */
  trustedContent: string | null;
  recoveryId: string;
  sessionId: string | null;
  /** The engine's restart count when the session was made: a restart loses the session. */
  sessionEpoch: number;
}

export interface NotebookServiceOptions {
  engine: Pick<EngineClient, 'call' | 'cancel' | 'restarts'>;
  workspace: WorkspaceLocation;
  folders: NotebookFolders;
  /** The user's signing key file (outside every workspace). */
  keyFile: string;
  /** Refreshes `target_status` before a cell that reads it. */
  targetStatus: Pick<TargetEvaluation, 'refresh'>;
}

const MAX_OPEN = 64;
const MAX_FILE_BYTES = 16 * 1024 * 1024;

function sha256(bytes: Uint8Array | string): string {
  return createHash('sha256').update(bytes).digest('hex');
}

function contentHash(document: NotebookDocument): string {
  return sha256(canonicalNotebookText(document));
}

function fileName(path: string): string {
  return basename(path);
}

/** A title for the file name of a notebook without one: letters, digits, CJK, _ and -. */
function suggestedFileName(title: string | null): string {
  const stem = (title ?? '').replace(/[\\/:*?"<>|\s]+/g, '_').replace(/^_+|_+$/g, '').slice(0, 60);
  return `${stem || '未命名笔记本'}${NOTEBOOK_EXTENSION}`;
}

/**
 * Notebook files and sessions for the renderer and the CLI: open (with
 * trust from the signature), save atomically with conflict detection,
 * autosave recovery copies, the recent list, and running cells on the
 * notebook's own engine session (restricted while untrusted).
 */
export class NotebookService {
  private readonly open = new Map<NotebookHandle, OpenNotebook>();
  private key: Buffer | null = null;

  constructor(private readonly options: NotebookServiceOptions) {}

  private get folders(): NotebookFolders {
    return this.options.folders;
  }

  private async signingKey(): Promise<Buffer> {
    this.key ??= await loadSigningKey(this.options.keyFile);
    return this.key;
  }

  private notebook(handle: NotebookHandle): OpenNotebook {
    const open = this.open.get(handle);
    if (!open) throw localizedError('notebook-not-open');
    return open;
  }

  private register(entry: Omit<OpenNotebook, 'handle' | 'sessionId' | 'sessionEpoch' | 'trustedContent'>): OpenNotebook {
    const handle = `nb_${randomBytes(9).toString('base64url')}` as NotebookHandle;
    const open: OpenNotebook = { ...entry, handle, trustedContent: null, sessionId: null, sessionEpoch: -1 };
    this.open.set(handle, open);
    // A browser tab that went away never says goodbye: forget the oldest beyond a bound.
    while (this.open.size > MAX_OPEN) {
      const oldest = this.open.keys().next().value as NotebookHandle;
      void this.close(oldest);
    }
    return open;
  }

  /** Absolute path for what the user typed: absolute as given, else a file in the notebooks folder. */
  resolvePath(path: string): string {
    const absolute = isAbsolute(path) ? resolve(path) : resolve(this.folders.notebooks, path);
    return absolute;
  }

  private isSample(path: string): boolean {
    return this.folders.samples !== null && isInside(path, this.folders.samples);
  }

  private recoveryIdFor(path: string | null): string {
    return path === null ? `u${randomBytes(8).toString('hex')}` : `f${sha256(resolve(path)).slice(0, 24)}`;
  }

  // ---- reading ----

  /** Parses notebook bytes; a file that is not a notebook becomes a user error naming the file and the line. */
  parseBytes(bytes: Uint8Array, name: string): { text: string; parsed: ParsedNotebook } {
    try {
      const text = decodeNotebookBytes(bytes);
      return { text, parsed: parseNotebook(text) };
    } catch (error) {
      if (!(error instanceof NotebookFormatError)) throw error;
      const { line } = error.problem;
      const refused = localizedError('notebook-trust-format', { file: name, problem: describeProblemBilingual(error.problem) }, undefined, 'notebook-format');
      throw new WorkbenchError({ ...refused.toEnvelope(), ...(line === null ? {} : { position: { offset: 0, line, column: 1 } }) });
    }
  }

  private async readFileBytes(path: string): Promise<Uint8Array> {
    let info;
    try {
      info = await stat(path);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw localizedError('notebook-missing', { path });
      throw error;
    }
    if (!info.isFile()) throw localizedError('notebook-is-folder', { path }, undefined, 'notebook-missing');
    if (info.size > MAX_FILE_BYTES) throw localizedError('notebook-too-large', { name: fileName(path), bytes: info.size }, undefined, 'notebook-format');
    return new Uint8Array(await readFile(path));
  }

  private async opened(open: OpenNotebook, parsed: ParsedNotebook, dirty: boolean): Promise<OpenedNotebook> {
    return {
      handle: open.handle,
      path: open.path,
      name: open.name,
      origin: open.origin,
      readOnly: open.readOnly,
      document: parsed.document,
      cellLines: parsed.cellLines,
      problems: checkNotebook(parsed),
      migratedFrom: parsed.migratedFrom,
      migrations: parsed.migrations,
      trusted: open.trusted,
      trustReason: open.trustReason,
      allowedFolders: this.allowedFolders(open),
      recovery: open.path !== null && open.origin !== 'recovery' ? await recoveryFor(this.folders.recovery, open.recoveryId) : null,
      dirty: dirty || parsed.migratedFrom !== null,
    };
  }

  async openFile(path: string): Promise<OpenedNotebook> {
    const absolute = this.resolvePath(path);
    const bytes = await this.readFileBytes(absolute);
    const { text, parsed } = this.parseBytes(bytes, fileName(absolute));
    const sample = this.isSample(absolute);
    const signed = signatureIsValid(parsed.document, await this.signingKey());
    const open = this.register({
      path: absolute,
      name: fileName(absolute),
      origin: sample ? 'sample' : 'file',
      readOnly: sample,
      baseText: text,
      baseHash: sha256(bytes),
      trusted: sample || signed,
      trustReason: sample ? 'sample' : signed ? 'signature' : null,
      recoveryId: this.recoveryIdFor(absolute),
    });
    if (!sample) await this.remember(absolute, parsed.document.title);
    return this.opened(open, parsed, false);
  }

  async openBytes(name: string, bytes: Uint8Array): Promise<OpenedNotebook> {
    const { text, parsed } = this.parseBytes(bytes, name);
    const signed = signatureIsValid(parsed.document, await this.signingKey());
    const open = this.register({
      path: null,
      name: name.endsWith(NOTEBOOK_EXTENSION) ? name : suggestedFileName(parsed.document.title),
      origin: 'upload',
      readOnly: false,
      baseText: text,
      baseHash: null,
      trusted: signed,
      trustReason: signed ? 'signature' : null,
      recoveryId: this.recoveryIdFor(null),
    });
    return this.opened(open, parsed, false);
  }

  async create(template: string): Promise<OpenedNotebook> {
    let document: NotebookDocument;
    if (template === 'blank') {
      document = {
        ...emptyNotebook('未命名笔记本'),
        cells: [
          { kind: 'markdown', id: newCellId(), text: '# 未命名笔记本\n在这里写分析说明。', extra: [] },
          { kind: 'sql', id: newCellId(), name: null, sql: 'SELECT 42 AS answer', extra: [] },
        ],
      };
    } else {
      const samples = this.folders.samples;
      const path = samples === null ? null : join(samples, basename(template));
      if (path === null || basename(template) !== template) throw localizedError('notebook-no-sample', { name: template }, undefined, 'notebook-missing');
      const { parsed } = this.parseBytes(await this.readFileBytes(path), template);
      document = { ...parsed.document, signature: null };
    }
    const parsed: ParsedNotebook = { document, cellLines: document.cells.map(() => 0), migratedFrom: null, migrations: [] };
    const open = this.register({
      path: null,
      name: suggestedFileName(document.title),
      origin: 'new',
      readOnly: false,
      baseText: null,
      baseHash: null,
      trusted: true,
      trustReason: 'created',
      recoveryId: this.recoveryIdFor(null),
    });
    return this.opened(open, parsed, true);
  }

  async reload(handle: NotebookHandle): Promise<OpenedNotebook> {
    const open = this.notebook(handle);
    if (open.path === null) throw localizedError('notebook-no-file', {}, undefined, 'notebook-missing');
    await this.closeSession(open);
    const bytes = await this.readFileBytes(open.path);
    const { text, parsed } = this.parseBytes(bytes, open.name);
    const signed = signatureIsValid(parsed.document, await this.signingKey());
    open.baseText = text;
    open.baseHash = sha256(bytes);
    if (!open.readOnly) {
      // Trust is a property of exact content: what someone else wrote to the file is not what the user trusted.
      const sameAsTrusted = open.trustReason === 'user' && open.trustedContent === contentHash(parsed.document);
      open.trusted = signed || sameAsTrusted;
      open.trustReason = signed ? 'signature' : sameAsTrusted ? 'user' : null;
      if (!open.trusted) open.trustedContent = null;
    }
    return this.opened(open, parsed, false);
  }

  async close(handle: NotebookHandle): Promise<boolean> {
    const open = this.open.get(handle);
    if (!open) return false;
    this.open.delete(handle);
    await this.closeSession(open).catch(() => undefined);
    return true;
  }

  // ---- writing ----

  private async signed(document: NotebookDocument, trusted: boolean): Promise<NotebookDocument> {
    // Only notebooks the user trusts are signed: saving someone else's notebook does not vouch for it.
    return trusted ? { ...document, signature: signNotebook(document, await this.signingKey()) } : document;
  }

  private async currentHash(path: string): Promise<string | null> {
    try {
      return sha256(await readFile(path));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw error;
    }
  }

  async save(handle: NotebookHandle, document: NotebookDocument, saveAs: string | null, overwrite: boolean): Promise<SavedNotebook> {
    const open = this.notebook(handle);
    let target = saveAs === null ? open.path : this.resolvePath(saveAs);
    if (target === null || (saveAs === null && open.readOnly)) {
      throw localizedError('notebook-needs-name', {}, undefined, 'notebook-needs-path');
    }
    if (!target.endsWith(NOTEBOOK_EXTENSION)) target += NOTEBOOK_EXTENSION;
    if (this.isSample(target)) throw localizedError('notebook-sample-readonly', {}, undefined, 'notebook-needs-path');
    const current = await this.currentHash(target);
    if (!overwrite && current !== null) {
      if (target !== open.path) {
        throw localizedError('notebook-exists', { file: fileName(target) }, target);
      }
      if (open.baseHash !== null && current !== open.baseHash) {
        throw localizedError('notebook-changed-on-disk', { file: fileName(target) }, target);
      }
    }
    const written = await this.signed(document, open.trusted);
    const text = serializeNotebook(written, open.baseText);
    await mkdir(dirname(target), { recursive: true });
    await atomicWriteFile(target, text);
    const oldRecovery = open.recoveryId;
    Object.assign(open, {
      path: target,
      name: fileName(target),
      origin: 'file' as const,
      readOnly: false,
      baseText: text,
      baseHash: sha256(text),
      recoveryId: this.recoveryIdFor(target),
    });
    await this.discardRecovery(oldRecovery);
    if (open.recoveryId !== oldRecovery) await this.discardRecovery(open.recoveryId);
    await this.remember(target, written.title);
    return { path: target, name: open.name, document: written, trusted: open.trusted };
  }

  async trust(handle: NotebookHandle, document: NotebookDocument): Promise<TrustOutcome> {
    const open = this.notebook(handle);
    open.trusted = true;
    open.trustReason = 'user';
    open.trustedContent = contentHash(document);
    // The restricted session cannot be widened: the next run gets a new, unrestricted one.
    await this.closeSession(open);
    const unsaved = open.baseText === null || canonicalNotebookText(parseNotebook(open.baseText).document) !== canonicalNotebookText(document);
    if (open.path === null || open.readOnly || unsaved || (await this.currentHash(open.path)) !== open.baseHash) {
      return { trusted: true, signed: false, document };
    }
    const saved = await this.save(handle, document, null, false);
    return { trusted: true, signed: true, document: saved.document };
  }

  async diskStatus(handle: NotebookHandle): Promise<{ changed: boolean; missing: boolean }> {
    const open = this.notebook(handle);
    if (open.path === null || open.baseHash === null) return { changed: false, missing: false };
    const current = await this.currentHash(open.path);
    return { changed: current !== null && current !== open.baseHash, missing: current === null };
  }

  // ---- recovery (notebookRecovery.ts) and listing (notebookListing.ts) ----

  async autosave(handle: NotebookHandle, document: NotebookDocument): Promise<RecoveryEntry> {
    const open = this.notebook(handle);
    const written = await this.signed(document, open.trusted);
    return writeRecovery(this.folders.recovery, {
      version: 1,
      recoveryId: open.recoveryId,
      path: open.path,
      title: document.title,
      baseHash: open.baseHash,
      savedAt: Date.now(),
      text: serializeNotebook(written, open.baseText),
    });
  }

  async openRecovery(recoveryId: string): Promise<OpenedNotebook> {
    const entry = await readRecovery(this.folders.recovery, recoveryId);
    if (!entry) throw localizedError('notebook-recovery-gone', {}, undefined, 'notebook-missing');
    const { parsed } = this.parseBytes(new TextEncoder().encode(entry.text), entry.path ? fileName(entry.path) : 'recovery');
    const sample = entry.path !== null && this.isSample(entry.path);
    let baseText: string | null = null;
    if (entry.path !== null) baseText = await readFile(entry.path, 'utf8').catch(() => null);
    // The copy vouches only for the edits made on the version of the file it was taken from: a file changed since needs trusting again.
    const fileUnchanged = entry.path === null || (await this.currentHash(entry.path)) === entry.baseHash;
    const signed = fileUnchanged && signatureIsValid(parsed.document, await this.signingKey());
    const open = this.register({
      path: entry.path,
      name: entry.path ? fileName(entry.path) : suggestedFileName(entry.title),
      origin: 'recovery',
      readOnly: sample,
      baseText,
      // The edits were made on this version of the file: a file changed since then is a conflict at save.
      baseHash: entry.baseHash,
      trusted: sample || signed,
      trustReason: sample ? 'sample' : signed ? 'signature' : null,
      recoveryId: entry.recoveryId,
    });
    return this.opened(open, parsed, true);
  }

  async discardRecovery(recoveryId: string): Promise<boolean> {
    return discardRecovery(this.folders.recovery, recoveryId);
  }

  private async remember(path: string, title: string | null): Promise<void> {
    await rememberRecent(this.folders.recentFile, path, title);
  }

  async list(): Promise<NotebookListing> {
    return listNotebooks(this.folders, await recoveryEntries(this.folders.recovery));
  }

  // ---- running ----

  private async session(open: OpenNotebook): Promise<string> {
    const engine = this.options.engine;
    if (open.sessionId !== null && open.sessionEpoch === engine.restarts) return open.sessionId;
    const lost = open.sessionId !== null;
    open.sessionId = null;
    const sessionId = `s_${randomBytes(8).toString('hex')}`;
    const allowed = this.allowedFolders(open);
    const restrictions = allowed === null ? null : { allowedDirectories: allowed };
    const epoch = engine.restarts;
    await engine.call('notebookOpen', { sessionId, restrictions });
    open.sessionId = sessionId;
    open.sessionEpoch = epoch;
    if (lost) {
      throw localizedError('notebook-session-reset');
    }
    return sessionId;
  }

  private async closeSession(open: OpenNotebook): Promise<void> {
    const sessionId = open.sessionId;
    open.sessionId = null;
    if (sessionId !== null && open.sessionEpoch === this.options.engine.restarts) {
      await this.options.engine.call('notebookClose', { sessionId });
    }
  }

  async resetSession(handle: NotebookHandle): Promise<boolean> {
    const open = this.notebook(handle);
    const had = open.sessionId !== null;
    await this.closeSession(open);
    return had;
  }

  /** While untrusted, the folders its SQL may use. */
  private allowedFolders(open: OpenNotebook): string[] | null {
    return open.trusted ? null : restrictedFolders(open.path, this.options.workspace, this.folders, [this.options.keyFile, dirname(this.options.keyFile)]);
  }

  async runCell(handle: NotebookHandle, queryId: QueryId, cell: SqlCell | TargetCell, parameters: NotebookParameter[], windowRows: number): Promise<QueryResult> {
    const open = this.notebook(handle);
    if (cell.name !== null && !isValidName(cell.name)) {
      throw localizedError('notebook-name', { name: cell.name });
    }
    const sessionId = await this.session(open);
    const variables: NotebookVariable[] = parameters.map((parameter) => ({
      name: parameter.name,
      value: parameter.value,
      type: parameter.control === 'date' ? 'date' : typeof parameter.value === 'number' ? 'number' : 'text',
    }));
    const exec = async (sql: string, params?: Record<string, string | number | boolean | null>) => this.options.engine.call('exec', params ? { sql, params } : { sql });
    const card = cell.kind === 'target' ? await loadTargetCard(exec, cell.targetId, cell.method) : null;
    if (cell.kind === 'target' && card === null) throw localizedError('notebook-target-missing', { targetId: cell.targetId });
    if (cell.kind === 'sql' && readsTargetStatus(cell.sql)) await this.options.targetStatus.refresh();
    const request =
      cell.kind === 'sql'
        ? { sql: cell.sql, snapshotNames: [...sqlReferences(cell.sql).identifiers] }
        : { sql: targetSummarySql(cell.targetId, cell.method, card?.facts ?? null, card?.projection ?? null), snapshotNames: ['targets', 'sources'] };
    try {
      return await this.options.engine.call('notebookRun', { sessionId, queryId, viewName: cell.name, variables, windowRows, ...request });
    } catch (error) {
      if (error instanceof WorkbenchError && (error.code === 'notebook-session-reset' || error.code === 'engine-exited')) open.sessionId = null;
      throw error;
    }
  }

  async fetch(handle: NotebookHandle, resultId: ResultId, offset: number, limit: number): Promise<ResultWindow> {
    const open = this.notebook(handle);
    if (open.sessionId === null) throw localizedError('notebook-result-expired', {}, undefined, 'result-expired');
    return this.options.engine.call('notebookFetch', { sessionId: open.sessionId, resultId, offset, limit });
  }
}
