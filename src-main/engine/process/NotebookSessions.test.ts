import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tableFromIPC } from 'apache-arrow';
import type { QueryId } from '@shared/contract/workbenchContract';
import { WorkbenchError } from '@shared/contract/WorkbenchError';
import { tableToTextRows } from '@shared/domain/arrowCells';
import { DuckDBEngine } from './DuckDBEngine';
import { NotebookSessions } from './NotebookSessions';
import type { NotebookRunParams } from '../engineProtocol';

const root = mkdtempSync(join(tmpdir(), 'iwb-nbsessions-'));
const notebookFolder = join(root, 'notebooks');
const outside = join(root, 'outside');
let engine: DuckDBEngine;
let sessions: NotebookSessions;
let counter = 0;

beforeAll(async () => {
  mkdirSync(notebookFolder);
  mkdirSync(outside);
  writeFileSync(join(outside, 'secret.csv'), 'secret\n42\n');
  writeFileSync(join(notebookFolder, 'local.csv'), '指标,值\n高企,1000\n');
  engine = await DuckDBEngine.open({ workspacePath: join(root, 'workspace.duckdb') });
  await engine.exec("create table observations as select * from (values ('hightech', 2022, 900), ('hightech', 2023, 980)) t(indicator_code, year, value)");
  sessions = new NotebookSessions(engine);
  await sessions.open('trusted', null);
  await sessions.open('other', null);
  await sessions.open('restricted', { allowedDirectories: [notebookFolder + '/'] });
});
afterAll(() => {
  sessions.closeAll();
  engine.close();
  rmSync(root, { recursive: true, force: true });
});

function params(sessionId: string, sql: string, extra: Partial<NotebookRunParams> = {}): NotebookRunParams {
  return { sessionId, queryId: `nb_${++counter}` as QueryId, sql, viewName: null, variables: [], windowRows: 100, snapshotNames: [], ...extra };
}

async function rows(sessionId: string, sql: string, extra: Partial<NotebookRunParams> = {}): Promise<string[][]> {
  const result = await sessions.run(params(sessionId, sql, extra));
  return result.window ? tableToTextRows(tableFromIPC(result.window.arrow)) : [];
}

async function failure(sessionId: string, sql: string, extra: Partial<NotebookRunParams> = {}): Promise<WorkbenchError> {
  try {
    await sessions.run(params(sessionId, sql, extra));
  } catch (error) {
    expect(error).toBeInstanceOf(WorkbenchError);
    return error as WorkbenchError;
  }
  throw new Error(`expected "${sql}" to fail`);
}

describe('trusted notebook sessions', () => {
  it('turns a named cell into a view later cells read, with parameters as variables', async () => {
    const year = { name: '年份', value: 2023, type: 'number' as const };
    expect(await rows('trusted', "select year, value from observations where year = getvariable('年份')", { viewName: 'latest', variables: [year] })).toEqual([['2023', '980']]);
    expect(await rows('trusted', 'select value * 2 as doubled from latest')).toEqual([['1960']]);
    // The view reads the variable when it runs: a new value flows through.
    expect(await rows('trusted', 'select value from latest', { variables: [{ ...year, value: 2022 }] })).toEqual([['900']]);
    expect(await rows('trusted', "select getvariable('d') + 1 as next_day", { variables: [{ name: 'd', value: '2024-02-29', type: 'date' }] })).toEqual([['2024-03-01']]);
  });

  it('keeps views and variables to the session: the console and other notebooks do not see them', async () => {
    await rows('trusted', 'select 1 as one', { viewName: 'only_here', variables: [{ name: 'secret', value: 7, type: 'number' }] });
    expect((await failure('other', 'select * from only_here')).message).toContain('Table with name only_here does not exist');
    expect(await rows('other', "select getvariable('secret') as v")).toEqual([['']]);
    await expect(engine.run({ queryId: 'console1' as QueryId, sql: 'select * from only_here', windowRows: 10 })).rejects.toThrow('only_here does not exist');
  });

  it('reports an error in a named cell at its line in the cell', async () => {
    const error = await failure('trusted', 'select 1 as a;\nselect\n  nosuch\nfrom observations', { viewName: 'broken' });
    expect(error.position).toEqual({ offset: 24, line: 3, column: 3 });
  });

  it('keeps SHOW, DESCRIBE and SUMMARIZE cells, which CREATE TABLE AS cannot wrap', async () => {
    for (const sql of ['show tables', 'describe observations', 'summarize observations']) {
      expect((await rows('trusted', sql)).length, sql).toBeGreaterThan(0);
    }
  });

  it('binds parameters of generated SQL', async () => {
    expect(await rows('trusted', 'select value from observations where year = $year', { params: { year: 2022 } })).toEqual([['900']]);
  });

  it('runs statements that change data and keeps results fetchable', async () => {
    const changed = await sessions.run(params('trusted', "create temp table scratch as select 1 as a; insert into scratch values (2)"));
    expect(changed).toMatchObject({ kind: 'changes', rowsChanged: 1 });
    const result = await sessions.run(params('trusted', 'select * from range(250) t(i)', { windowRows: 10 }));
    expect(result.rowCount).toBe(250);
    const window = await sessions.fetch('trusted', result.resultId!, 240, 100);
    expect(window.rowCount).toBe(10);
    expect(tableToTextRows(tableFromIPC(window.arrow)).at(-1)).toEqual(['249']);
  });
});

