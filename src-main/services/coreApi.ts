import type { ImplementationOf } from '@shared/contract/contractKit';
import type { coreContract } from '@shared/contract/services/coreContract';
import type { ServiceContext } from './ServiceContext';

/** The foundation's services: app info, SQL, result windows, schema. */
export function createCoreApi({ engine, host, version }: ServiceContext): ImplementationOf<typeof coreContract> {
  return {
    app: {
      info: async () => {
        await engine.start();
        return {
          version,
          duckdbVersion: engine.duckdbVersion,
          workspacePath: engine.workspacePath,
          host,
          engine: { pid: engine.pid, restarts: engine.restarts },
        };
      },
    },
    query: {
      run: (input) => engine.call('run', input),
      cancel: async ({ queryId }) => ({ outcome: await engine.cancel(queryId) }),
    },
    result: {
      fetch: (input) => engine.call('fetch', input),
      close: (input) => engine.call('closeResult', input),
    },
    schema: {
      list: () => engine.call('listSchema', {}),
    },
  };
}
