import { describe, expect, it } from 'vitest';
import { DEFAULT_SPREAD_PRIOR, DRIFT_PRIOR_WEIGHT, MIN_DRIFT_STEPS, pooledSpreadPriors, PRIOR_WEIGHT, shrunkDrift, shrunkSpread, spreadClassFor } from './spreadPrior';

const series = (values: number[], from = 2015) => values.map((value, index) => ({ year: from + index, value }));

describe('spread prior', () => {
  it('classes units as counts, money and shares', () => {
    expect(spreadClassFor('家')).toBe('count');
    expect(spreadClassFor('亿元')).toBe('money');
    expect(spreadClassFor('万元')).toBe('money');
    expect(spreadClassFor('%')).toBe('share');
  });

  it('falls back to the documented defaults when the bundle has too few changes', () => {
    const priors = pooledSpreadPriors([{ unit: '家', series: series([100, 110]) }]);
    expect(priors.count).toEqual({ spreadClass: 'count', sd: DEFAULT_SPREAD_PRIOR.count, source: 'default', changes: 0, series: 0 });
  });

  it('pools the within-series variance of growth rates over comparable series', () => {
    // Growth rates 10 %, 30 %, 10 %, 30 % (squares about the mean 0.04) and 0 %, 20 %, 0 % (squares 0.08 / 3): pooled over 3 + 2 degrees of freedom.
    const a = series([100, 110, 143, 157.3, 204.49]);
    const b = series([50, 50, 60, 60]);
    const priors = pooledSpreadPriors([
      { unit: '家', series: a },
      { unit: '个', series: b },
    ]);
    expect(priors.count.source).toBe('bundled');
    expect(priors.count.changes).toBe(7);
    expect(priors.count.sd).toBeCloseTo(Math.sqrt((0.04 + 0.08 / 3) / 5), 9);
    expect(priors.money.source).toBe('default');
  });

  it('uses the prior alone for one or two values and moves toward the series own sd as its history grows', () => {
    const prior = { spreadClass: 'count' as const, sd: 0.2, source: 'default' as const, changes: 0, series: 0 };
    expect(shrunkSpread(series([100]), prior)).toMatchObject({ sd: 0.2, ownWeight: 0 });
    expect(shrunkSpread(series([100, 101]), prior)).toMatchObject({ sd: 0.2, ownWeight: 0 });
    // Alternating 10 % and 30 % growth: own sd 0.1155 over 3 degrees of freedom.
    const own = shrunkSpread(series([100, 110, 143, 157.3, 204.49]), prior);
    expect(own.ownWeight).toBeCloseTo(3 / (PRIOR_WEIGHT + 3), 12);
    expect(own.sd).toBeCloseTo(Math.sqrt((4 * 0.04 + 3 * (0.04 / 3)) / 7), 9);
    const long = shrunkSpread(series(Array.from({ length: 30 }, (_, index) => 100 * 1.1 ** index * (index % 2 ? 1.05 : 1))), prior);
    expect(long.ownWeight).toBeGreaterThan(0.85);
    expect(Math.abs(long.sd - long.ownSd)).toBeLessThan(Math.abs(0.2 - long.ownSd));
  });
});

describe('pooled drift prior', () => {
  it('recovers a known drift from comparable series, gaps spread evenly, and shrinks toward the series own as its history grows', () => {
    // Every series grows exactly 8 % a year; one skips two years.
    const grow = (from: number, years: number[]) => years.map((year) => ({ year, value: from * 1.08 ** (year - years[0]!) }));
    const priors = pooledSpreadPriors([
      { unit: '家', series: grow(100, [2015, 2016, 2017]) },
      { unit: '个', series: grow(40, [2015, 2018, 2019]) },
    ]);
    expect(priors.count.drift).toBeCloseTo(0.08, 12);
    expect(priors.count.driftChanges).toBe(6);
    // Money has no steps of its own: counts and money pool together as levels; shares stand alone.
    expect(priors.money.drift).toBeCloseTo(0.08, 12);
    expect(priors.share.drift).toBeUndefined();
    const prior = priors.count;
    // One value: the pooled drift alone, so the central path is no longer flat.
    expect(shrunkDrift(series([50]), { method: 'growth', rate: 0 }, prior, null)).toMatchObject({ steps: 0, ownWeight: 0 });
    expect(shrunkDrift(series([50]), { method: 'growth', rate: 0 }, prior, null)!.drift).toBeCloseTo(0.08, 12);
    // Two values 2 years apart growing 20 % a year: weight 2 / (2 + k).
    const two = shrunkDrift([{ year: 2015, value: 100 }, { year: 2017, value: 144 }], { method: 'cagr' }, prior, null)!;
    expect(two.own).toBeCloseTo(0.2, 12);
    expect(two.ownWeight).toBeCloseTo(2 / (2 + DRIFT_PRIOR_WEIGHT), 12);
    expect(two.drift).toBeCloseTo((DRIFT_PRIOR_WEIGHT * 0.08 + 2 * 0.2) / (DRIFT_PRIOR_WEIGHT + 2), 12);
    // A planner's fixed growth rate and Holt's own fit are left alone.
    expect(shrunkDrift(series([50]), { method: 'growth', rate: 0.05 }, prior, null)).toBeNull();
    expect(shrunkDrift(series([50, 52, 55, 60]), { method: 'holt' }, prior, null)).toBeNull();
  });

  it('has no drift with fewer pooled steps than MIN_DRIFT_STEPS', () => {
    expect(pooledSpreadPriors([{ unit: '家', series: series([100, 110, 121]) }]).count.drift).toBeUndefined();
    expect(MIN_DRIFT_STEPS).toBeGreaterThan(2);
  });
});
