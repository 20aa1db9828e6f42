import { describe, expect, it } from 'vitest';
import { createSeededRandom } from './seededRandom';

describe('createSeededRandom', () => {
  it('repeats its stream for the same seed and differs for nearby seeds', () => {
    const a = createSeededRandom(42);
    const b = createSeededRandom(42);
    const c = createSeededRandom(43);
    const first = Array.from({ length: 5 }, () => a.nextFloat());
    expect(Array.from({ length: 5 }, () => b.nextFloat())).toEqual(first);
    expect(Array.from({ length: 5 }, () => c.nextFloat())).not.toEqual(first);
    for (const value of first) {
      expect(value).toBeGreaterThanOrEqual(0);
      expect(value).toBeLessThan(1);
    }
  });

  it('gives standard normal draws (mean 0, variance 1, 84.13 % below 1)', () => {
    const random = createSeededRandom(7);
    const n = 200_000;
    let sum = 0;
    let squares = 0;
    let belowOne = 0;
    for (let i = 0; i < n; i++) {
      const z = random.nextNormal();
      sum += z;
      squares += z * z;
      if (z < 1) belowOne++;
    }
    expect(sum / n).toBeCloseTo(0, 2);
    expect(squares / n).toBeCloseTo(1, 1);
    expect(Math.abs(belowOne / n - 0.841345)).toBeLessThan(0.004);
  });

  it('rejects a non-numeric seed', () => {
    expect(() => createSeededRandom(Number.NaN)).toThrow('The random seed must be a finite number; got NaN');
  });
});
