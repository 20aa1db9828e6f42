import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tableFromIPC } from 'apache-arrow';
import type { QueryId } from '@shared/contract/workbenchContract';
import { WorkbenchError } from '@shared/contract/WorkbenchError';
import { localizedMessage } from '@shared/contract/errorTexts';
import { tableToTextRows } from '@shared/domain/arrowCells';
import type { NotebookDocument, SqlCell } from '@shared/domain/notebook/NotebookDocument';
import { createWorkbench, type Workbench } from '../services/createWorkbench';
import { resolveWorkspace } from '../workspace/workspaceLocation';
import { notebookFolders } from './notebookFolders';
import { NotebookService } from './NotebookService';

// These tests build their own observations/indicators/targets: open workspaces without the bundled datasets.

const root = mkdtempSync(join(tmpdir(), 'iwb-nbservice-'));
const workspace = resolveWorkspace(join(root, 'workspace'));
const samples = join(root, 'samples');
const elsewhere = join(root, 'elsewhere');
const outside = join(root, 'outside');
let workbench: Workbench;
let service: NotebookService;
let counter = 0;

const NOTEBOOK = [
  '---',
  'iwb-notebook: 1',
  'title: 研发投入',
  '---',
  '',
  '```parameter 年份',
  'control: number',
  'value: 2023',
  '```',
  '',
  '```sql latest',
  "select indicator_code, value from observations where year = getvariable('年份')",
  '```',
  '',
].join('\r\n');

beforeAll(async () => {
  for (const folder of [samples, elsewhere, outside]) mkdirSync(folder, { recursive: true });
  writeFileSync(join(samples, 'sample.iwb.md'), NOTEBOOK);
  writeFileSync(join(outside, 'secret.csv'), 'secret\n42\n');
  writeFileSync(join(elsewhere, 'beside.csv'), 'x\n7\n');
  workbench = await createWorkbench({ workspace, host: 'browser', bundledDatasets: false });
  await workbench.service.api.query.run({
    queryId: 'setup' as QueryId,
    sql: "create table observations as select * from (values ('rd_gdp_ratio', 2023, 3.31)) t(indicator_code, year, value)",
    windowRows: 0,
    stream: false,
  });
  service = new NotebookService({
    engine: workbench.engine,
    workspace,
    folders: notebookFolders(workspace, samples),
    keyFile: join(root, 'user-data', 'notebook-signing.key'),
    targetStatus: workbench.services.targetStatus,
  });
});
afterAll(() => {
  workbench?.dispose();
  rmSync(root, { recursive: true, force: true });
});

function write(name: string, text: string | Uint8Array, folder = workspace.directory + '/notebooks'): string {
  mkdirSync(folder, { recursive: true });
  const path = join(folder, name);
  writeFileSync(path, text);
  return path;
}

async function userError(promise: Promise<unknown>): Promise<WorkbenchError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(WorkbenchError);
    return error as WorkbenchError;
  }
  throw new Error('expected a WorkbenchError');
}

function withSql(document: NotebookDocument, sql: string): NotebookDocument {
  return { ...document, cells: document.cells.map((cell) => (cell.kind === 'sql' ? { ...cell, sql } : cell)) };
}

async function runSql(handle: Parameters<NotebookService['runCell']>[0], sql: string): Promise<string[][]> {
  const cell: SqlCell = { kind: 'sql', id: 'c' as SqlCell['id'], name: null, sql, extra: [] };
  const result = await service.runCell(handle, `t${++counter}` as QueryId, cell, [], 100);
  return result.window ? tableToTextRows(tableFromIPC(result.window.arrow)) : [];
}

