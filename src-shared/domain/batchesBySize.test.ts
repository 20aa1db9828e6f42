import { describe, expect, it } from 'vitest';
import { batchesBySize } from './batchesBySize';

describe('batchesBySize', () => {
  it('packs items in order within the budget; an oversized item goes alone', () => {
    const size = (item: number) => item;
    expect(batchesBySize([3, 4, 2, 9, 1, 1], size, 7)).toEqual([[3, 4], [2], [9], [1, 1]]);
    expect(batchesBySize([], size, 7)).toEqual([]);
    expect(batchesBySize([7, 7], size, 7)).toEqual([[7], [7]]);
  });
});
