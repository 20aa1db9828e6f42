import { describe, expect, it } from 'vitest';
import { minimizeBounded } from './minimizeBounded';

describe('minimizeBounded', () => {
  it('finds the minimum of the Rosenbrock function (free parameters)', () => {
    const rosenbrock = ([x, y]: readonly number[]) => (1 - x!) ** 2 + 100 * (y! - x! * x!) ** 2;
    const { x } = minimizeBounded(rosenbrock, [{ scale: 1 }, { scale: 1 }], { starts: [[-1.2, 1]], maxEvaluations: 5000 });
    expect(x[0]).toBeCloseTo(1, 4);
    expect(x[1]).toBeCloseTo(1, 4);
  });

  it('stops on a bound when the optimum lies beyond it', () => {
    const { x, value } = minimizeBounded(([a, b]) => (a! - 2) ** 2 + (b! + 1) ** 2, [{ lower: 0, upper: 1 }, { lower: 0, upper: 1 }], { starts: [[0.5, 0.5]] });
    expect(x).toEqual([1, 0]);
    expect(value).toBeCloseTo(2, 12);
  });

  it('picks the best of several starts', () => {
    // Two basins: minimum 1 near x = −1.5 (from the left start) and minimum 0 at x = 2.
    const f = ([x]: readonly number[]) => Math.min((x! + 1.5) ** 2 + 1, (x! - 2) ** 2);
    const { x } = minimizeBounded(f, [{ lower: -3, upper: 3 }], { starts: [[-2], [2.5]] });
    expect(x[0]).toBeCloseTo(2, 5);
  });

  it('needs a start point of the right size', () => {
    expect(() => minimizeBounded(() => 0, [{ scale: 1 }], { starts: [] })).toThrow('needs at least one start point');
    expect(() => minimizeBounded(() => 0, [{ scale: 1 }], { starts: [[1, 2]] })).toThrow('A start point has 2 values; expected 1');
  });
});
