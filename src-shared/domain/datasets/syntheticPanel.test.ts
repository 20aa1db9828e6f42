import { describe, expect, it } from 'vitest';
import { syntheticPanel } from './syntheticPanel';

describe('syntheticPanel', () => {
  it('is deterministic for a seed, a prefix for fewer rows, and different for another seed', () => {
    const a = [...syntheticPanel(23, 7)];
    expect([...syntheticPanel(23, 7)]).toEqual(a);
    expect([...syntheticPanel(10, 7)]).toEqual(a.slice(0, 10));
    expect([...syntheticPanel(23, 8)]).not.toEqual(a);
    expect(a).toHaveLength(23);
  });

  it('labels every row synthetic and keeps values plausible', () => {
    const rows = [...syntheticPanel(5000, 1)];
    expect(rows.every((row) => row.synthetic === true && /^SYN-\d{7}$/.test(row.enterprise))).toBe(true);
    expect(rows.slice(0, 6).map((row) => [row.enterprise, row.year])).toEqual([
      ['SYN-0000001', 2019],
      ['SYN-0000001', 2020],
      ['SYN-0000001', 2021],
      ['SYN-0000001', 2022],
      ['SYN-0000001', 2023],
      ['SYN-0000002', 2019],
    ]);
    expect(rows.every((row) => row.revenue > 0 && row.rd_expenditure >= 0 && row.rd_expenditure < row.revenue)).toBe(true);
    const share = rows.filter((row) => row.is_hightech).length / rows.length;
    expect(share).toBeGreaterThan(0.05);
    expect(share).toBeLessThan(0.5);
    // Once high-tech, an enterprise stays high-tech in later years.
    for (let index = 1; index < rows.length; index++) {
      const [before, after] = [rows[index - 1]!, rows[index]!];
      if (before.enterprise === after.enterprise && before.is_hightech) expect(after.is_hightech).toBe(true);
    }
  });
});
