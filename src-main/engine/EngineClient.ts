import type { CancelOutcome, QueryId } from '@shared/contract/workbenchContract';
import { WorkbenchError, type ErrorEnvelope } from '@shared/contract/WorkbenchError';
import {
  attachArrowParts,
  type EngineLauncher,
  type EngineMethod,
  type EngineParams,
  type EngineProcessHandle,
  type EngineReturn,
  type FromEngineMessage,
  type ProgressReport,
  type StreamReport,
} from './engineProtocol';
import { cancelledError } from '@shared/contract/errorTexts';

export interface EngineClientOptions {
  workspacePath: string;
  threads?: number;
  /** How long an interrupted query may take to stop before the process is killed. */
  interruptGraceMs?: number;
}

interface PendingCall {
  method: EngineMethod;
  resolve: (value: unknown) => void;
  reject: (error: WorkbenchError) => void;
  queryId?: QueryId;
  /** The reply's Arrow parts, which arrive ahead of it. */
  arrowParts?: Uint8Array[];
}

type Listener<T> = (event: T) => void;

/**
 * The main side's handle on the engine process: typed calls, Cancel, and
 * restart. When the process dies (killed by Cancel, or crashed) every pending
 * call is rejected and a fresh process reopens the same workspace; DuckDB's
 * write-ahead log keeps committed data, so nothing in the workspace is lost.
 */
export class EngineClient {
  private process: EngineProcessHandle | null = null;
  private starting: Promise<void> | null = null;
  private readonly pending = new Map<number, PendingCall>();
  private nextId = 1;
  private restartCount = 0;
  private duckdbVersionValue = '';
  /** Processes killed to stop a query that ignored its interrupt, and that query. */
  private readonly killedForCancel = new Map<EngineProcessHandle, QueryId>();
  private readonly progressListeners = new Set<Listener<ProgressReport>>();
  private readonly rowsListeners = new Set<Listener<StreamReport>>();
  private readonly restartListeners = new Set<Listener<{ reason: string; restarts: number }>>();
  private disposed = false;

  constructor(
    private readonly launch: EngineLauncher,
    private readonly options: EngineClientOptions,
  ) {}

  get restarts(): number {
    return this.restartCount;
  }

  get pid(): number | null {
    return this.process?.pid ?? null;
  }

  get duckdbVersion(): string {
    return this.duckdbVersionValue;
  }

  get workspacePath(): string {
    return this.options.workspacePath;
  }

  onDidReportProgress(listener: Listener<ProgressReport>): () => void {
    this.progressListeners.add(listener);
    return () => this.progressListeners.delete(listener);
  }

  /** Rows of a streamed query so far (see `run` with `stream`). */
  onDidStreamRows(listener: Listener<StreamReport>): () => void {
    this.rowsListeners.add(listener);
    return () => this.rowsListeners.delete(listener);
  }

  onDidRestartEngine(listener: Listener<{ reason: string; restarts: number }>): () => void {
    this.restartListeners.add(listener);
    return () => this.restartListeners.delete(listener);
  }

  /** Starts the process and opens the workspace; idempotent. */
  start(): Promise<void> {
    if (this.disposed) return Promise.reject(new Error('EngineClient is disposed'));
    // While the workspace is being opened, `process` is already set: callers must wait for the open.
    if (this.starting) return this.starting;
    if (this.process) return Promise.resolve();
    {
      this.starting = this.startNow().finally(() => {
        this.starting = null;
      });
    }
    return this.starting;
  }

  private async startNow(): Promise<void> {
    const handle = this.launch();
    this.process = handle;
    handle.onMessage((message) => this.onMessage(message));
    handle.onExit((code) => this.onExit(handle, code));
    try {
      const opened = await this.send(handle, 'open', {
        workspacePath: this.options.workspacePath,
        ...(this.options.threads ? { threads: this.options.threads } : {}),
      });
      this.duckdbVersionValue = opened.duckdbVersion;
    } catch (error) {
      // A workspace that cannot be opened leaves no half-started process behind.
      if (this.process === handle) this.process = null;
      handle.kill();
      throw error;
    }
  }

  call<M extends EngineMethod>(method: M, params: EngineParams<M>): Promise<EngineReturn<M>> {
    // Sent at once when the engine is up, so a Cancel right after a call finds it.
    if (this.process && !this.starting) return this.send(this.process, method, params);
    return this.start().then(() => {
      const handle = this.process;
      if (!handle) throw new WorkbenchError({ kind: 'bug', message: 'Engine process is not running' });
      return this.send(handle, method, params);
    });
  }

  private send<M extends EngineMethod>(
    handle: EngineProcessHandle,
    method: M,
    params: EngineParams<M>,
  ): Promise<EngineReturn<M>> {
    const id = this.nextId++;
    return new Promise<EngineReturn<M>>((resolve, reject) => {
      // Calls that carry a queryId (query runs, exports) are the ones Cancel can find.
      const queryId = (params as { queryId?: QueryId } | undefined)?.queryId;
      this.pending.set(id, {
        method,
        resolve: resolve as (value: unknown) => void,
        reject,
        ...(queryId ? { queryId } : {}),
      });
      try {
        handle.postMessage({ type: 'call', id, method, params });
      } catch (error) {
        this.pending.delete(id);
        reject(new WorkbenchError({ kind: 'bug', message: `Could not reach the engine process: ${String(error)}` }));
      }
    });
  }

