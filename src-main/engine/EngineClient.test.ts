import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { tableFromIPC } from 'apache-arrow';
import type { QueryId } from '@shared/contract/workbenchContract';
import { EngineClient } from './EngineClient';
import { engineEntryPoint } from './engineEntryPoint';
import { nodeEngineLauncher } from './nodeEngineLauncher';

const directories: string[] = [];
const clients: EngineClient[] = [];

function newClient(options: { interruptGraceMs?: number } = {}): EngineClient {
  const directory = mkdtempSync(join(tmpdir(), 'iwb-engine-'));
  directories.push(directory);
  const { entry, execArgv } = engineEntryPoint();
  const client = new EngineClient(nodeEngineLauncher(entry, execArgv), {
    workspacePath: join(directory, 'workspace.duckdb'),
    ...options,
  });
  clients.push(client);
  return client;
}

afterEach(() => {
  for (const client of clients.splice(0)) client.dispose();
  for (const directory of directories.splice(0)) rmSync(directory, { recursive: true, force: true });
});

let queryCounter = 0;
const nextQueryId = () => `q_${++queryCounter}` as QueryId;

/** Resolves when the engine reports progress for the query: it is running in DuckDB, so a Cancel now has something to stop. */
function runningReported(client: EngineClient, queryId: QueryId): Promise<void> {
  return new Promise((resolve) => {
    const stop = client.onDidReportProgress((report) => {
      if (report.queryId !== queryId) return;
      stop();
      resolve();
    });
  });
}

