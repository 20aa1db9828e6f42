import { join } from 'node:path';
import { readBundledDatasetFiles } from '../../src-main/datasets/bundledDatasetFiles';
import type { BundledDataset } from '../../src-shared/domain/datasets/datasetRecords';
import { calibrationBacktest } from '../../src-shared/domain/targets/calibration';
import { bundledAnnualSeries, type IndicatorObservation } from '../../src-shared/domain/targets/historySeries';
import type { BenchFigures } from './benchFigures';

/** The bundled observations with their indicator's kind and their source's publication date. */
export function datasetObservations(dataset: BundledDataset): IndicatorObservation[] {
  const kinds = new Map(dataset.indicators.map((indicator) => [indicator.code, indicator.kind as string]));
  const sources = new Map(dataset.sources.map((source) => [source.source_id, source]));
  return dataset.observations.map((row) => {
    const source = row.source_id ? sources.get(row.source_id) : undefined;
    return {
      indicatorCode: row.indicator_code,
      region: row.region,
      scope: row.scope,
      unit: row.unit,
      indicatorKind: kinds.get(row.indicator_code) ?? null,
      year: row.year,
      period: row.period,
      value: row.value,
      status: row.status,
      origin: 'bundled',
      sourceTitle: source?.title ?? null,
      sourceDate: source?.date ?? null,
    };
  });
}

/**
 * The calibration backtest over every bundled real series (measured annual
 * figures; derived and estimated rows left out): each year held out in turn
 * and projected from the years before it with the board's default model and
 * spread (the prior pooled from the years before it). Not a timing: the
 * figures are shares of cases and do not depend on the machine.
 */
export async function calibrationBench(log: (line: string) => void): Promise<BenchFigures> {
  const { dataset } = await readBundledDatasetFiles(join(process.cwd(), 'datasets'));
  const series = bundledAnnualSeries(datasetObservations(dataset));
  const usable = series.filter((entry) => entry.series.length >= 2);
  const report = calibrationBacktest(series, { paths: 4000, seed: 1 });
  const percent = (value: number | null) => (value === null ? '—' : `${(value * 100).toFixed(1)} %`);
  log(`${series.length} bundled annual series, ${usable.length} with 2 or more years; ${report.cases} held-out years from ${report.series} series`);
  log(`P10–P90 coverage ${percent(report.coverage)} (below P10 ${percent(report.below)}, above P90 ${percent(report.above)})`);
  log(`status right ${percent(report.statusRight)} of decisive calls (target: at least last year's value); at risk ${percent(report.atRisk)}`);
  for (const [years, summary] of Object.entries(report.byTraining)) {
    log(`  from ${years} earlier year(s): ${summary.cases} cases, coverage ${percent(summary.coverage)}, status right ${percent(summary.statusRight)}`);
  }
  if (report.cases === 0) {
    log('no series has two or more years: nothing to calibrate on');
    return {};
  }
  const note = `${report.cases} held-out years of ${report.series} bundled series, 4,000 paths each`;
  const figures: BenchFigures = {
    'calibration.p10p90Coverage': { value: report.coverage! * 100, goal: 70, better: 'higher', unit: '% (70–90 wanted)', note },
  };
  if (report.statusRight !== null) figures['calibration.statusRight'] = { value: report.statusRight * 100, goal: 70, better: 'higher', unit: '%', note };
  return figures;
}
