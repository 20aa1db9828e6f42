import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { ImplementationOf } from '@shared/contract/contractKit';
import { EXPORT_FILE_TYPES, type coreContract, type HistoryEntry } from '@shared/contract/services/coreContract';
import { toErrorEnvelope, WorkbenchError } from '@shared/contract/WorkbenchError';
import type { QueryResult } from '@shared/contract/workbenchContract';
import { runStreamed } from './runStreamed';
import type { QueryHistory } from '../workspace/QueryHistory';
import type { ServiceContext } from './ServiceContext';
import type { TargetEvaluation } from '../targets/targetEvaluation';
import { readsTargetStatus } from '../targets/targetStatusTable';

/** The foundation's services: app info, SQL with history, result windows, summaries and exports, schema. */
export function createCoreApi(context: ServiceContext, history: QueryHistory, targetStatus: TargetEvaluation): ImplementationOf<typeof coreContract> {
  const { engine, host, version } = context;
  const record = (entry: HistoryEntry) =>
    history.add(entry).catch((error: unknown) => console.error('[iwb] could not write query history:', error));

  return {
    app: {
      info: async () => {
        await engine.start();
        const directory = context.exportDirectory();
        await mkdir(directory, { recursive: true });
        return {
          version,
          duckdbVersion: engine.duckdbVersion,
          workspacePath: engine.workspacePath,
          host,
          engine: { pid: engine.pid, restarts: engine.restarts },
          exportDirectory: directory,
          nativeDialogs: context.dialogs !== undefined,
        };
      },
      chooseSavePath: async ({ defaultName, format }) => {
        if (!context.dialogs) return { path: null };
        const path = await context.dialogs.chooseSavePath({
          defaultPath: join(context.exportDirectory(), defaultName),
          filters: [{ name: EXPORT_FILE_TYPES[format].name, extensions: [EXPORT_FILE_TYPES[format].extension] }],
        });
        return { path };
      },
    },
    query: {
      run: async (input) => {
        const startedAt = new Date().toISOString();
        const started = performance.now();
        const recordOutcome = async (outcome: { result: QueryResult } | { error: unknown }) => {
          if ('result' in outcome) {
            const { result } = outcome;
            await record({ sql: input.sql, startedAt, elapsedMs: result.elapsedMs, status: 'ok', rowCount: result.kind === 'rows' ? result.rowCount : result.rowsChanged, error: null });
            return;
          }
          const { error } = outcome;
          const cancelled = error instanceof WorkbenchError && error.kind === 'cancelled';
          await record({
            sql: input.sql,
            startedAt,
            elapsedMs: performance.now() - started,
            status: cancelled ? 'cancelled' : 'error',
            rowCount: null,
            error: cancelled ? null : error instanceof Error ? error.message : String(error),
          });
        };
        if (readsTargetStatus(input.sql)) await targetStatus.refresh();
        const outcome = await runStreamed(engine, input, context.emit, started);
        if ('early' in outcome) {
          void outcome.finished.then(async (finished) => {
            await recordOutcome(finished);
            context.emit('onDidFinishQuery', {
              queryId: input.queryId,
              outcome: 'result' in finished ? { ok: true, value: finished.result } : { ok: false, error: toErrorEnvelope(finished.error) },
            });
          });
          return outcome.early;
        }
        await recordOutcome(outcome);
        if ('error' in outcome) throw outcome.error;
        return outcome.result;
      },
      cancel: async ({ queryId }) => ({ outcome: await engine.cancel(queryId) }),
    },
    result: {
      fetch: (input) => engine.call('fetch', input),
      close: (input) => engine.call('closeResult', input),
      summarize: (input) => engine.call('summarize', input),
      export: ({ queryId, resultId, format, encoding, path, overwrite, sort, filters }) =>
        engine.call('exportResult', { queryId, resultId, sort, filters, target: { path, format, encoding, overwrite } }),
    },
    schema: {
      list: () => engine.call('listSchema', {}),
      functions: () => engine.call('listFunctions', {}),
    },
    history: {
      list: async ({ limit, search }) => ({ entries: await history.list(limit, search) }),
      clear: async () => ({ cleared: await history.clear() }),
    },
  };
}
