import { describe, expect, it } from 'vitest';
import { workbenchContract } from '@shared/contract/workbenchContract';
import { WorkbenchError } from '@shared/contract/WorkbenchError';
import { dispatchCall } from './dispatchCall';

const calls: unknown[] = [];
const implementation = {
  query: {
    run: async (input: unknown) => {
      calls.push(input);
      return { echoed: input };
    },
    cancel: async () => {
      throw new WorkbenchError({ kind: 'user', code: 'demo', message: 'nothing to cancel' });
    },
  },
  schema: {
    list: async () => {
      throw new Error('boom');
    },
  },
};

describe('dispatchCall validates every argument against the contract', () => {
  it('passes a valid argument, with defaults applied, to the implementation', async () => {
    const outcome = await dispatchCall(workbenchContract, implementation, 'query.run', { queryId: 'q_1', sql: 'select 1' });
    expect(outcome).toEqual({ ok: true, value: { echoed: { queryId: 'q_1', sql: 'select 1', windowRows: 200, stream: false } } });
  });

  it.each([
    [{ sql: 'select 1' }, 'Invalid argument for query.run: queryId is missing'],
    [{ queryId: 'q 1', sql: 'select 1' }, 'Invalid argument for query.run: queryId must be 1-64 letters, digits, _ or -'],
    [{ queryId: 'q1', sql: '' }, 'Invalid argument for query.run: sql is empty'],
    [{ queryId: 'q1', sql: 'select 1', windowRows: -1 }, 'Invalid argument for query.run: windowRows must be at least 0'],
    [{ queryId: 'q1', sql: 'select 1', extra: true }, 'Invalid argument for query.run: (argument) has keys it does not take: "extra"'],
    ['select 1', 'Invalid argument for query.run: (argument) must be an object (received text)'],
  ])('rejects %j', async (input, message) => {
    const before = calls.length;
    const outcome = await dispatchCall(workbenchContract, implementation, 'query.run', input);
    expect(outcome).toMatchObject({ ok: false, error: { kind: 'user', code: 'invalid-argument', message } });
    expect(calls.length).toBe(before);
  });

  it('reads null as a wrong argument, not as "no options"', async () => {
    const outcome = await dispatchCall(workbenchContract, implementation, 'schema.list', null);
    expect(outcome).toMatchObject({ ok: false, error: { kind: 'user', code: 'invalid-argument', message: 'Invalid argument for schema.list: (argument) must be an object (received null)' } });
  });

  it.each([
    ['__proto__', JSON.parse('{"__proto__": {"queryId": "q1", "sql": "select 1"}}') as unknown],
    ['constructor', { queryId: 'q1', sql: 'select 1', constructor: { prototype: {} } }],
    ['filters.0.prototype', { queryId: 'q1', sql: 'select 1', filters: [{ prototype: 1 }] }],
  ])('rejects the prototype key %s anywhere in the argument before validation', async (path, input) => {
    const before = calls.length;
    const outcome = await dispatchCall(workbenchContract, implementation, 'query.run', input);
    expect(outcome).toMatchObject({ ok: false, error: { kind: 'user', code: 'invalid-argument', message: `Invalid argument for query.run: ${path} is not an allowed key` } });
    expect(calls.length).toBe(before);
  });

  it('rejects unknown and prototype-polluting method names', async () => {
    for (const name of ['query.drop', 'constructor.name', '__proto__.x', 'query', 42]) {
      const outcome = await dispatchCall(workbenchContract, implementation, name, {});
      expect(outcome.ok).toBe(false);
    }
  });

  it('passes user errors through and wraps unexpected ones as bugs', async () => {
    expect(await dispatchCall(workbenchContract, implementation, 'query.cancel', { queryId: 'q1' })).toEqual({
      ok: false,
      error: { kind: 'user', code: 'demo', message: 'nothing to cancel' },
    });
    const outcome = await dispatchCall(workbenchContract, implementation, 'schema.list', {});
    expect(outcome).toMatchObject({ ok: false, error: { kind: 'bug', message: 'boom' } });
  });

  it('reports a contract method without implementation as a bug', async () => {
    const outcome = await dispatchCall(workbenchContract, implementation, 'result.close', { resultId: 'r1' });
    expect(outcome).toMatchObject({ ok: false, error: { kind: 'bug' } });
  });
});
