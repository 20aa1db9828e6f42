import { z } from 'zod';
import { checkedSeries, lastPoint, type AnnualPoint, type AnnualSeries, type ProjectedPoint } from './annualSeries';
import { projectCagr, projectExponentialTrend, projectFixedGrowth } from './growthProjection';
import { HOLT_INITIALIZATIONS, projectHolt, type HoltInitialization } from './holtProjection';
import { projectLinearTrend } from './linearProjection';
import { projectLogistic } from './logisticProjection';

/** The univariate projection methods, by the names the CLI and scenario files use. */
export const PROJECTION_METHODS = ['growth', 'cagr', 'exponential', 'linear', 'holt', 'damped', 'logistic'] as const;
export type ProjectionMethod = (typeof PROJECTION_METHODS)[number];

/** A method and its settings; settings left out are fitted from the series. */
export type ProjectionSpec =
  | { method: 'growth'; rate: number }
  | { method: 'cagr'; years?: number }
  | { method: 'exponential' }
  | { method: 'linear' }
  | { method: 'holt'; alpha?: number; beta?: number; init?: HoltInitialization }
  | { method: 'damped'; alpha?: number; beta?: number; phi?: number; init?: HoltInitialization }
  | { method: 'logistic'; capacity?: number };

const initSchema = z.union([
  z.enum(HOLT_INITIALIZATIONS),
  z.object({ level: z.number(), trend: z.number() }).strict(),
]);
const unit = z.number().min(0).max(1);

/** Validator for a `ProjectionSpec` read from a file (scenarios are stored as JSON). */
export const projectionSpecSchema: z.ZodType<ProjectionSpec> = z.discriminatedUnion('method', [
  z.object({ method: z.literal('growth'), rate: z.number().gt(-1) }).strict(),
  z.object({ method: z.literal('cagr'), years: z.number().int().min(1).optional() }).strict(),
  z.object({ method: z.literal('exponential') }).strict(),
  z.object({ method: z.literal('linear') }).strict(),
  z.object({ method: z.literal('holt'), alpha: unit.optional(), beta: unit.optional(), init: initSchema.optional() }).strict(),
  z
    .object({
      method: z.literal('damped'),
      alpha: unit.optional(),
      beta: unit.optional(),
      phi: z.number().gt(0).max(1).optional(),
      init: initSchema.optional(),
    })
    .strict(),
  z.object({ method: z.literal('logistic'), capacity: z.number().positive().optional() }).strict(),
]) as z.ZodType<ProjectionSpec>;

export type ParameterValue = number | string | null;

export interface Projection {
  spec: ProjectionSpec;
  /** The last actual observation the path starts after. */
  lastActual: AnnualPoint;
  path: ProjectedPoint[];
  /** The method's settings and fitted values, for display and for the CLI's JSON. */
  parameters: Record<string, ParameterValue>;
}

/** Projects `series` to `toYear` with one method. Throws `ProjectionInputError` for unusable input. */
export function projectSeries(series: AnnualSeries, spec: ProjectionSpec, toYear: number): Projection {
  const lastActual = lastPoint(checkedSeries(series, { method: methodLabel(spec.method), minLength: 1 }));
  switch (spec.method) {
    case 'growth':
      return {
        spec,
        lastActual,
        path: projectFixedGrowth(series, { rate: spec.rate, toYear }),
        parameters: { method: 'growth', rate: spec.rate, baseYear: lastActual.year, baseValue: lastActual.value },
      };
    case 'cagr': {
      const { growth, path } = projectCagr(series, { ...(spec.years === undefined ? {} : { years: spec.years }), toYear });
      return {
        spec,
        lastActual,
        path,
        parameters: { method: 'cagr', rate: growth.rate, years: growth.years, rateFromYear: growth.fromYear, rateToYear: growth.toYear },
      };
    }
    case 'exponential': {
      const { trend, path } = projectExponentialTrend(series, { toYear });
      // LOGEST's b is the value at year 0, meaningless for calendar years; report the trend at the last actual year.
      return {
        spec,
        lastActual,
        path,
        parameters: { method: 'exponential', rate: trend.factor - 1, factor: trend.factor, trendAtLastYear: trend.valueAt(lastActual.year) },
      };
    }
    case 'linear': {
      const { trend, path } = projectLinearTrend(series, { toYear });
      return { spec, lastActual, path, parameters: { method: 'linear', slope: trend.slope, intercept: trend.intercept } };
    }
    case 'holt':
    case 'damped': {
      const { fit, path } = projectHolt(series, {
        ...(spec.alpha === undefined ? {} : { alpha: spec.alpha }),
        ...(spec.beta === undefined ? {} : { beta: spec.beta }),
        ...(spec.method === 'damped' ? { damped: true, ...(spec.phi === undefined ? {} : { phi: spec.phi }) } : {}),
        ...(spec.init === undefined ? {} : { init: spec.init }),
        toYear,
      });
      return {
        spec,
        lastActual,
        path,
        parameters: {
          method: spec.method,
          alpha: fit.alpha,
          beta: fit.beta,
          phi: fit.phi,
          init: fit.init,
          initialLevel: fit.initialLevel,
          initialTrend: fit.initialTrend,
          initialYear: fit.initialYear,
          level: fit.level,
          trend: fit.trend,
          sse: fit.sse,
          estimated: fit.estimated.join(',') || null,
        },
      };
    }
    case 'logistic': {
      const { fit, path } = projectLogistic(series, { ...(spec.capacity === undefined ? {} : { capacity: spec.capacity }), toYear });
      return {
        spec,
        lastActual,
        path,
        parameters: { method: 'logistic', capacity: fit.capacity, rate: fit.rate, intercept: fit.intercept, midpointYear: fit.midpointYear },
      };
    }
  }
}

/** The method's name in messages. */
export function methodLabel(method: ProjectionMethod): string {
  switch (method) {
    case 'growth':
      return 'Fixed growth';
    case 'cagr':
      return 'CAGR';
    case 'exponential':
      return 'Exponential trend';
    case 'linear':
      return 'Linear trend';
    case 'holt':
      return "Holt's method";
    case 'damped':
      return 'The damped trend method';
    case 'logistic':
      return 'Logistic growth';
  }
}
