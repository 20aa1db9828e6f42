import type { ImplementationOf } from '@shared/contract/contractKit';
import { localizedError } from '@shared/contract/errorTexts';
import type { WorkbenchContract } from '@shared/contract/workbenchContract';
import type { BriefingDocument } from '@shared/domain/briefing/BriefingDocument';
import { ChartRendererUnavailable, type ChartImageRenderer } from '../charts/ChartImageRenderer';
import { runNotebookHeadless, type HeadlessRunOutcome, type HeadlessRunWarning, type ImageRequest } from '../notebook/runNotebookHeadless';
import type { ExecSql } from '../workspace/workspaceSql';
import { NotebookBriefingBuilder, workspaceSources, writeBriefing, type BriefingFormat, type HtmlPdfPrinter } from './notebookBriefing';

export interface BriefingServiceOptions {
  /** The whole service API: the notebook runs through it as the app's cells do. */
  api: () => ImplementationOf<WorkbenchContract>;
  exec: ExecSql;
  /** A headless browser for chart images and PDF printing; the caller owns and closes it. */
  renderer: () => Promise<ChartImageRenderer & HtmlPdfPrinter>;
  /** ISO date for the byline. */
  today?: () => string;
}

export interface NotebookRunRequest {
  notebookPath: string;
  /** NAME=VALUE parameter values. */
  overrides: [string, string][];
  /** Results, figures, images and the manifest go here (`iwb run --out`); null writes none. */
  outDirectory: string | null;
  images: ImageRequest;
  /** A briefing made from the same run: its format and, optionally, the cells it shows (`1-3,5,趋势图`). */
  briefing: { format: BriefingFormat; cells: string | null } | null;
  log: (line: string) => void;
  warn: (warning: HeadlessRunWarning) => void;
}

export interface MadeBriefing {
  document: BriefingDocument;
  bytes: Uint8Array;
  figures: number;
  tables: number;
}

export interface NotebookRunOutcome {
  run: HeadlessRunOutcome;
  /** Present when a briefing was asked for and the run finished. */
  briefing: MadeBriefing | null;
}

/**
 * Runs a saved notebook without the UI and, when asked, makes its briefing
 * (简报) from the run's events: `iwb run [--export]` and the app's 导出简报 both
 * come here. A cell selection that names no cell fails before any cell runs
 * (a user error with code BRIEFING_CELLS_ERROR).
 */
export class BriefingService {
  constructor(private readonly options: BriefingServiceOptions) {}

  async run(request: NotebookRunRequest): Promise<NotebookRunOutcome> {
    const { renderer } = this.options;
    const builder = request.briefing
      ? new NotebookBriefingBuilder({
          cells: request.briefing.cells,
          date: this.options.today?.() ?? new Date().toISOString().slice(0, 10),
          renderer,
          querySources: (sourceIds) => workspaceSources(this.options.exec, sourceIds),
        })
      : null;
    const run = await runNotebookHeadless({
      api: this.options.api(),
      notebookPath: request.notebookPath,
      overrides: request.overrides,
      outDirectory: request.outDirectory,
      images: request.images,
      // The run's images and the briefing share one browser, closed by its owner: the run gets a handle that leaves it open.
      createRenderer: async () => {
        await renderer();
        return { render: async (figure, options) => (await renderer()).render(figure, options), close: async () => undefined };
      },
      log: request.log,
      warn: request.warn,
      ...(builder
        ? {
            observe: async (event) => {
              try {
                await builder.observe(event);
              } catch (error) {
                if (error instanceof ChartRendererUnavailable) throw localizedError('briefing-renderer-unavailable', { reason: error.message });
                throw error;
              }
            },
          }
        : {}),
    });
    if (!builder || !request.briefing || run.status !== 'ok') return { run, briefing: null };
    const document = await builder.document();
    const bytes = await writeBriefing(document, request.briefing.format, renderer);
    return {
      run,
      briefing: {
        document,
        bytes,
        figures: document.blocks.filter((block) => block.kind === 'figure').length,
        tables: document.blocks.filter((block) => block.kind === 'table').length,
      },
    };
  }
}
