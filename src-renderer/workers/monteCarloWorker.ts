import { monteCarloTransferables, runMonteCarlo, type MonteCarloRequest, type MonteCarloResult } from '@shared/domain/projection/monteCarlo';

/**
 * Web Worker entry for the Monte Carlo, so 100,000 paths never block the
 * UI thread. Create it with
 *   new Worker(new URL('../workers/monteCarloWorker.ts', import.meta.url), { type: 'module' })
 * and post `MonteCarloWorkerRequest`s; each gets one `MonteCarloWorkerResponse`
 * with the same `requestId`. Result arrays are transferred, not copied. A
 * newer request does not cancel an older one: the caller drops stale
 * replies by `requestId` (or terminates the worker).
 */
export interface MonteCarloWorkerRequest {
  requestId: number;
  request: MonteCarloRequest;
}

export type MonteCarloWorkerResponse =
  | { requestId: number; ok: true; result: MonteCarloResult; elapsedMs: number }
  | { requestId: number; ok: false; message: string };

/** The dedicated-worker globals this file uses (the renderer's typecheck has the DOM library, not WebWorker). */
interface WorkerScope {
  onmessage: ((event: MessageEvent<MonteCarloWorkerRequest>) => void) | null;
  postMessage(message: MonteCarloWorkerResponse, transfer?: Transferable[]): void;
}

const scope = globalThis as unknown as WorkerScope;

scope.onmessage = (event) => {
  const { requestId, request } = event.data;
  const started = performance.now();
  try {
    const result = runMonteCarlo(request);
    scope.postMessage({ requestId, ok: true, result, elapsedMs: performance.now() - started }, monteCarloTransferables(result));
  } catch (error) {
    scope.postMessage({ requestId, ok: false, message: error instanceof Error ? error.message : String(error) });
  }
};
