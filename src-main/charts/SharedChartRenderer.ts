import type { ChartImageRenderer } from './ChartImageRenderer';

/**
 * One headless browser shared by the app's chart exports: started on first
 * use, closed after a minute without exports so an idle app holds no
 * Chromium. Calls are serialized (the browser's pages are reused).
 */
export class SharedChartRenderer<R extends ChartImageRenderer = ChartImageRenderer> {
  private renderer: Promise<R> | null = null;
  private idleTimer: NodeJS.Timeout | null = null;
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly launch: () => Promise<R>,
    private readonly idleMs = 60_000,
  ) {}

  use<T>(work: (renderer: R) => Promise<T>): Promise<T> {
    const run = this.queue.then(async () => {
      if (this.idleTimer) clearTimeout(this.idleTimer);
      this.renderer ??= this.launch();
      let renderer: R;
      try {
        renderer = await this.renderer;
      } catch (error) {
        this.renderer = null;
        throw error;
      }
      try {
        return await work(renderer);
      } finally {
        this.idleTimer = setTimeout(() => void this.close(), this.idleMs);
        this.idleTimer.unref();
      }
    });
    this.queue = run.catch(() => undefined);
    return run;
  }

  async close(): Promise<void> {
    if (this.idleTimer) clearTimeout(this.idleTimer);
    const renderer = this.renderer;
    this.renderer = null;
    if (renderer) await (await renderer.catch(() => null))?.close();
  }
}
