import type { ImplementationOf } from '@shared/contract/contractKit';
import type { notebookContract } from '@shared/contract/services/notebookContract';
import type { NotebookService } from '../notebook/NotebookService';
import type { ServiceContext } from './ServiceContext';

/** Notebooks: files, trust, recovery copies and cell runs, all in NotebookService. */
export function createNotebookApi(context: ServiceContext, service: NotebookService): ImplementationOf<typeof notebookContract> {
  return {
    notebook: {
      list: () => service.list(),
      open: ({ path }) => service.openFile(path),
      openBytes: ({ name, bytes }) => service.openBytes(name, bytes),
      create: ({ template }) => service.create(template),
      reload: ({ handle }) => service.reload(handle),
      close: async ({ handle }) => ({ closed: await service.close(handle) }),
      save: ({ handle, document, path, overwrite }) => service.save(handle, document, path, overwrite),
      autosave: ({ handle, document }) => service.autosave(handle, document),
      openRecovery: ({ recoveryId }) => service.openRecovery(recoveryId),
      discardRecovery: async ({ recoveryId }) => ({ discarded: await service.discardRecovery(recoveryId) }),
      trust: ({ handle, document }) => service.trust(handle, document),
      diskStatus: ({ handle }) => service.diskStatus(handle),
      runCell: ({ handle, queryId, cell, parameters, windowRows }) => service.runCell(handle, queryId, cell, parameters, windowRows),
      fetch: ({ handle, resultId, offset, limit }) => service.fetch(handle, resultId, offset, limit),
      cancel: async ({ queryId }) => ({ outcome: await context.engine.cancel(queryId) }),
      resetSession: async ({ handle }) => ({ reset: await service.resetSession(handle) }),
    },
  };
}