describe('EngineClient with a real engine process', () => {
  it('runs a query in the child process and returns Arrow bytes', async () => {
    const client = newClient();
    const result = await client.call('run', { queryId: nextQueryId(), sql: "select '慈溪市' as region, 817.5 as value", windowRows: 10 });
    const table = tableFromIPC(result.window!.arrow);
    expect(table.getChild('region')?.get(0)).toBe('慈溪市');
    expect(client.pid).toBeGreaterThan(0);
    expect(client.pid).not.toBe(process.pid);
  });

  it('receives a large window as one message per Arrow part ahead of the reply, and puts the parts back in it', async () => {
    const directory = mkdtempSync(join(tmpdir(), 'iwb-engine-'));
    directories.push(directory);
    const { entry, execArgv } = engineEntryPoint();
    const launch = nodeEngineLauncher(entry, execArgv);
    const seen: string[] = [];
    const client = new EngineClient(
      () => {
        const handle = launch();
        return { ...handle, pid: handle.pid, onMessage: (listener) => handle.onMessage((message) => listener((seen.push(message.type), message))) };
      },
      { workspacePath: join(directory, 'workspace.duckdb') },
    );
    clients.push(client);
    await client.start();
    seen.length = 0;
    const result = await client.call('run', { queryId: nextQueryId(), sql: 'select i from range(300000) t(i)', windowRows: 300_000 });
    const parts = result.window!.arrow as Uint8Array[];
    // Schema, three batches, end of stream: each its own message, then the reply.
    expect(parts).toHaveLength(5);
    expect(seen).toEqual(['arrowPart', 'arrowPart', 'arrowPart', 'arrowPart', 'arrowPart', 'reply']);
    const table = tableFromIPC(parts);
    expect(table.numRows).toBe(300_000);
    expect(table.getChild('i')?.get(299_999)).toBe(299_999n);
    const window = await client.call('fetch', { resultId: result.resultId!, offset: 299_990, limit: 10, sort: [], filters: [] });
    expect(tableFromIPC(window.arrow).getChild('i')?.get(9)).toBe(299_999n);
  });

  it('cancels a query over a trillion rows by interrupting DuckDB, without a restart', async () => {
    const client = newClient();
    await client.start();
    const queryId = nextQueryId();
    const started = runningReported(client, queryId);
    const running = client.call('run', { queryId, sql: 'select count(*) from range(1e12::bigint)', windowRows: 10 });
    const failure = running.then(
      () => null,
      (error: unknown) => error,
    );
    await started;
    const outcome = await client.cancel(queryId);
    expect(await failure).toMatchObject({ kind: 'cancelled' });
    expect(outcome).toBe('interrupted');
    expect(client.restarts).toBe(0);
  });

  it('kills and restarts the engine when a query does not stop in time, keeping the workspace', async () => {
    const client = newClient({ interruptGraceMs: 0 });
    await client.call('exec', { sql: "create table kept as select '高新技术企业' as name, 1000 as target" });
    const pidBefore = client.pid;
    const queryId = nextQueryId();
    const started = runningReported(client, queryId);
    const running = client.call('run', { queryId, sql: 'select count(*) from range(1e12::bigint)', windowRows: 10 });
    // The call fails while cancel() is still restarting the engine: observe it from the start.
    const failure = running.then(
      () => null,
      (error: unknown) => error,
    );
    await started;
    expect(await client.cancel(queryId)).toBe('restarted');
    expect(await failure).toMatchObject({ kind: 'cancelled' });
    expect(client.restarts).toBe(1);
    expect(client.pid).not.toBe(pidBefore);
    const after = await client.call('exec', { sql: 'select name, target from kept' });
    expect(after.rows).toEqual([{ name: '高新技术企业', target: 1000 }]);
  });

  it('recovers from an engine crash: pending calls fail clearly, the next call works', async () => {
    const client = newClient();
    await client.call('exec', { sql: 'create table survived as select 42 as answer' });
    const restarted = new Promise((resolve) => client.onDidRestartEngine(resolve));
    const queryId = nextQueryId();
    const started = runningReported(client, queryId);
    const running = client.call('run', { queryId, sql: 'select count(*) from range(1e12::bigint)', windowRows: 1 });
    await started;
    process.kill(client.pid!, 'SIGKILL');
    await expect(running).rejects.toMatchObject({ kind: 'bug', code: 'engine-exited' });
    await expect(restarted).resolves.toMatchObject({ restarts: 1 });
    const after = await client.call('exec', { sql: 'select answer from survived' });
    expect(after.rows).toEqual([{ answer: 42 }]);
  });

  it('cancels a queued query by taking it out of the queue, leaving the running one alone', async () => {
    const client = newClient();
    await client.call('run', { queryId: nextQueryId(), sql: 'create temp table kept_in_session as select 1 as x', windowRows: 0 });
    const a = nextQueryId();
    const b = nextQueryId();
    const running = client.call('run', { queryId: a, sql: 'select count(*) from range(1e12::bigint)', windowRows: 1 });
    const runningFailure = running.then(
      () => null,
      (error: unknown) => error,
    );
    const queued = client.call('run', { queryId: b, sql: 'create table b_ran as select 1 as y', windowRows: 0 });
    const queuedFailure = queued.then(
      () => null,
      (error: unknown) => error,
    );
    expect(await client.cancel(b)).toBe('dequeued');
    expect(await queuedFailure).toMatchObject({ kind: 'cancelled', message: 'Query cancelled before it started.' });
    expect(client.restarts).toBe(0);
    // A still runs, on the same session: cancelling it is a separate decision.
    expect(await client.cancel(a)).toBe('interrupted');
    expect(await runningFailure).toMatchObject({ kind: 'cancelled' });
    expect(client.restarts).toBe(0);
    // The session's temporary table survived both cancels, and B never ran.
    const after = await client.call('run', { queryId: nextQueryId(), sql: 'select x from kept_in_session', windowRows: 1 });
    expect(after.rowCount).toBe(1);
    const tables = await client.call('exec', { sql: "select count(*)::int as n from duckdb_tables() where table_name = 'b_ran'" });
    expect(tables.rows).toEqual([{ n: 0 }]);
  });

  it('says "completed", not "interrupted", for a query that finished before its cancel arrived', async () => {
    const client = newClient();
    await client.start();
    const queryId = nextQueryId();
    const done = client.call('run', { queryId, sql: 'select 1 as one', windowRows: 1 });
    const outcome = await client.cancel(queryId);
    expect(['completed', 'not-running', 'interrupted']).toContain(outcome);
    // The reply matches what happened to the call.
    const result = await done.then(
      () => 'completed',
      (error: { kind?: string }) => (error.kind === 'cancelled' ? 'interrupted' : 'failed'),
    );
    if (outcome !== 'not-running') expect(outcome).toBe(result);
  });

  it('answers "not-running" for a query id it does not know', async () => {
    const client = newClient();
    await client.start();
    expect(await client.cancel('nobody' as QueryId)).toBe('not-running');
  });

  it('reports a locked workspace as a user error naming the problem', async () => {
    const first = newClient();
    await first.start();
    const { entry, execArgv } = engineEntryPoint();
    const second = new EngineClient(nodeEngineLauncher(entry, execArgv), { workspacePath: first.workspacePath });
    clients.push(second);
    await expect(second.start()).rejects.toMatchObject({ kind: 'user', code: 'workspace-locked' });
  });
});
