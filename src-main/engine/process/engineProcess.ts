import { DuckDBEngine } from './DuckDBEngine';
import { ImportSession } from './ImportSession';
import { detachArrowParts, engineContract, type EngineHandlers, type FromEngineMessage, type ToEngineMessage } from '../engineProtocol';
import { dispatchCall } from '../../host/dispatchCall';
import { NotebookSessions } from './NotebookSessions';
import { watchParent } from '../parentWatchdog';
import { localizedError } from '@shared/contract/errorTexts';

/**
 * Entry point of the engine process (a Node child process, or an Electron
 * utility process in the desktop app). It owns the workspace's DuckDB
 * instance and answers the calls of `engineContract` from the main side,
 * each argument validated by the contract's validator.
 */

interface MessagePortLike {
  on(event: 'message', listener: (event: { data: unknown }) => void): void;
  postMessage(message: unknown): void;
}

const electronPort = (process as NodeJS.Process & { parentPort?: MessagePortLike }).parentPort;

function send(message: FromEngineMessage): void {
  if (electronPort) electronPort.postMessage(message);
  else process.send?.(message);
}

let engine: DuckDBEngine | null = null;
let importSession: Promise<ImportSession> | null = null;

function requireImportSession(): Promise<ImportSession> {
  const current = requireEngine();
  importSession ??= current.connect().then(async (connection) => {
    await connection.run('SET enable_progress_bar = true; SET enable_progress_bar_print = false');
    return new ImportSession(connection);
  });
  return importSession;
}

let notebooks: NotebookSessions | null = null;

function requireEngine(): DuckDBEngine {
  if (!engine) throw localizedError('engine-not-open');
  return engine;
}

function requireNotebooks(): NotebookSessions {
  return (notebooks ??= new NotebookSessions(requireEngine()));
}

const handlers: EngineHandlers = {
  async open({ workspacePath, threads }) {
    notebooks?.closeAll();
    notebooks = null;
    engine?.close();
    importSession = null;
    engine = await DuckDBEngine.open({ workspacePath, ...(threads ? { threads } : {}) });
    return { duckdbVersion: engine.duckdbVersion(), pid: process.pid };
  },
  run: (params) =>
    requireEngine().run(
      params,
      (report) => send({ type: 'progress', report }),
      (report) => send({ type: 'rows', report }),
    ),
  interrupt: async ({ queryId }) => {
    const current = requireEngine();
    if (current.dequeue(queryId) || (notebooks?.dequeue(queryId) ?? false)) return { outcome: 'dequeued' };
    const interrupting =
      current.interrupt(queryId) || (notebooks?.interrupt(queryId) ?? false) || (importSession ? (await importSession).interrupt(queryId) : false);
    return { outcome: interrupting ? 'interrupting' : 'not-found' };
  },
  fetch: ({ resultId, offset, limit, sort, filters }) => requireEngine().fetch(resultId, offset, limit, { sort, filters }),
  summarize: ({ resultId, column, sort, filters }) => requireEngine().summarize(resultId, column, { sort, filters }),
  exportResult: ({ queryId, resultId, target, sort, filters }) =>
    requireEngine().exportResult({ queryId, resultId, target, view: { sort, filters } }, (report) => send({ type: 'progress', report })),
  listFunctions: async () => ({ functions: await requireEngine().listFunctions() }),
  timeMaterialize: ({ sql }) => requireEngine().timeMaterialize(sql),
  closeResult: async ({ resultId }) => ({ closed: await requireEngine().closeResult(resultId) }),
  listSchema: async () => ({ relations: await requireEngine().listSchema() }),
  exec: ({ sql, params }) => requireEngine().exec(sql, params),
  notebookOpen: async ({ sessionId, restrictions }) => {
    await requireNotebooks().open(sessionId, restrictions);
    return { opened: true };
  },
  notebookRun: (params) => requireNotebooks().run(params),
  notebookFetch: ({ sessionId, resultId, offset, limit }) => requireNotebooks().fetch(sessionId, resultId, offset, limit),
  notebookClose: async ({ sessionId }) => ({ closed: await requireNotebooks().close(sessionId) }),
  importBegin: async (params) => (await requireImportSession()).begin(params, (report) => send({ type: 'progress', report })),
  importContinue: async (params) => (await requireImportSession()).continue(params, (report) => send({ type: 'progress', report })),
  importFinish: async (params) => (await requireImportSession()).finish(params),
};

const served = { engine: engineContract };

async function handle(message: ToEngineMessage): Promise<void> {
  const outcome = await dispatchCall(served, { engine: handlers }, `engine.${String(message.method)}`, message.params);
  if (outcome.ok) for (const part of detachArrowParts(outcome.value)) send({ type: 'arrowPart', id: message.id, part });
  send({ type: 'reply', id: message.id, outcome });
}

function onMessage(data: unknown): void {
  const message = data as ToEngineMessage;
  if (message && message.type === 'call') void handle(message);
}

/**
 * The parent is gone (crashed, killed): stop every query and leave at once,
 * so the workspace lock is released and a restarted app can reopen it.
 * Closing connections would wait for a running query; the process is
 * killed instead, which is safe: committed work is in DuckDB's WAL.
 */
function exitOrphaned(): void {
  try {
    engine?.interruptAll();
    notebooks?.interruptAll();
  } finally {
    process.kill(process.pid, 'SIGKILL');
  }
}

if (electronPort) {
  electronPort.on('message', (event) => onMessage(event.data));
  watchParent({ onParentGone: exitOrphaned });
} else if (process.send) {
  process.on('message', onMessage);
  watchParent({ onParentGone: exitOrphaned });
  // Ctrl+C in a terminal reaches the whole process group: the parent decides what stops (it cancels, or shuts this process down).
  process.on('SIGINT', () => undefined);
} else {
  console.error('engineProcess must be started by the Indicator Workbench main process.');
  process.exit(2);
}
