import { toErrorEnvelope, userError } from '@shared/contract/WorkbenchError';
import { DuckDBEngine } from './DuckDBEngine';
import { ImportSession } from './ImportSession';
import type { EngineApi, FromEngineMessage, ToEngineMessage } from './engineProtocol';

/**
 * Entry point of the engine process (a Node child process, or an Electron
 * utility process in the desktop app). It owns the workspace's DuckDB
 * instance and answers `EngineApi` calls from the main side.
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
  importSession ??= current.connect().then((connection) => new ImportSession(connection));
  return importSession;
}

function requireEngine(): DuckDBEngine {
  if (!engine) throw userError('The engine has no workspace open yet.', 'engine-not-open');
  return engine;
}

const handlers: EngineApi = {
  async open({ workspacePath, threads }) {
    engine?.close();
    importSession = null;
    engine = await DuckDBEngine.open({ workspacePath, ...(threads ? { threads } : {}) });
    return { duckdbVersion: engine.duckdbVersion(), pid: process.pid };
  },
  run: (params) => requireEngine().run(params, (report) => send({ type: 'progress', report })),
  interrupt: async ({ queryId }) => ({
    interrupted: requireEngine().interrupt(queryId) || (importSession ? (await importSession).interrupt(queryId) : false),
  }),
  fetch: ({ resultId, offset, limit }) => requireEngine().fetch(resultId, offset, limit),
  closeResult: async ({ resultId }) => ({ closed: await requireEngine().closeResult(resultId) }),
  listSchema: async () => ({ relations: await requireEngine().listSchema() }),
  exec: ({ sql, params }) => requireEngine().exec(sql, params),
  importBegin: async (params) => (await requireImportSession()).begin(params, (report) => send({ type: 'progress', report })),
  importFinish: async (params) => (await requireImportSession()).finish(params),
};

async function handle(message: ToEngineMessage): Promise<void> {
  try {
    const handler = handlers[message.method] as (params: unknown) => Promise<unknown>;
    if (typeof handler !== 'function') throw new Error(`Unknown engine method ${String(message.method)}`);
    const value = await handler(message.params);
    send({ type: 'reply', id: message.id, outcome: { ok: true, value } });
  } catch (error) {
    send({ type: 'reply', id: message.id, outcome: { ok: false, error: toErrorEnvelope(error) } });
  }
}

function onMessage(data: unknown): void {
  const message = data as ToEngineMessage;
  if (message && message.type === 'call') void handle(message);
}

if (electronPort) {
  electronPort.on('message', (event) => onMessage(event.data));
} else if (process.send) {
  process.on('message', onMessage);
  // The parent is gone: release the workspace lock instead of lingering.
  process.on('disconnect', () => {
    engine?.close();
    process.exit(0);
  });
} else {
  console.error('engineProcess must be started by the Indicator Workbench main process.');
  process.exit(2);
}