  private onMessage(message: FromEngineMessage): void {
    if (message.type === 'progress') {
      for (const listener of this.progressListeners) listener(message.report);
      return;
    }
    if (message.type === 'rows') {
      for (const listener of this.rowsListeners) listener(message.report);
      return;
    }
    const pending = this.pending.get(message.id);
    if (!pending) return;
    if (message.type === 'arrowPart') {
      (pending.arrowParts ??= []).push(message.part);
      return;
    }
    this.pending.delete(message.id);
    if (message.outcome.ok) attachArrowParts(message.outcome.value, pending.arrowParts ?? []);
    if (message.outcome.ok) pending.resolve(message.outcome.value);
    else pending.reject(new WorkbenchError(message.outcome.error));
  }

  private onExit(handle: EngineProcessHandle, code: number | null): void {
    if (this.process !== handle) return;
    this.process = null;
    const cancelledQuery = this.killedForCancel.get(handle);
    const cancelled = this.killedForCancel.delete(handle);
    const crashed: ErrorEnvelope = {
      kind: 'bug',
      code: 'engine-exited',
      message: `The engine process stopped unexpectedly (exit code ${code ?? 'unknown'}). It has been restarted; the workspace is intact, but session state (temporary tables, settings) and open results were lost.`,
    };
    for (const [id, pending] of this.pending) {
      this.pending.delete(id);
      let envelope = crashed;
      if (cancelled && pending.queryId === cancelledQuery) {
        envelope = cancelledError('query-cancelled-restarted').toEnvelope();
      } else if (cancelled) {
        // Another query's Cancel needed a restart: this call did not fail by itself, and says so.
        envelope = {
          kind: 'user',
          code: 'engine-restarted',
          message: 'The engine was restarted to stop another query that ignored Cancel; this call was stopped with it. Run it again (temporary tables and settings were lost).',
        };
      }
      pending.reject(new WorkbenchError(envelope));
    }
    if (this.disposed) return;
    this.restartCount += 1;
    const reason = cancelled ? 'cancel' : `exit ${code ?? 'unknown'}`;
    this.start().then(
      () => {
        for (const listener of this.restartListeners) listener({ reason, restarts: this.restartCount });
      },
      (error: unknown) => {
        if (!this.disposed) console.error('Engine restart failed:', error);
      },
    );
  }

  /**
   * Cancels one query and says truthfully what happened. A query still
   * waiting in the engine's queue is taken out (it never runs; nothing else
   * is touched). A running one gets DuckDB's interrupt; only if it has not
   * stopped within the grace period (a native call that ignores interrupts)
   * is the process killed and restarted, which ends the other calls too.
   */
  async cancel(queryId: QueryId): Promise<CancelOutcome> {
    const handle = this.process;
    const running = [...this.pending.values()].find((call) => call.method !== 'interrupt' && call.queryId === queryId);
    if (!handle || !running) return 'not-running';
    const settled = new Promise<'cancelled' | 'completed'>((resolve) => {
      const originalResolve = running.resolve;
      const originalReject = running.reject;
      running.resolve = (value) => {
        originalResolve(value);
        resolve('completed');
      };
      running.reject = (error) => {
        originalReject(error);
        resolve(error.kind === 'cancelled' ? 'cancelled' : 'completed');
      };
    });
    const reply = await this.send(handle, 'interrupt', { queryId }).catch(() => null);
    if (reply?.outcome === 'dequeued') return 'dequeued';
    if (reply?.outcome === 'not-found') {
      // Not in the engine any more: its reply is on the way.
      return (await settled) === 'cancelled' ? 'interrupted' : 'completed';
    }
    const grace = this.options.interruptGraceMs ?? 3000;
    let timer: ReturnType<typeof setTimeout> | undefined;
    // No grace at all: restart without waiting (the interrupt's reply could otherwise win the race by a tick).
    const ended =
      grace <= 0
        ? 'timeout'
        : await Promise.race([
            settled,
            new Promise<'timeout'>((resolve) => {
              timer = setTimeout(() => resolve('timeout'), grace);
            }),
          ]);
    clearTimeout(timer);
    if (ended === 'cancelled') return 'interrupted';
    if (ended === 'completed') return 'completed';
    if (this.process !== handle) return (await settled) === 'cancelled' ? 'interrupted' : 'completed';
    await this.restart(handle, queryId);
    return 'restarted';
  }

  /** Kills the current process and resolves once a fresh one has the workspace open. */
  async restart(handle: EngineProcessHandle | null = this.process, forCancel: QueryId | null = null): Promise<void> {
    if (!handle) return this.start();
    if (forCancel !== null) this.killedForCancel.set(handle, forCancel);
    const exited = new Promise<void>((resolve) => handle.onExit(() => resolve()));
    handle.kill();
    await exited;
    // onExit (registered first) has already begun the restart; this joins it.
    await this.start();
  }

  dispose(): void {
    this.disposed = true;
    const handle = this.process;
    this.process = null;
    for (const [id, pending] of this.pending) {
      this.pending.delete(id);
      pending.reject(cancelledError('engine-shut-down'));
    }
    handle?.kill();
  }
}
