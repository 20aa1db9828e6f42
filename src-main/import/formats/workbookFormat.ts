import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import type { ImportColumnSpec, ImportSettings } from '@shared/contract/workbenchContract';
import type { Analysis, FormatContext } from '../importAnalysis';
import type { ImportSource } from '../importSources';
import { WorkbookThread, type WorkbookThreadLimits } from '../workbookThread';

/**
 * Workbooks (.xlsx, .xls, .et): read, tabulated, cleaned cell by cell and
 * staged as NDJSON on the workbook thread (workbookWorker), then loaded by
 * DuckDB's JSON reader. The thread keeps the last workbook read for the
 * next preview and the run, and lets it go once the run has staged it.
 */
export class WorkbookFormat {
  private readonly thread: WorkbookThread;

  constructor(
    private readonly context: FormatContext,
    limits?: WorkbookThreadLimits,
  ) {
    this.thread = new WorkbookThread(limits);
  }

  forget(sourceId: string): void {
    this.thread.forget(sourceId);
  }

  async analyse(source: ImportSource, settings: ImportSettings, format: 'xlsx' | 'xls', signal?: AbortSignal): Promise<Analysis> {
    const { preview, layout } = await this.thread.analyse(source, settings, format, signal);
    return { preview, layout, sheet: null, sourceTypes: [] };
  }

  /** Cells converted on the thread (errors name the cell), written as NDJSON for DuckDB's JSON reader. */
  async stage(source: ImportSource, analysis: Analysis, columns: ImportColumnSpec[], cleanup: string[], signal?: AbortSignal): Promise<{ select: string; range: string }> {
    const path = join(await this.context.sources.workDirectory(), `staged_${randomBytes(6).toString('hex')}.ndjson`);
    cleanup.push(path);
    try {
      const { select, range } = await this.thread.stage(source, { preview: analysis.preview, layout: analysis.layout! }, columns, path, signal);
      return { select, range };
    } finally {
      // The run has what it needs from the workbook: the thread lets it go.
      this.thread.forget(source.sourceId);
    }
  }

  dispose(): void {
    this.thread.dispose();
  }
}
