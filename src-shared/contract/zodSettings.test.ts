import { afterEach, describe, expect, it, vi } from 'vitest';

describe('zod settings', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('never constructs a Function (no CSP script-src eval probe) while parsing contract arguments', async () => {
    const constructed: unknown[][] = [];
    const RealFunction = Function;
    vi.stubGlobal(
      'Function',
      new Proxy(RealFunction, {
        construct(target, args: unknown[]) {
          constructed.push(args);
          return Reflect.construct(target, args) as object;
        },
      }),
    );
    const { workbenchContract } = await import('./workbenchContract');
    expect(workbenchContract.query.run.input.safeParse({ queryId: 'q1', sql: 'select 1' }).success).toBe(true);
    expect(workbenchContract.notebook.list.input.safeParse({}).success).toBe(true);
    expect(constructed).toEqual([]);
  });
});
