import { runMonteCarlo, type MonteCarloRequest, type MonteCarloResult } from '@shared/domain/projection/monteCarlo';
import type { MonteCarloWorkerRequest, MonteCarloWorkerResponse } from '../workers/monteCarloWorker';

/** Runs a Monte Carlo request somewhere that does not block the caller's thread where possible. */
export type MonteCarloRunner = (request: MonteCarloRequest) => Promise<MonteCarloResult>;

/**
 * The Web Worker runner (one worker, created on first use). Where there is
 * no Worker (unit tests under Node) the simulation runs in-thread instead.
 */
export function createMonteCarloRunner(): MonteCarloRunner {
  const inThread: MonteCarloRunner = (request) => Promise.resolve(runMonteCarlo(request));
  if (typeof Worker === 'undefined') return inThread;
  let worker: Worker | null = null;
  // Set when a worker cannot be started here (e.g. a file:// page that refuses workers): simulate in-thread from then on.
  let unavailable = false;
  let nextId = 1;
  const pending = new Map<number, { request: MonteCarloRequest; resolve: (result: MonteCarloResult) => void; reject: (error: Error) => void }>();
  const giveUp = () => {
    // Said once in the console, so a test (or a curious user) can tell the worker did not run.
    console.warn('Monte Carlo worker unavailable; simulating in the page instead');
    unavailable = true;
    worker?.terminate();
    worker = null;
    for (const [requestId, waiting] of pending) {
      pending.delete(requestId);
      inThread(waiting.request).then(waiting.resolve, waiting.reject);
    }
  };
  const ensureWorker = (): Worker => {
    if (worker) return worker;
    worker = new Worker(new URL('../workers/monteCarloWorker.ts', import.meta.url), { type: 'module' });
    worker.onmessage = (event: MessageEvent<MonteCarloWorkerResponse>) => {
      const response = event.data;
      const waiting = pending.get(response.requestId);
      if (!waiting) return;
      pending.delete(response.requestId);
      if (response.ok) waiting.resolve(response.result);
      else waiting.reject(new Error(response.message));
    };
    worker.onerror = giveUp;
    return worker;
  };
  return (request) => {
    if (unavailable) return inThread(request);
    return new Promise((resolve, reject) => {
      const requestId = nextId++;
      pending.set(requestId, { request, resolve, reject });
      const message: MonteCarloWorkerRequest = { requestId, request };
      try {
        ensureWorker().postMessage(message);
      } catch {
        giveUp();
      }
    });
  };
}
