import { parentPort } from 'node:worker_threads';
import type { ImportColumnSpec, ImportPreview, ImportSettings } from '@shared/contract/workbenchContract';
import { localizedError } from '@shared/contract/errorTexts';
import { toErrorEnvelope, WorkbenchError } from '@shared/contract/WorkbenchError';
import type { TableLayout } from '@shared/domain/import/tableLayout';
import type { ImportSource } from './importSources';
import { readWorkbook, type Workbook } from './workbookReader';
import { analyseWorkbook, stageWorkbook } from './workbookTable';

/**
 * The workbook thread: untrusted workbooks are parsed here, under the
 * thread's memory cap, so a hostile or broken file can exhaust only this
 * thread (see workbookThread). The last workbook read stays here for the
 * next preview and the run; the main side gets the preview and the staged
 * file, never the cells.
 */
export type WorkbookRequest =
  | { id: number; type: 'analyse'; source: ImportSource; settings: ImportSettings; format: 'xlsx' | 'xls' }
  | { id: number; type: 'stage'; source: ImportSource; analysis: { preview: ImportPreview; layout: TableLayout }; columns: ImportColumnSpec[]; path: string }
  | { id: number; type: 'forget'; sourceId: string };

let cached: { sourceId: string; book: Workbook; analyses: Map<string, { preview: ImportPreview; layout: TableLayout | null }> } | null = null;

async function load(source: ImportSource): Promise<NonNullable<typeof cached>> {
  if (cached?.sourceId === source.sourceId) return cached;
  cached = null;
  const book = await readWorkbook(source.path, source.fileName);
  cached = { sourceId: source.sourceId, book, analyses: new Map() };
  return cached;
}

async function handle(request: WorkbookRequest): Promise<unknown> {
  switch (request.type) {
    case 'analyse': {
      // The run analyses again what the preview showed: the same settings give the same table.
      const workbook = await load(request.source);
      const key = JSON.stringify([request.settings, request.format]);
      let analysis = workbook.analyses.get(key);
      if (!analysis) {
        const { preview, layout } = analyseWorkbook(workbook.book, request.source, request.settings, request.format);
        analysis = { preview, layout };
        workbook.analyses.set(key, analysis);
      }
      return analysis;
    }
    case 'stage':
      return stageWorkbook((await load(request.source)).book, request.source, request.analysis, request.columns, request.path);
    case 'forget':
      if (cached?.sourceId === request.sourceId) cached = null;
      return null;
  }
}

const port = parentPort;
if (!port) throw new Error('workbookWorker runs on a worker thread');
port.on('message', (request: WorkbookRequest) => {
  handle(request).then(
    (result) => port.postMessage({ id: request.id, ok: true, result }),
    (error: unknown) => {
      // Whatever the parser threw, the user hears about the file: a bug in reading a workbook is still that workbook's error.
      const fileName = 'source' in request ? request.source.fileName : '';
      const envelope =
        error instanceof WorkbenchError
          ? error.toEnvelope()
          : localizedError('import-damaged-workbook', { file: fileName, detail: error instanceof Error ? error.message : String(error) }, toErrorEnvelope(error).detail).toEnvelope();
      port.postMessage({ id: request.id, ok: false, error: envelope });
    },
  );
});
