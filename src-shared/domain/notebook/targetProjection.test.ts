import { describe, expect, it } from 'vitest';
import { targetProjection } from './targetProjection';

const series = [520, 610, 700, 790, 880].map((value, index) => ({ year: 2019 + index, value }));
const target = { year: 2024, comparator: '>' as const, value: 1000 };

describe('targetProjection', () => {
  it('projects the series to the target year and judges it against the target', () => {
    const linear = targetProjection(series, target, 'linear', '家');
    expect(linear).toMatchObject({ method: 'linear', year: 2024, status: 'at-risk', note: null });
    // A straight line through +90 a year: 880 + 90.
    expect(linear.value).toBeCloseTo(970, 9);
    // (1000 / 880) − 1: the growth that reaches the target in one year.
    expect(linear.requiredGrowth).toBeCloseTo(1000 / 880 - 1, 12);
    const cagr = targetProjection(series, { ...target, value: 900 }, 'cagr', '家');
    expect(cagr.value).toBeCloseTo(880 * (880 / 520) ** (1 / 4), 9);
    expect(cagr.status).toBe('on-track');
    expect(targetProjection(series, { ...target, value: 2000 }, 'linear', '家').status).toBe('off-track');
  });

  it('bounds percentages at 100 with the logistic method', () => {
    const coverage = [62, 70, 78, 85, 91].map((value, index) => ({ year: 2019 + index, value }));
    const result = targetProjection(coverage, { year: 2024, comparator: '>=', value: 100 }, 'logistic', '%');
    expect(result.value).toBeGreaterThan(91);
    expect(result.value).toBeLessThan(100);
  });

  it('says why instead of failing when the series cannot be projected', () => {
    expect(targetProjection([], target, 'cagr', '家')).toMatchObject({ value: null, status: null, requiredGrowth: null });
    expect(targetProjection([], target, 'cagr', '家').note).toMatch(/无法推算/);
    const single = targetProjection([{ year: 2023, value: 880 }], target, 'cagr', '家');
    expect(single.value).toBeNull();
    expect(single.note).toMatch(/2/);
    expect(single.requiredGrowth).toBeCloseTo(1000 / 880 - 1, 12);
    const reached = targetProjection([...series, { year: 2024, value: 1010 }], target, 'linear', '家');
    expect(reached).toMatchObject({ value: null, requiredGrowth: null });
    expect(reached.note).toMatch(/2024/);
  });
});
