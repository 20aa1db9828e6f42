import { describe, expect, it } from 'vitest';
import { requiredPace, targetGap } from './requiredPace';

describe('requiredPace', () => {
  it('stock: the constant growth rate still needed', () => {
    const pace = requiredPace({ paceKind: 'stock', target: { comparator: '>', value: 100, year: 2024 }, latest: { year: 2023, value: 80 } });
    expect(pace).toEqual({ kind: 'growth', rate: expect.closeTo(0.25, 12) as number, years: 1, fromYear: 2023 });
  });

  it('flow: what is still to add this year, or the whole target before the first in-year figure', () => {
    const target = { comparator: '>=' as const, value: 320, year: 2024 };
    expect(requiredPace({ paceKind: 'flow', target, latest: { year: 2024, value: 150, month: 6 } })).toEqual({ kind: 'remaining', amount: 170, monthsLeft: 6 });
    expect(requiredPace({ paceKind: 'flow', target, latest: { year: 2023, value: 601 } })).toEqual({ kind: 'remaining', amount: 320, monthsLeft: 12 });
    expect(requiredPace({ paceKind: 'flow', target, latest: { year: 2024, value: 330, month: 9 } })).toEqual({ kind: 'met' });
    expect(requiredPace({ paceKind: 'flow', target, latest: { year: 2024, value: 300, month: 12 } })).toEqual({ kind: 'missed', shortfall: 20 });
  });

  it('ratio: percentage points still needed', () => {
    const pace = requiredPace({ paceKind: 'ratio', target: { comparator: '>=', value: 3.53, year: 2024 }, latest: { year: 2022, value: 3.2 } });
    expect(pace).toMatchObject({ kind: 'points', years: 2 });
    expect(pace.kind === 'points' && pace.points).toBeCloseTo(0.33, 12);
  });

  it('met and missed', () => {
    expect(requiredPace({ paceKind: 'stock', target: { comparator: '>', value: 100, year: 2024 }, latest: { year: 2023, value: 120 } })).toEqual({ kind: 'met' });
    expect(requiredPace({ paceKind: 'stock', target: { comparator: '>', value: 100, year: 2024 }, latest: { year: 2024, value: 90 } })).toEqual({
      kind: 'missed',
      shortfall: 10,
    });
    expect(() => requiredPace({ paceKind: 'stock', target: { comparator: '>', value: 100, year: 2024 }, latest: { year: 2025, value: 90 } })).toThrow(
      'The latest value (2025) is after the target year 2024',
    );
  });
});

describe('targetGap', () => {
  it('is target minus latest, absolute and as a share of the target', () => {
    expect(targetGap(900, { value: 1000 })).toEqual({ absolute: 100, relative: 0.1 });
    expect(targetGap(5, { value: 0 })).toEqual({ absolute: -5, relative: null });
  });
});
