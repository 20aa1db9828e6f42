import type { AnnualPoint } from '../projection/annualSeries';
import { pooledSpreadPriors, type SpreadPriors } from '../projection/spreadPrior';
import { chooseObservations, isAnnualPeriod, type RawObservation } from './observationChoice';

/** An observation with the indicator and scope it belongs to. */
export interface IndicatorObservation extends RawObservation {
  indicatorCode: string;
  region: string;
  scope: string;
  unit: string;
  /** The indicator's `kind` (level, share, growth_rate, …). */
  indicatorKind: string | null;
}

export interface IndicatorSeries {
  indicatorCode: string;
  region: string;
  scope: string;
  unit: string;
  indicatorKind: string | null;
  /** Annual values, one per year (chosen as the board chooses them), oldest first. */
  series: AnnualPoint[];
}

const MEASURED = new Set(['actual', 'preliminary', 'revised', 'final']);

/**
 * The real annual series of the bundled history: one per indicator, region,
 * scope and unit, of measured figures only (derived and estimated rows,
 * user rows and growth rates are left out: a growth rate in % is not a
 * level whose changes the prior describes).
 */
export function bundledAnnualSeries(rows: readonly IndicatorObservation[]): IndicatorSeries[] {
  const groups = new Map<string, IndicatorObservation[]>();
  for (const row of rows) {
    if (row.origin === 'user' || !MEASURED.has(row.status) || !isAnnualPeriod(row.period) || row.indicatorKind === 'growth_rate') continue;
    const key = [row.indicatorCode, row.region, row.scope, row.unit].join('\u0000');
    const group = groups.get(key);
    if (group) group.push(row);
    else groups.set(key, [row]);
  }
  return [...groups.values()].map((group) => {
    const first = group[0]!;
    return {
      indicatorCode: first.indicatorCode,
      region: first.region,
      scope: first.scope,
      unit: first.unit,
      indicatorKind: first.indicatorKind,
      series: chooseObservations(group).chosen.map((row) => ({ year: row.year, value: row.value })),
    };
  });
}

/** The spread priors of a workspace: pooled over its bundled annual series (years up to `beforeYear` − 1 when given). */
export function bundledSpreadPriors(series: readonly IndicatorSeries[], beforeYear?: number): SpreadPriors {
  return pooledSpreadPriors(
    series.map((entry) => ({ unit: entry.unit, series: beforeYear === undefined ? entry.series : entry.series.filter((point) => point.year < beforeYear) })),
  );
}
