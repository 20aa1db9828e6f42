import { describe, expect, it } from 'vitest';
import { SerialQueue } from './SerialQueue';

function gate(): { promise: Promise<void>; open: () => void } {
  let open!: () => void;
  const promise = new Promise<void>((resolve) => (open = resolve));
  return { promise, open };
}

describe('SerialQueue', () => {
  it('runs tasks one at a time in submission order, past failures', async () => {
    const queue = new SerialQueue();
    const order: string[] = [];
    const first = gate();
    const a = queue.run(async () => {
      order.push('a start');
      await first.promise;
      order.push('a end');
      throw new Error('a failed');
    });
    const b = queue.run(async () => {
      order.push('b');
      return 2;
    });
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(order).toEqual(['a start']);
    first.open();
    await expect(a).rejects.toThrow('a failed');
    expect(await b).toBe(2);
    expect(order).toEqual(['a start', 'a end', 'b']);
  });

  it('removes a waiting task by key without touching the running one or the others', async () => {
    const queue = new SerialQueue();
    const ran: string[] = [];
    const first = gate();
    const a = queue.run(async () => {
      await first.promise;
      ran.push('a');
      return 'a';
    }, 'A');
    const b = queue.run(async () => void ran.push('b'), 'B');
    const c = queue.run(async () => {
      ran.push('c');
      return 'c';
    }, 'C');
    expect(queue.isWaiting('B')).toBe(true);
    expect(queue.remove('A', new Error('no'))).toBe(false);
    expect(queue.remove('B', new Error('cancelled before it started'))).toBe(true);
    await expect(b).rejects.toThrow('cancelled before it started');
    expect(queue.isWaiting('B')).toBe(false);
    expect(queue.remove('B', new Error('again'))).toBe(false);
    first.open();
    expect(await a).toBe('a');
    expect(await c).toBe('c');
    expect(ran).toEqual(['a', 'c']);
  });
});
