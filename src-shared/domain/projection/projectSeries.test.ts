import { describe, expect, it } from 'vitest';
import { projectionSpecSchema, projectSeries, type ProjectionSpec } from './projectSeries';

const series = [100, 112, 121, 135, 150, 163].map((value, index) => ({ year: 2018 + index, value }));

describe('projectSeries', () => {
  it.each<[ProjectionSpec, string[]]>([
    [{ method: 'growth', rate: 0.1 }, ['method', 'rate', 'baseYear', 'baseValue']],
    [{ method: 'cagr', years: 3 }, ['method', 'rate', 'years', 'rateFromYear', 'rateToYear']],
    [{ method: 'exponential' }, ['method', 'rate', 'factor', 'trendAtLastYear']],
    [{ method: 'linear' }, ['method', 'slope', 'intercept']],
    [{ method: 'holt' }, ['method', 'alpha', 'beta', 'phi', 'init', 'initialLevel', 'initialTrend', 'initialYear', 'level', 'trend', 'sse', 'estimated']],
    [{ method: 'damped', phi: 0.9, init: 'simple' }, ['method', 'alpha', 'beta', 'phi', 'init', 'initialLevel', 'initialTrend', 'initialYear', 'level', 'trend', 'sse', 'estimated']],
  ])('%j projects to the year asked and reports its parameters', (spec, keys) => {
    const projection = projectSeries(series, spec, 2025);
    expect(projection.path.map((point) => point.year)).toEqual([2024, 2025]);
    expect(Object.keys(projection.parameters)).toEqual(keys);
    expect(projection.lastActual).toEqual({ year: 2023, value: 163 });
  });

  it('reports fitted Holt parameters and the damping given', () => {
    const damped = projectSeries(series, { method: 'damped', phi: 0.9, init: 'simple' }, 2024).parameters;
    expect(damped.phi).toBe(0.9);
    expect(damped.init).toBe('simple');
    expect(damped.estimated).toBe('alpha,beta');
  });

  it('projects logistic shares with their ceiling', () => {
    const shares = [40, 55, 68].map((value, index) => ({ year: 2021 + index, value }));
    const projection = projectSeries(shares, { method: 'logistic' }, 2024);
    expect(projection.parameters.capacity).toBe(100);
    expect(projection.path[0]!.value).toBeLessThan(100);
  });
});

describe('projectionSpecSchema', () => {
  it('accepts stored specs and rejects unknown settings', () => {
    expect(projectionSpecSchema.parse({ method: 'holt', alpha: 0.5, init: { level: 1, trend: 0 } })).toEqual({ method: 'holt', alpha: 0.5, init: { level: 1, trend: 0 } });
    expect(projectionSpecSchema.safeParse({ method: 'holt', alpha: 2 }).success).toBe(false);
    expect(projectionSpecSchema.safeParse({ method: 'linear', rate: 1 }).success).toBe(false);
    expect(projectionSpecSchema.safeParse({ method: 'arima' }).success).toBe(false);
  });
});
