import type { CallOutcome, ErrorEnvelope } from '@shared/contract/WorkbenchError';
import { createWorkbenchClient, type WorkbenchApi } from '../../api/createWorkbenchClient';

export type FakeHandler = (input: Record<string, unknown>) => unknown;

export interface RecordedCall {
  method: string;
  input: Record<string, unknown>;
}

/**
 * The renderer's real client over a fake main side, for store tests: each
 * `service.method` answers through its handler (a thrown envelope becomes the
 * call's error); every call is recorded; a method without a handler fails as a bug.
 */
export function fakeWorkbenchApi(
  handlers: Record<string, FakeHandler>,
  kind: 'browser' | 'electron' = 'browser',
): { api: WorkbenchApi; calls: RecordedCall[]; emit: (name: string, payload: unknown) => void } {
  const calls: RecordedCall[] = [];
  const listeners = new Set<(name: string, payload: unknown) => void>();
  const api = createWorkbenchClient({
    kind,
    async call(method, input): Promise<CallOutcome<unknown>> {
      calls.push({ method, input: input as Record<string, unknown> });
      const handler = handlers[method];
      if (!handler) return { ok: false, error: { kind: 'bug', message: `unexpected call ${method}` } };
      try {
        return { ok: true, value: await handler(input as Record<string, unknown>) };
      } catch (error) {
        return { ok: false, error: error as ErrorEnvelope };
      }
    },
    subscribe: (listener) => {
      listeners.add(listener as (name: string, payload: unknown) => void);
      return () => listeners.delete(listener as (name: string, payload: unknown) => void);
    },
  });
  return { api, calls, emit: (name, payload) => listeners.forEach((listener) => listener(name, payload)) };
}

/** A promise and the functions that settle it, for calls a test answers later. */
export function deferred<T>(): { promise: Promise<T>; resolve: (value: T) => void; reject: (error: unknown) => void } {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((ok, fail) => {
    resolve = ok;
    reject = fail;
  });
  return { promise, resolve, reject };
}
