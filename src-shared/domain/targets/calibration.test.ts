import { describe, expect, it } from 'vitest';
import { createSeededRandom } from '../projection/seededRandom';
import type { SpreadPriors } from '../projection/spreadPrior';
import { calibrationBacktest, summarizeCases, type CalibrationCase } from './calibration';
import type { IndicatorSeries } from './historySeries';

/** Series whose yearly growth is a drift (drawn per series around `drift` with sd `driftSd`) plus normal noise of sd `sd`: the spread is known. */
function syntheticSeries(count: number, years: number, sd: number, seed: number, drift = 0.05, driftSd = 0): IndicatorSeries[] {
  const random = createSeededRandom(seed);
  return Array.from({ length: count }, (_, index) => {
    const seriesDrift = drift + driftSd * random.nextNormal();
    let value = 100;
    const series = [];
    for (let year = 2010; year < 2010 + years; year++) {
      series.push({ year, value });
      value *= 1 + seriesDrift + sd * random.nextNormal();
    }
    return { indicatorCode: `s${index}`, region: '慈溪市', scope: '全市', unit: '家', indicatorKind: 'level', series };
  });
}

const fixed = (sd: number): SpreadPriors => ({
  count: { spreadClass: 'count', sd, source: 'default', changes: 0, series: 0 },
  money: { spreadClass: 'money', sd, source: 'default', changes: 0, series: 0 },
  share: { spreadClass: 'share', sd, source: 'default', changes: 0, series: 0 },
});

describe('calibration backtest', () => {
  it('counts the actual inside P10–P90, below and above, and the status hits exactly', () => {
    const base: CalibrationCase = {
      indicatorCode: 'x', region: 'r', scope: 's', unit: '家', year: 2020, trainingYears: 1, method: 'growth',
      actual: 10, p10: 8, p90: 12, inside: true, status: 'on-track', met: true, statusRight: true,
    };
    const summary = summarizeCases([
      base,
      { ...base, actual: 7, inside: false, status: 'off-track', met: false, statusRight: true },
      { ...base, actual: 13, inside: false, status: 'off-track', met: true, statusRight: false },
      { ...base, status: 'at-risk', statusRight: null },
    ]);
    expect(summary).toEqual({ cases: 4, coverage: 0.5, below: 0.25, above: 0.25, statusRight: 2 / 3, atRisk: 0.25 });
  });

  it('finds about 80 % inside P10–P90 when the spread is the true one, on synthetic series with known spread', () => {
    // Flat from one value: each series' drift unknown (sd 0.05 around 0) plus yearly noise σ = 0.1; the simulation's
    // σ·√(1 + h/4) for a trend the series says nothing of is then the true one-year spread, √1.25 · 0.1.
    const flat = calibrationBacktest(syntheticSeries(300, 2, 0.1, 7, 0, 0.05), { priors: fixed(0.1), paths: 1000 });
    expect(flat.cases).toBe(300);
    expect(flat.coverage!).toBeGreaterThan(0.74);
    expect(flat.coverage!).toBeLessThan(0.86);
    // With a drift of 5 % fitted from 2–4 earlier years, the trend's own error widens the fan (√(1 + h/n)) and coverage holds.
    const trend = calibrationBacktest(syntheticSeries(100, 5, 0.1, 9, 0.05), { priors: fixed(0.1), paths: 1000, minTrainingYears: 2 });
    expect(trend.cases).toBe(300);
    expect(trend.coverage!).toBeGreaterThan(0.72);
    expect(trend.coverage!).toBeLessThan(0.9);
  });

  it('reports far too few inside when the spread is too narrow, and nearly all when it is too wide', () => {
    const narrow = calibrationBacktest(syntheticSeries(40, 4, 0.2, 11), { priors: fixed(0.02), paths: 500 });
    const wide = calibrationBacktest(syntheticSeries(40, 4, 0.02, 11), { priors: fixed(0.3), paths: 500 });
    expect(narrow.coverage!).toBeLessThan(0.3);
    expect(wide.coverage!).toBeGreaterThan(0.97);
  });

  it('pools the prior only from years before the held-out year', () => {
    // Two series: one calm until 2013 then wild. The 2012 prior cannot know of the wild years.
    const calm = { indicatorCode: 'calm', region: 'r', scope: 's', unit: '家', indicatorKind: 'level', series: [100, 101, 102, 103, 104, 300, 50, 400].map((value, index) => ({ year: 2008 + index, value })) };
    const report = calibrationBacktest([calm], { paths: 200 });
    const early = report.list.find((entry) => entry.year === 2012)!;
    const late = report.list.find((entry) => entry.year === 2015)!;
    expect(early.p90 - early.p10).toBeLessThan(late.p90 - late.p10);
  });

  it('does not leak: changing a held-out value changes no prediction of that year or before', () => {
    const grow = (code: string, values: number[], from: number) => ({ indicatorCode: code, region: 'r', scope: 's', unit: '家', indicatorKind: 'level', series: values.map((value, index) => ({ year: from + index, value })) });
    const others = [grow('a', [100, 108, 117, 126, 136], 2015), grow('b', [50, 54, 58, 63, 68], 2015)];
    const held = (value: number) => calibrationBacktest([...others, grow('c', [200, value, 230], 2017)], { paths: 300 });
    const before = held(210);
    const after = held(900);
    const own = (report: ReturnType<typeof held>) => report.list.filter((entry) => entry.indicatorCode !== 'c' || entry.year <= 2018).map(({ p10, p90, year, indicatorCode }) => ({ p10, p90, year, indicatorCode }));
    // Every case up to and including c's 2018 (and every other series' cases up to 2018) is predicted the same.
    const upTo2018 = (list: ReturnType<typeof own>) => list.filter((entry) => entry.year <= 2018);
    expect(upTo2018(own(after))).toEqual(upTo2018(own(before)));
    // The pooled drift does reach the one-value case of c (2018 from 2017), from a and b's years before 2018.
    const c2018 = before.list.find((entry) => entry.indicatorCode === 'c' && entry.year === 2018)!;
    expect((c2018.p10 + c2018.p90) / 2).toBeGreaterThan(200);
    // And a later year, which may use 2018, does change.
    expect(after.list.find((entry) => entry.indicatorCode === 'c' && entry.year === 2019)!.p90).not.toBe(before.list.find((entry) => entry.indicatorCode === 'c' && entry.year === 2019)!.p90);
  });
});
