import type { ImplementationOf } from '@shared/contract/contractKit';
import type { importContract, ImportId, QueryId } from '@shared/contract/workbenchContract';
import type { Importer } from '../import/Importer';
import type { ImportSources } from '../import/importSources';
import type { ServiceContext } from './ServiceContext';

/** The import machinery of one workbench (the CLI registers paths through `sources`; the renderer only uploads). */
export interface ImportServices {
  sources: ImportSources;
  importer: Importer;
}

export function createImportApi(context: ServiceContext, { sources, importer }: ImportServices): ImplementationOf<typeof importContract> {
  context.engine.onDidReportProgress((report) => {
    if (report.phase === 'import') {
      context.emit('onDidReportImportProgress', {
        importId: report.queryId as string as ImportId,
        phase: 'load',
        percent: report.percent,
        elapsedMs: report.elapsedMs,
      });
    }
  });
  return {
    import: {
      upload: (input) => sources.receiveChunk(input),
      preview: ({ sourceId, settings }) => importer.preview(sourceId, settings),
      run: (request) => importer.run(request, (progress) => context.emit('onDidReportImportProgress', progress)),
      cancel: async ({ importId }) => {
        const cancelled = importer.cancel(importId);
        if (!cancelled) return { cancelled: !['not-running', 'completed'].includes(await context.engine.cancel(importId as string as QueryId)) };
        return { cancelled };
      },
      discard: async ({ sourceId }) => {
        importer.forget(sourceId);
        return { discarded: await sources.discard(sourceId) };
      },
      history: async () => ({ entries: await importer.history() }),
      matchIndicators: ({ names }) => importer.matchIndicators(names),
    },
  };
}