describe('NotebookService files', () => {
  it('opens a notebook it did not sign as untrusted, and saving it unchanged keeps every byte', async () => {
    const path = write('plain.iwb.md', NOTEBOOK);
    const opened = await service.openFile('plain.iwb.md');
    expect(opened).toMatchObject({ path, name: 'plain.iwb.md', origin: 'file', trusted: false, trustReason: null, dirty: false, problems: [] });
    expect(opened.allowedFolders).toContain(join(workspace.directory, 'notebooks') + '/');
    await service.save(opened.handle, opened.document, null, false);
    expect(readFileSync(path, 'utf8')).toBe(NOTEBOOK);
  });

  it('signs what it saves for a trusted notebook, and trusts it when it is opened again', async () => {
    const created = await service.create('blank');
    expect(created).toMatchObject({ trusted: true, trustReason: 'created', path: null, dirty: true });
    const saved = await service.save(created.handle, created.document, 'mine', false);
    expect(saved.path).toBe(join(workspace.directory, 'notebooks', 'mine.iwb.md'));
    expect(readFileSync(saved.path, 'utf8')).toMatch(/\nsignature: hmac-sha256:[0-9a-f]{64}\n---\n/);
    expect(await service.openFile(saved.path)).toMatchObject({ trusted: true, trustReason: 'signature' });
    // An edit by hand outside the app breaks the signature.
    writeFileSync(saved.path, readFileSync(saved.path, 'utf8').replace('SELECT 42', 'SELECT 43'));
    expect(await service.openFile(saved.path)).toMatchObject({ trusted: false });
  });

  it('detects a file changed on disk before overwriting it', async () => {
    const path = write('shared.iwb.md', NOTEBOOK);
    const opened = await service.openFile(path);
    expect(await service.diskStatus(opened.handle)).toEqual({ changed: false, missing: false });
    writeFileSync(path, NOTEBOOK.replace('研发投入', '同事改过'));
    expect(await service.diskStatus(opened.handle)).toEqual({ changed: true, missing: false });
    const error = await userError(service.save(opened.handle, withSql(opened.document, 'select 2'), null, false));
    expect(error.code).toBe('notebook-changed-on-disk');
    expect(readFileSync(path, 'utf8')).toContain('同事改过');
    await service.save(opened.handle, withSql(opened.document, 'select 2'), null, true);
    expect(readFileSync(path, 'utf8')).toContain('select 2');
  });

  it('refuses to save as over another file unless told to', async () => {
    write('taken.iwb.md', NOTEBOOK);
    const created = await service.create('blank');
    expect((await userError(service.save(created.handle, created.document, 'taken.iwb.md', false))).code).toBe('notebook-exists');
  });

  it('opens samples trusted but read-only, and starts new notebooks from them', async () => {
    const sample = await service.openFile(join(samples, 'sample.iwb.md'));
    expect(sample).toMatchObject({ origin: 'sample', readOnly: true, trusted: true, trustReason: 'sample' });
    expect((await userError(service.save(sample.handle, sample.document, null, false))).code).toBe('notebook-needs-path');
    const copy = await service.create('sample.iwb.md');
    expect(copy).toMatchObject({ origin: 'new', path: null, name: '研发投入.iwb.md', trusted: true });
    expect(copy.document.cells.map((cell) => cell.kind)).toEqual(['parameter', 'sql']);
  });

  it.each([
    ['binary.iwb.md', new Uint8Array([0x2d, 0x2d, 0x2d, 0x0a, 0x00, 0xff]), 'binary.iwb.md: line 2: this is a binary file (a NUL byte at byte 4), not a notebook'],
    ['cut.iwb.md', NOTEBOOK.slice(0, NOTEBOOK.indexOf('where')), 'cut.iwb.md: line 11: the sql cell opened here is never closed with ``` (is the file cut short?)'],
    ['prose.iwb.md', '# 只是一个 Markdown 文件\n', 'prose.iwb.md: line 1: a notebook starts with a `---` line'],
  ])('refuses %s with the line and problem, touching nothing else', async (name, content, message) => {
    const listing = await service.list();
    const error = await userError(service.openFile(write(name, content)));
    expect(error.code).toBe('notebook-format');
    expect(error.message).toContain(message);
    expect(error.position?.line).toBe(Number(/line (\d+)/.exec(message)![1]));
    // The window says it in Chinese: the same file and line, the catalog's text.
    expect(localizedMessage(error, 'zh')).toMatch(new RegExp(`^${name.replace('.', '\\.')}：第 ${error.position?.line} 行：[^a-z]+`));
    const after = await service.list();
    expect(after.recent).toEqual(listing.recent);
    expect(after.recoveries).toEqual(listing.recoveries);
  });

  it('keeps unsaved edits in a recovery copy, offers it when the file is opened, and removes it on save', async () => {
    const path = write('edited.iwb.md', NOTEBOOK);
    const opened = await service.openFile(path);
    await service.trust(opened.handle, opened.document);
    const edited = withSql(opened.document, 'select 99 as 未保存的修改');
    const entry = await service.autosave(opened.handle, edited);
    expect((await service.list()).recoveries.map((item) => item.recoveryId)).toContain(entry.recoveryId);

    const again = await service.openFile(path);
    expect(again.recovery).toMatchObject({ recoveryId: entry.recoveryId, path });
    const restored = await service.openRecovery(entry.recoveryId);
    expect(restored).toMatchObject({ origin: 'recovery', path, dirty: true, trusted: true });
    expect((restored.document.cells[1] as SqlCell).sql).toBe('select 99 as 未保存的修改');
    await service.save(restored.handle, restored.document, null, false);
    expect((await service.list()).recoveries.map((item) => item.recoveryId)).not.toContain(entry.recoveryId);
    expect(readFileSync(path, 'utf8')).toContain('select 99 as 未保存的修改');
  });

  it('lists the notebooks folder, the samples and the recent files', async () => {
    const listing = await service.list();
    expect(listing.notebooksFolder).toBe(join(workspace.directory, 'notebooks'));
    expect(listing.samples).toEqual([expect.objectContaining({ name: 'sample.iwb.md', title: '研发投入' })]);
    expect(listing.workspace.map((entry) => entry.name)).toContain('mine.iwb.md');
    expect(listing.recent[0]).toMatchObject({ exists: true });
  });
});

