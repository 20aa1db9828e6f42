import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { ImportColumnSpec, ImportPreview, ImportSettings } from '@shared/contract/workbenchContract';
import { localizedError } from '@shared/contract/errorTexts';
import { WorkbenchError, type ErrorEnvelope } from '@shared/contract/WorkbenchError';
import type { TableLayout } from '@shared/domain/import/tableLayout';
import type { ImportSource } from './importSources';
import { importCancelled } from './textSource';
import type { WorkbookRequest } from './workbookWorker';

export interface WorkbookThreadLimits {
  /** The thread's V8 heap cap: a workbook that needs more stops with a message instead of taking the process down. */
  memoryMb: number;
  /** Longest one read or staging may take. */
  timeoutMs: number;
}

export const DEFAULT_WORKBOOK_LIMITS: WorkbookThreadLimits = { memoryMb: 1024, timeoutMs: 300_000 };

type Request = WorkbookRequest extends infer R ? (R extends { id: number } ? Omit<R, 'id'> : never) : never;

/**
 * Runs workbook reading on a worker thread with a memory cap and a time
 * limit (workbookWorker). A thread that runs out of memory, overruns its
 * time or is cancelled is ended and the next call starts a fresh one; the
 * caller gets a user error naming the file.
 */
export class WorkbookThread {
  private worker: Worker | null = null;
  private nextId = 1;
  /** Calls waiting for the thread: while there are any it keeps the process alive (the command line awaits it). */
  private pending = 0;

  constructor(private readonly limits: WorkbookThreadLimits = DEFAULT_WORKBOOK_LIMITS) {}

  analyse(source: ImportSource, settings: ImportSettings, format: 'xlsx' | 'xls', signal?: AbortSignal): Promise<{ preview: ImportPreview; layout: TableLayout }> {
    return this.call({ type: 'analyse', source: plain(source), settings, format }, source.fileName, signal) as Promise<{ preview: ImportPreview; layout: TableLayout }>;
  }

  stage(
    source: ImportSource,
    analysis: { preview: ImportPreview; layout: TableLayout },
    columns: ImportColumnSpec[],
    path: string,
    signal?: AbortSignal,
  ): Promise<{ select: string; range: string; rowCount: number }> {
    return this.call({ type: 'stage', source: plain(source), analysis, columns, path }, source.fileName, signal) as Promise<{ select: string; range: string; rowCount: number }>;
  }

  forget(sourceId: string): void {
    this.worker?.postMessage({ id: this.nextId++, type: 'forget', sourceId } satisfies WorkbookRequest);
  }

  /** Ends the thread and frees the workbook it holds. */
  dispose(): void {
    const worker = this.worker;
    this.worker = null;
    void worker?.terminate();
  }

  private call(request: Request, fileName: string, signal?: AbortSignal): Promise<unknown> {
    if (signal?.aborted) return Promise.reject(importCancelled());
    const worker = this.start();
    const id = this.nextId++;
    this.pending += 1;
    worker.ref();
    return new Promise((resolvePromise, reject) => {
      let done = false;
      const finish = (error: WorkbenchError | null, result?: unknown): void => {
        if (done) return;
        done = true;
        this.pending -= 1;
        if (this.pending === 0) worker.unref();
        clearTimeout(timer);
        worker.off('message', onMessage);
        worker.off('error', onError);
        worker.off('exit', onExit);
        signal?.removeEventListener('abort', onAbort);
        if (error) reject(error);
        else resolvePromise(result);
      };
      const stop = (error: WorkbenchError): void => {
        finish(error);
        if (this.worker === worker) this.worker = null;
        void worker.terminate();
      };
      const onMessage = (message: { id: number; ok: boolean; result?: unknown; error?: ErrorEnvelope }): void => {
        if (message.id !== id) return;
        finish(message.ok ? null : new WorkbenchError(message.error!), message.result);
      };
      const onError = (error: Error & { code?: string }): void => {
        if (this.worker === worker) this.worker = null;
        finish(
          error.code === 'ERR_WORKER_OUT_OF_MEMORY'
            ? localizedError('import-workbook-memory', { file: fileName, limit: this.limits.memoryMb }, error.message)
            : localizedError('import-damaged-workbook', { file: fileName, detail: error.message }, error.stack),
        );
      };
      const onExit = (code: number): void => {
        if (this.worker === worker) this.worker = null;
        finish(localizedError('import-damaged-workbook', { file: fileName, detail: `the reading thread stopped (exit code ${code})` }));
      };
      const onAbort = (): void => stop(importCancelled());
      const timer = setTimeout(() => stop(localizedError('import-workbook-timeout', { file: fileName, seconds: Number((this.limits.timeoutMs / 1000).toPrecision(3)) })), this.limits.timeoutMs);
      worker.on('message', onMessage);
      worker.on('error', onError);
      worker.on('exit', onExit);
      signal?.addEventListener('abort', onAbort);
      worker.postMessage({ ...request, id });
    });
  }

  private start(): Worker {
    if (this.worker) return this.worker;
    const resourceLimits = { maxOldGenerationSizeMb: this.limits.memoryMb, maxYoungGenerationSizeMb: 32, stackSizeMb: 8 };
    const built = join(__dirname, 'workbookWorker.js');
    let worker: Worker;
    if (existsSync(built)) {
      worker = new Worker(built, { resourceLimits });
    } else {
      // From source (tests, tsx): the TypeScript entry through tsx's require hook.
      const source = join(__dirname, 'workbookWorker.ts');
      const tsx = resolve(__dirname, '../../node_modules/tsx/dist/cjs/api/index.cjs');
      worker = new Worker(`require(${JSON.stringify(tsx)}).register(); require(${JSON.stringify(source)});`, { eval: true, resourceLimits });
    }
    // An idle thread never keeps the process alive (the command line exits when its work is done).
    worker.unref();
    this.worker = worker;
    return worker;
  }
}

/** The source's fields only (structured clone), as the thread sees them. */
function plain(source: ImportSource): ImportSource {
  return { ...source };
}
