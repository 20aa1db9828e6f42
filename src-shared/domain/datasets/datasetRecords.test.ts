import { describe, expect, it } from 'vitest';
import { readYear } from './datasetRecords';

describe('readYear', () => {
  it('reads a whole year within the range, or nothing', () => {
    expect([readYear('2024'), readYear(' 1949 '), readYear(2100)]).toEqual([2024, 1949, 2100]);
    expect([readYear(''), readYear('  '), readYear('1948'), readYear('2024.5'), readYear('二〇二四'), readYear(2101)]).toEqual([null, null, null, null, null, null]);
    expect([readYear('1999', 2000, 2100), readYear('2000', 2000, 2100)]).toEqual([null, 2000]);
  });
});