describe('NotebookService runs', () => {
  it('runs an untrusted notebook restricted to its folder, and unrestricted once trusted', async () => {
    const path = write('stranger.iwb.md', NOTEBOOK, elsewhere);
    const opened = await service.openFile(path);
    expect(opened.trusted).toBe(false);
    expect(opened.allowedFolders).toContain(elsewhere + '/');
    expect(await runSql(opened.handle, 'select count(*) from observations')).toEqual([['1']]);
    expect(await runSql(opened.handle, `select * from read_csv('${join(elsewhere, 'beside.csv')}')`)).toEqual([['7']]);
    const blocked = await userError(runSql(opened.handle, `select * from read_csv('${join(outside, 'secret.csv')}')`));
    expect(blocked.message).toMatch(/^Permission Error: Cannot access file/);
    const copyOut = await userError(runSql(opened.handle, `copy (select 1) to '${join(outside, 'leak.csv')}'`));
    expect(copyOut.message).toMatch(/^Permission Error/);
    expect(existsSync(join(outside, 'leak.csv'))).toBe(false);
    expect((await userError(runSql(opened.handle, 'install httpfs'))).message).toMatch(/^Permission Error/);
    // Nor can it reach the workspace database or the signing key.
    const database = await userError(runSql(opened.handle, `select * from read_text('${workspace.databaseFile}')`));
    expect(database.message).toMatch(/^Permission Error/);

    await service.trust(opened.handle, opened.document);
    expect(await runSql(opened.handle, `select * from read_csv('${join(outside, 'secret.csv')}')`)).toEqual([['42']]);
  });

  it('gives a parameter to the SQL as a variable and a named cell as a view', async () => {
    const opened = await service.openFile(write('params.iwb.md', NOTEBOOK));
    await service.trust(opened.handle, opened.document);
    const cell = opened.document.cells[1] as SqlCell;
    const result = await service.runCell(opened.handle, 'p1' as QueryId, cell, [{ name: '年份', value: 2023, control: 'number' }], 100);
    expect(tableToTextRows(tableFromIPC(result.window!.arrow))).toEqual([['rd_gdp_ratio', '3.31']]);
    expect(await runSql(opened.handle, 'select count(*) from latest')).toEqual([['1']]);
  });

  it.each(['SET threads = 2', "COPY (select 1) TO '/tmp/iwb-never.csv'", "ATTACH ':memory:' AS other"])('refuses the named non-query cell %j with a message, running nothing', async (sql) => {
    const opened = await service.openFile(write('named-set.iwb.md', NOTEBOOK));
    await service.trust(opened.handle, opened.document);
    const cell: SqlCell = { kind: 'sql', id: 'n' as SqlCell['id'], name: 'settings', sql, extra: [] };
    const error = await userError(service.runCell(opened.handle, `n${++counter}` as QueryId, cell, [], 100));
    expect(error).toMatchObject({ kind: 'user', code: 'notebook-view-not-query' });
    expect(error.message).toContain('The cell named "settings" ends with');
    expect(error.position).toBeUndefined();
    expect(existsSync('/tmp/iwb-never.csv')).toBe(false);
  });

  it('says the session is gone after the engine restarts, then works again', async () => {
    const opened = await service.openFile(write('restart.iwb.md', NOTEBOOK));
    await runSql(opened.handle, 'select 1');
    await workbench.engine.restart();
    expect((await userError(runSql(opened.handle, 'select 1'))).code).toBe('notebook-session-reset');
    expect(await runSql(opened.handle, 'select 2')).toEqual([['2']]);
  });
});

