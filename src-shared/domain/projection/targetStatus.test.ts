import { describe, expect, it } from 'vitest';
import { meetsTarget, parseComparator, STATUS_THRESHOLDS, statusFromProbability, statusFromProjection, targetStatus } from './targetStatus';

describe('meetsTarget', () => {
  it('applies each comparator', () => {
    expect(meetsTarget(1000, { comparator: '>', value: 1000 })).toBe(false);
    expect(meetsTarget(1001, { comparator: '>', value: 1000 })).toBe(true);
    expect(meetsTarget(320, { comparator: '>=', value: 320 })).toBe(true);
    expect(meetsTarget(319.9, { comparator: '>=', value: 320 })).toBe(false);
  });

  it('counts full coverage as met only within rounding to one decimal (99.95 %), so 99.7 % is not 全覆盖', () => {
    expect(meetsTarget(99.95, { comparator: '=', value: 100 })).toBe(true);
    expect(meetsTarget(99.7, { comparator: '=', value: 100 })).toBe(false);
    expect(meetsTarget(99.94, { comparator: '=', value: 100 })).toBe(false);
    expect(meetsTarget(100, { comparator: '=', value: 100 })).toBe(true);
  });
});

describe('status', () => {
  it('uses the documented probability thresholds', () => {
    expect(STATUS_THRESHOLDS).toEqual({ onTrackProbability: 0.8, atRiskProbability: 0.4, atRiskShortfall: 0.05 });
    expect(statusFromProbability(0.8)).toBe('on-track');
    expect(statusFromProbability(0.7999)).toBe('at-risk');
    expect(statusFromProbability(0.4)).toBe('at-risk');
    expect(statusFromProbability(0.3999)).toBe('off-track');
    expect(() => statusFromProbability(1.2)).toThrow('between 0 and 1');
  });

  it('falls back to the projected shortfall without a probability', () => {
    const target = { comparator: '>=' as const, value: 100 };
    expect(statusFromProjection(100, target)).toBe('on-track');
    expect(statusFromProjection(95, target)).toBe('at-risk');
    expect(statusFromProjection(94.9, target)).toBe('off-track');
    expect(targetStatus({ target, projected: 90, probability: 0.9 })).toBe('on-track');
    expect(targetStatus({ target, projected: 90, probability: null })).toBe('off-track');
  });
});

describe('parseComparator', () => {
  it('reads ASCII, full-width and typographic forms', () => {
    expect(['>', '＞', '>=', '≥', ' = ', '＝', '=='].map(parseComparator)).toEqual(['>', '>', '>=', '>=', '=', '=', '=']);
    expect(() => parseComparator('<')).toThrow('Unknown target comparator "<"; use >, >= or =');
  });
});
