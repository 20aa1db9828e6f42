import { checkedSeries, lastPoint, type AnnualSeries } from './annualSeries';
import { growthRateVolatility, logitIncrementVolatility } from './historicalVolatility';
import type { ProjectionSpec } from './projectSeries';
import { shrunkSpread, trendUncertaintyFactor } from './spreadPrior';
import { assumptionKeyOf, DEFAULT_SPREADS, newCertificationsSd } from './evaluateScenario';
import type { Scenario, ScenarioId, ScenarioKind, TargetAssumptions, TargetDefinition, TargetInput } from './scenario';

/**
 * The z of P90 (and −z of P10) of a standard normal: the optimistic and
 * pessimistic scenarios move each knob by this many of the same yearly σ
 * the Monte Carlo draws with, so they sit at the edges of the P10–P90 fan
 * for the first projected year.
 */
export const SCENARIO_Z = 1.2816;

/**
 * The three built-in scenarios. Baseline takes every model's defaults.
 * Optimistic and pessimistic move each target by ±SCENARIO_Z yearly σ, from
 * the same spread as the simulation: series and ratio numerators by their
 * growth adjustment (on the logit for logistic paths); stock-and-flow new
 * certifications and the recertification rate by their spreads; year-end
 * estimates the rest-of-year pace by the seasonal share's relative spread.
 * Names are the Chinese defaults; the UI may show localized names for the
 * built-in kinds.
 */
export function defaultScenarios(inputs: readonly TargetInput[]): Scenario[] {
  const make = (kind: ScenarioKind, name: string, sign: 1 | -1 | 0): Scenario => {
    const assumptions: Record<string, TargetAssumptions> = {};
    if (sign !== 0) {
      // Targets sharing an indicator share its assumptions: the first (earliest) target's model sets them.
      for (const input of inputs) assumptions[assumptionKeyOf(input.definition)] ??= shiftedAssumptions(input, sign);
    }
    return { id: kind as ScenarioId, name, kind, assumptions };
  };
  return [make('baseline', '基准情景', 0), make('optimistic', '乐观情景', 1), make('pessimistic', '悲观情景', -1)];
}

const round3 = (value: number) => Math.round(value * 1000) / 1000;

/**
 * The yearly σ a series' growth adjustment is measured in: the shrunk spread
 * with a prior (a share's logit σ turned into a growth rate at its last
 * level, unless the path itself is logistic), the series' own without.
 */
export function seriesSpreadSd(series: AnnualSeries, method: ProjectionSpec, definition: TargetDefinition): number {
  if (definition.spreadPrior) {
    const { sd } = shrunkSpread(series, definition.spreadPrior);
    if (definition.spreadPrior.spreadClass !== 'share' || method.method === 'logistic') return sd;
    return sd * Math.max(0, 1 - lastPoint(series).value / 100);
  }
  if (method.method === 'logistic') return logitIncrementVolatility(series, method.capacity ?? 100).sd;
  return series.every((point) => point.value > 0) ? growthRateVolatility(series).sd : 0;
}

function shiftedAssumptions({ definition, model }: TargetInput, sign: 1 | -1): TargetAssumptions {
  // A yearly shift that lands the scenario near P90 (P10) in the target year: z·σ_total / h, where the fan's
  // σ_total = σ·√h·(trend widening); so long horizons do not compound a one-year shift into a path far outside the fan.
  const shift = (sd: number, series: AnnualSeries, method: ProjectionSpec) => {
    if (!definition.spreadPrior) return round3(sign * SCENARIO_Z * sd);
    const last = lastPoint(checkedSeries(series, { method: definition.name, minLength: 1 }));
    const horizon = Math.max(1, definition.target.year - last.year);
    const widen = trendUncertaintyFactor(method.method, series.length - 1, horizon);
    return round3((sign * SCENARIO_Z * sd * widen) / Math.sqrt(horizon));
  };
  switch (model.kind) {
    case 'series':
      return { growthAdjustment: shift(seriesSpreadSd(model.series, model.method, definition), model.series, model.method) };
    case 'stockFlow': {
      const newSd = newCertificationsSd(model, model.baseline.newCertifications);
      const rateSd = model.spreads?.recertificationRateSd ?? DEFAULT_SPREADS.recertificationRate;
      return {
        newCertifications: Math.max(0, Math.round(model.baseline.newCertifications + sign * SCENARIO_Z * newSd)),
        recertificationRate: Math.min(1, Math.max(0, round3(model.baseline.recertificationRate + sign * SCENARIO_Z * rateSd))),
      };
    }
    case 'ratio':
      return { numeratorGrowthAdjustment: shift(seriesSpreadSd(model.numerator.series, model.numerator.method, definition), model.numerator.series, model.numerator.method) };
    case 'yearEnd': {
      // The rest of the year's pace: the seasonal share's spread relative to the share, or the prior's yearly σ.
      const relative = definition.spreadPrior ? shrunkSpread(model.annual, definition.spreadPrior).sd : DEFAULT_SPREADS.seasonalShare / 0.5;
      return { paceFactor: Math.max(0, round3(1 + sign * SCENARIO_Z * relative)) };
    }
  }
}
