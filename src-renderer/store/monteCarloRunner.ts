import { runMonteCarlo, type MonteCarloRequest, type MonteCarloResult } from '@shared/domain/projection/monteCarlo';
import type { MonteCarloWorkerRequest, MonteCarloWorkerResponse } from '../workers/monteCarloWorker';

/** Runs a Monte Carlo request somewhere that does not block the caller's thread where possible. */
export type MonteCarloRunner = (request: MonteCarloRequest) => Promise<MonteCarloResult>;

/**
 * The Web Worker runner (one worker, created on first use). Where there is
 * no Worker (unit tests under Node) the simulation runs in-thread instead.
 */
export function createMonteCarloRunner(): MonteCarloRunner {
  if (typeof Worker === 'undefined') return (request) => Promise.resolve(runMonteCarlo(request));
  let worker: Worker | null = null;
  let nextId = 1;
  const pending = new Map<number, { resolve: (result: MonteCarloResult) => void; reject: (error: Error) => void }>();
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
    worker.onerror = (event) => {
      for (const waiting of pending.values()) waiting.reject(new Error(event.message || 'Monte Carlo worker failed'));
      pending.clear();
      worker?.terminate();
      worker = null;
    };
    return worker;
  };
  return (request) =>
    new Promise((resolve, reject) => {
      const requestId = nextId++;
      pending.set(requestId, { resolve, reject });
      const message: MonteCarloWorkerRequest = { requestId, request };
      ensureWorker().postMessage(message);
    });
}