describe('restricted notebook sessions (untrusted notebooks)', () => {
  it('reads workspace tables it names, from a copy', async () => {
    expect(await rows('restricted', 'select count(*) as n from observations', { snapshotNames: ['observations'] })).toEqual([['2']]);
    await rows('restricted', 'delete from observations', { snapshotNames: ['observations'] });
    expect((await engine.exec('select count(*) as n from observations')).rows).toEqual([{ n: '2' }]);
  });

  it('reads and writes files in its own folder only', async () => {
    expect(await rows('restricted', `select * from read_csv('${join(notebookFolder, 'local.csv')}')`)).toEqual([['高企', '1000']]);
    await rows('restricted', `copy (select 1 as a) to '${join(notebookFolder, 'out.csv')}'`);
    expect(readFileSync(join(notebookFolder, 'out.csv'), 'utf8')).toBe('a\n1\n');
    const blocked = [
      `select * from read_csv('${join(outside, 'secret.csv')}')`,
      `select * from read_text('${join(notebookFolder, '..', 'outside', 'secret.csv')}')`,
      `copy (select 1) to '${join(outside, 'leak.csv')}'`,
      `attach '${join(root, 'workspace.duckdb')}' as ws`,
      `select * from glob('${outside}/*')`,
    ];
    for (const sql of blocked) expect((await failure('restricted', sql)).message, sql).toMatch(/^Permission Error: Cannot access (file|directory)/);
    expect(existsSync(join(outside, 'leak.csv'))).toBe(false);
  });

  it('cannot install or load extensions, nor unlock its configuration', async () => {
    expect((await failure('restricted', 'install httpfs')).message).toMatch(/^Permission Error/);
    expect((await failure('restricted', 'load httpfs')).message).toBe('Permission Error: Loading external extensions is disabled through configuration');
    for (const sql of ['set enable_external_access = true', "set allowed_directories = ['/']", 'reset lock_configuration']) {
      expect((await failure('restricted', sql)).message, sql).toMatch(/the configuration has been locked/);
    }
  });

  it('while a trusted session can read that same file', async () => {
    expect(await rows('trusted', `select * from read_csv('${join(outside, 'secret.csv')}')`)).toEqual([['42']]);
  });
});

describe('session lifecycle', () => {
  it('interrupts a running cell by its query id', async () => {
    const running = sessions.run(params('other', 'select count(*) from range(1e12::bigint)', { queryId: 'long1' as QueryId }));
    // Interrupt answers true once its session has taken the query up (an interrupt then is repeated until the query stops).
    await expect.poll(() => sessions.interrupt('long1' as QueryId)).toBe(true);
    await expect(running).rejects.toMatchObject({ kind: 'cancelled' });
  });

  it('says a closed session is gone', async () => {
    await sessions.open('short', null);
    expect(await sessions.close('short')).toBe(true);
    expect((await failure('short', 'select 1')).code).toBe('notebook-session-reset');
  });
});
