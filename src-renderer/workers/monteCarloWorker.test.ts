import { afterAll, describe, expect, it } from 'vitest';
import type { MonteCarloWorkerRequest, MonteCarloWorkerResponse } from './monteCarloWorker';

// The worker installs itself on the global scope; give it a postMessage to reply through.
const replies: { message: MonteCarloWorkerResponse; transfer: Transferable[] | undefined }[] = [];
const scope = globalThis as unknown as {
  onmessage: ((event: { data: MonteCarloWorkerRequest }) => void) | null;
  postMessage?: (message: MonteCarloWorkerResponse, transfer?: Transferable[]) => void;
};
scope.postMessage = (message, transfer) => void replies.push({ message, transfer });
await import('./monteCarloWorker');
afterAll(() => {
  scope.onmessage = null;
  delete scope.postMessage;
});

describe('monteCarloWorker', () => {
  it('answers a request with the result and transfers its arrays', () => {
    scope.onmessage!({
      data: {
        requestId: 7,
        request: {
          targets: [{ id: 't', years: [2024], model: { kind: 'path', base: 100, points: [110], shock: { kind: 'additive', sd: 0 } }, target: { comparator: '>', value: 105, year: 2024 } }],
          paths: 100,
          seed: 1,
        },
      },
    });
    const { message, transfer } = replies.at(-1)!;
    expect(message.requestId).toBe(7);
    expect(message.ok && message.result.targets[0]!.probability).toBe(1);
    expect(message.ok && Array.from(message.result.targets[0]!.p50)).toEqual([110]);
    expect(transfer).toHaveLength(4);
  });

  it('reports a bad request as an error message', () => {
    scope.onmessage!({ data: { requestId: 8, request: { targets: [], paths: -1, seed: 1 } } });
    expect(replies.at(-1)!.message).toEqual({ requestId: 8, ok: false, message: 'The number of simulated paths must be a whole number from 1 to 10000000; got -1' });
  });
});
