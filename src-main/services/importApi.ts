import type { ImplementationOf } from '@shared/contract/contractKit';
import type { importContract, ImportId, QueryId } from '@shared/contract/workbenchContract';
import { Importer } from '../import/Importer';
import { ImportSources } from '../import/importSources';
import type { ServiceContext } from './ServiceContext';

interface ImportState {
  sources: ImportSources;
  importer: Importer;
}

const states = new WeakMap<ServiceContext, ImportState>();

/** The import machinery of one workbench (the CLI registers paths through it; the renderer only uploads). */
export function importStateFor(context: ServiceContext): ImportState {
  let state = states.get(context);
  if (!state) {
    const sources = new ImportSources();
    state = { sources, importer: new Importer(context.engine, sources) };
    states.set(context, state);
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
  }
  return state;
}

export function createImportApi(context: ServiceContext): ImplementationOf<typeof importContract> {
  return {
    import: {
      upload: (input) => importStateFor(context).sources.receiveChunk(input),
      preview: ({ sourceId, settings }) => importStateFor(context).importer.preview(sourceId, settings),
      run: (request) => importStateFor(context).importer.run(request, (progress) => context.emit('onDidReportImportProgress', progress)),
      cancel: async ({ importId }) => {
        const { importer } = importStateFor(context);
        const cancelled = importer.cancel(importId);
        if (!cancelled) return { cancelled: !['not-running', 'completed'].includes(await context.engine.cancel(importId as string as QueryId)) };
        return { cancelled };
      },
      discard: async ({ sourceId }) => {
        const state = importStateFor(context);
        state.importer.forget(sourceId);
        return { discarded: await state.sources.discard(sourceId) };
      },
      history: async () => ({ entries: await importStateFor(context).importer.history() }),
      matchIndicators: ({ names }) => importStateFor(context).importer.matchIndicators(names),
    },
  };
}