describe('NotebookService trust follows exact content', () => {
  const escape = () => `select * from read_csv('${join(outside, 'secret.csv')}')`;

  it('makes a notebook the user trusted untrusted when someone else changes the file and it is reloaded', async () => {
    const path = write('trusted-then-changed.iwb.md', NOTEBOOK, elsewhere);
    const opened = await service.openFile(path);
    await service.trust(opened.handle, opened.document);
    expect(await runSql(opened.handle, escape())).toEqual([['42']]);
    // A colleague in the shared folder rewrites the SQL (no valid signature: they do not have this user's key).
    writeFileSync(path, readFileSync(path, 'utf8').replace(/where year = [^\r\n]*/, `where 1 = 1`));
    expect(await service.diskStatus(opened.handle)).toEqual({ changed: true, missing: false });
    const reloaded = await service.reload(opened.handle);
    expect(reloaded).toMatchObject({ trusted: false, trustReason: null });
    expect(reloaded.allowedFolders).toContain(elsewhere + '/');
    expect((await userError(runSql(opened.handle, escape()))).message).toMatch(/^Permission Error/);
    // Trusting again is the user's decision, and works.
    await service.trust(opened.handle, reloaded.document);
    expect(await runSql(opened.handle, escape())).toEqual([['42']]);
  });

  it('keeps trust given by hand across a reload of exactly the same content', async () => {
    const path = write('trusted-unchanged.iwb.md', NOTEBOOK, elsewhere);
    const opened = await service.openFile(path);
    await service.trust(opened.handle, opened.document);
    const reloaded = await service.reload(opened.handle);
    expect(reloaded.trusted).toBe(true);
    // Same content with other line endings is the same canonical content.
    writeFileSync(path, readFileSync(path, 'utf8').replace(/\r?\n/g, '\n'));
    expect((await service.reload(opened.handle)).trusted).toBe(true);
  });

  it('does not keep trust given by hand to an unsigned copy once its file is edited by another program', async () => {
    const path = write('unsigned-trusted.iwb.md', NOTEBOOK, elsewhere);
    const opened = await service.openFile(path);
    // Trusting an edited document does not sign the file: trust lives only in this session, for that content.
    const edited = withSql(opened.document, 'select 5');
    expect(await service.trust(opened.handle, edited)).toMatchObject({ trusted: true, signed: false });
    writeFileSync(path, NOTEBOOK.replace('研发投入', '别人改过'));
    expect(await service.reload(opened.handle)).toMatchObject({ trusted: false, trustReason: null });
  });

  it('opens a recovery copy untrusted when its file changed on disk after the copy was made', async () => {
    const path = write('recovered-conflict.iwb.md', NOTEBOOK, elsewhere);
    const opened = await service.openFile(path);
    await service.trust(opened.handle, opened.document);
    const entry = await service.autosave(opened.handle, withSql(opened.document, 'select 77'));
    expect(await service.openRecovery(entry.recoveryId)).toMatchObject({ trusted: true });
    writeFileSync(path, readFileSync(path, 'utf8').replace('研发投入', '别人改过'));
    const restored = await service.openRecovery(entry.recoveryId);
    expect(restored).toMatchObject({ origin: 'recovery', trusted: false, trustReason: null });
    expect((await userError(runSql(restored.handle, escape()))).message).toMatch(/^Permission Error/);
    // Saving over the changed file is a conflict, as for any other edit.
    expect((await userError(service.save(restored.handle, restored.document, null, false))).code).toBe('notebook-changed-on-disk');
    await service.discardRecovery(entry.recoveryId);
  });

  it('opens a recovery copy edited by another program untrusted', async () => {
    const path = write('recovered-edited.iwb.md', NOTEBOOK, elsewhere);
    const opened = await service.openFile(path);
    await service.trust(opened.handle, opened.document);
    const entry = await service.autosave(opened.handle, withSql(opened.document, 'select 78'));
    const recoveryFile = join(workspace.directory, 'notebook-recovery', `${entry.recoveryId}.json`);
    writeFileSync(recoveryFile, readFileSync(recoveryFile, 'utf8').replace('select 78', 'select 79'));
    expect(await service.openRecovery(entry.recoveryId)).toMatchObject({ trusted: false });
    await service.discardRecovery(entry.recoveryId);
  });
});

describe('the workspace folder', () => {
  it('holds no stray temporary files after all those saves', () => {
    expect(readdirSync(join(workspace.directory, 'notebooks')).filter((name) => name.endsWith('.tmp'))).toEqual([]);
  });
});
