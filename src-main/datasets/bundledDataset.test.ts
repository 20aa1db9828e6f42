import { readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { decimalPlaces, evaluateFormula, parseFigureText } from '@shared/domain/datasets/figureText';
import { DatasetFileError, parseBundledDataset, type BundledDataset } from '@shared/domain/datasets/datasetRecords';
import { readBundledDatasetFiles, type BundledDatasetFiles } from './bundledDatasetFiles';

/**
 * Every bundled number is checked against the page text it was read from:
 * the bureau's document (datasets/seed/, a verbatim copy of the seed) or a
 * stored passage of a public page (datasets/sources/<source_id>.txt, the text
 * as retrieved, headed by its address). The quote is in its passage, the
 * figure is in the quote and reads as the value, derived values follow from
 * their formula, no figure of the seed is left out, and nothing bundled was
 * published after the bureau wrote its 2024 plan.
 */
const directory = resolve(__dirname, '../../datasets');
const SEED_PASSAGE = 'seed/cixi-st-bureau-2023-summary-2024-plan.zh.txt';
const seed = readFileSync(resolve(directory, SEED_PASSAGE), 'utf8');
/** The bundle describes what the bureau knew when it wrote its 2024 plan (published 2024-02-01); later figures are for users to add. */
const PUBLISHED_BY = '2024-02-01';
const passageText = (passage: string) => readFileSync(resolve(directory, passage), 'utf8');
let bundle: BundledDatasetFiles;
let dataset: BundledDataset;
let quoteOf: (sourceId: string | null) => string;

beforeAll(async () => {
  bundle = await readBundledDatasetFiles(directory);
  dataset = bundle.dataset;
  const quotes = new Map(dataset.sources.map((source) => [source.source_id, source.quote]));
  quoteOf = (sourceId) => quotes.get(sourceId ?? '') ?? '';
});

describe('bundled dataset against the seed', () => {
  it('has the agreed indicators and targets', () => {
    const targets = new Map(dataset.targets.map((target) => [target.target_id, target]));
    const expected: [string, string, string, number, string][] = [
      ['t2024_hightech_enterprises', 'hightech_enterprises', '>', 1000, '家'],
      ['t2024_industrial_rd_expenditure', 'industrial_rd_expenditure', '>', 100, '亿元'],
      ['t2024_rd_gdp_ratio', 'rd_gdp_ratio', '>=', 3.53, '%'],
      ['t2024_new_provincial_tech_smes', 'new_provincial_tech_smes', '>=', 320, '家'],
      ['t2024_new_ningbo_rd_institutions', 'new_ningbo_rd_institutions', '>=', 20, '家'],
      ['t2024_rd_institution_coverage', 'rd_institution_coverage', '=', 100, '%'],
      ['t2024_rd_activity_coverage', 'rd_activity_coverage', '=', 100, '%'],
      ['t2024_innovation_clusters', 'industry_innovation_clusters', '>=', 10, '个'],
    ];
    for (const [id, code, comparator, value, unit] of expected) {
      expect(targets.get(id), id).toMatchObject({ indicator_code: code, comparator, value, unit, year: 2024, region: '慈溪市', scope: '全市' });
    }
  });

  it('quotes every source sentence verbatim from its stored passage, and uses every source and every passage', () => {
    for (const source of dataset.sources) {
      expect(passageText(source.passage).includes(source.quote), `${source.source_id}: quote not in ${source.passage}`).toBe(true);
      if (source.passage === SEED_PASSAGE) {
        expect(source).toMatchObject({ title: '慈溪市科学技术局2023年度工作总结和2024年工作思路', issuer: '慈溪市科学技术局', date: '2024-02-01' });
      } else {
        expect(passageText(source.passage).split('\n')[0], `${source.source_id}: ${source.passage} is not headed by the source's address`).toBe(`url: ${source.url}`);
      }
    }
    const used = new Set([...dataset.observations, ...dataset.comparisons, ...dataset.targets].map((row) => row.source_id));
    expect(dataset.sources.filter((source) => !used.has(source.source_id)).map((source) => source.source_id)).toEqual([]);
    const cited = new Set(dataset.sources.map((source) => source.passage));
    const stored = readdirSync(resolve(directory, 'sources')).map((name) => `sources/${name}`);
    expect(stored.filter((passage) => !cited.has(passage))).toEqual([]);
  });

  it(`bundles only figures published on or before ${PUBLISHED_BY}, each with its address and, for a copy, the original publisher`, () => {
    for (const source of dataset.sources) {
      expect(source.date <= PUBLISHED_BY, `${source.source_id}: published ${source.date}`).toBe(true);
      expect(source.url, source.source_id).toMatch(/^https?:\/\//);
      if (source.copy === 'mirror' || source.copy === 'repost') expect(source.original_publisher, source.source_id).not.toBe('');
    }
    expect(dataset.targets.every((target) => dataset.sources.some((source) => source.source_id === target.source_id && source.passage === SEED_PASSAGE))).toBe(true);
  });

  it('keeps every source of a figure, and their publication dates tell which came later', () => {
    const dateOf = new Map(dataset.sources.map((source) => [source.source_id, source.date]));
    const groups = new Map<string, { id: string; value: number; date: string }[]>();
    for (const row of [...dataset.observations, ...dataset.comparisons].filter((observation) => observation.status !== 'derived')) {
      const key = [row.indicator_code, row.region, row.scope, row.year, row.period].join('|');
      groups.set(key, [...(groups.get(key) ?? []), { id: row.obs_id, value: row.value, date: dateOf.get(row.source_id ?? '') ?? '' }]);
    }
    const repeated = [...groups.entries()].filter(([, rows]) => rows.length > 1);
    for (const [key, rows] of repeated) expect(new Set(rows.map((row) => row.date)).size, `${key}: two sources with one date`).toBe(rows.length);
    // 2022 GDP: the statistical bulletin (preliminary, 2023-02-03) and the government work report (2023-02-04).
    const gdp2022 = groups.get('gdp|慈溪市|全市|2022|annual')!;
    expect(gdp2022.map((row) => [row.value, row.date])).toEqual([
      [2521.58, '2023-02-03'],
      [2521.6, '2023-02-04'],
    ]);
    expect(gdp2022.reduce((later, row) => (row.date > later.date ? row : later)).value).toBe(2521.6);
  });

  it('keeps other regions’ figures apart, in the comparison table, with their own scope', () => {
    expect(dataset.observations.every((row) => row.region === '慈溪市' || row.scope === '全省')).toBe(true);
    const regions = new Map<string, Set<number>>();
    for (const row of dataset.comparisons.filter((comparison) => comparison.indicator_code === 'rd_gdp_ratio')) {
      regions.set(row.region, (regions.get(row.region) ?? new Set()).add(row.year));
    }
    expect([...regions.entries()].map(([region, years]) => [region, [...years]])).toEqual([
      ['宁波国家高新区', [2020]],
      ['宁波市', [2018, 2019]],
    ]);
  });

  it('gives Cixi history before 2023 for GDP, R&D intensity, new high-tech enterprises and new tech SMEs', () => {
    const years = (code: string, scope = '全市') =>
      dataset.observations.filter((row) => row.indicator_code === code && row.scope === scope && row.period === 'annual').map((row) => row.year).sort();
    expect([...new Set(years('gdp'))]).toEqual([2016, 2018, 2020, 2021, 2022]);
    expect(years('rd_gdp_ratio')).toEqual([2014]);
    expect(years('new_hightech_enterprises')).toEqual([2014, 2023]);
    expect(years('new_provincial_tech_smes')).toEqual([2022, 2023]);
    expect(years('new_national_tech_smes')).toEqual([2022, 2023]);
  });

  it('reads every stated figure from its quote', () => {
    const stated = [...[...dataset.observations, ...dataset.comparisons].filter((row) => row.status !== 'derived'), ...dataset.targets];
    expect(stated.length).toBeGreaterThan(50);
    for (const row of stated) {
      const id = 'obs_id' in row ? row.obs_id : row.target_id;
      expect(quoteOf(row.source_id).includes(row.figure_text), `${id}: "${row.figure_text}" not in its quote`).toBe(true);
      expect(parseFigureText(row.figure_text), `${id}: "${row.figure_text}"`).toBe(row.value);
    }
  });

  it('computes every derived value from its formula, with inputs from its quote', () => {
    const derived = dataset.observations.filter((row) => row.status === 'derived');
    expect(derived.length).toBe(7);
    for (const row of derived) {
      const exact = evaluateFormula(row.formula);
      expect(Math.abs(exact - row.value), `${row.obs_id}: ${row.formula} = ${exact}`).toBeLessThanOrEqual(0.5 * 10 ** -decimalPlaces(row.value) + 1e-9);
      const inputs = row.formula.slice(row.formula.lastIndexOf('=') + 1).match(/\d+(?:\.\d+)?/g) ?? [];
      for (const input of inputs.filter((number) => number !== '1' && number !== '100')) {
        expect(quoteOf(row.source_id), `${row.obs_id}: input ${input}`).toContain(input);
      }
    }
  });

  it('leaves no Arabic figure of the document out', () => {
    const body = seed.indexOf('今年以来');
    const covered: [number, number][] = [];
    const fromSeed = new Set(dataset.sources.filter((source) => source.passage === SEED_PASSAGE).map((source) => source.source_id));
    for (const row of [...dataset.observations, ...dataset.targets]) {
      if (!row.figure_text || !fromSeed.has(row.source_id ?? '')) continue;
      const quote = quoteOf(row.source_id);
      const quoteStart = seed.indexOf(quote);
      for (let at = quote.indexOf(row.figure_text); at !== -1; at = quote.indexOf(row.figure_text, at + 1)) {
        covered.push([quoteStart + at, quoteStart + at + row.figure_text.length]);
      }
    }
    // Numbers that are names, years or thresholds, not figures: the "315" system, "30强", "甬江2035",
    // a year written as 2023年/2024年度, and the 5亿元/1亿元 size thresholds of the coverage targets
    // (kept in those indicators' definitions).
    const notFigures = [/^“315”/, /^30强/, /^2035”/, /^20\d\d年/, /^[15]亿元以上/];
    const missing: string[] = [];
    for (const match of seed.slice(body).matchAll(/\d+(?:\.\d+)?/g)) {
      const start = body + match.index;
      const end = start + match[0].length;
      if (covered.some(([from, to]) => from <= start && end <= to)) continue;
      const context = seed.slice(seed[start - 1] === '“' ? start - 1 : start, end + 6);
      if (notFigures.some((pattern) => pattern.test(context))) continue;
      missing.push(seed.slice(start - 10, end + 6));
    }
    expect(missing).toEqual([]);
  });

  it('covers the figures written in Chinese numerals', () => {
    const texts = [...dataset.observations, ...dataset.targets].map((row) => row.figure_text);
    for (const figure of ['近两千万元', '破百亿', '超过千家', '打造十个', '四大公共服务中心', '研发机构全覆盖', '研发活动全覆盖', '服务站全覆盖']) {
      expect(texts.some((text) => text.includes(figure)), figure).toBe(true);
    }
  });

  it('gives 全市 and 市级 high-tech added value for 2023', () => {
    const rows = dataset.observations.filter((row) => row.indicator_code === 'hightech_industry_added_value' && row.year === 2023);
    expect(rows.map((row) => [row.scope, row.value, row.unit, row.status])).toEqual([
      ['全市', 817.5, '亿元', 'actual'],
      ['市级', 392.8, '亿元', 'actual'],
    ]);
  });
});

describe('parseBundledDataset', () => {
  const files = () => ({
    'indicators.csv': readFileSync(resolve(directory, 'indicators.csv'), 'utf8'),
    'observations.csv': readFileSync(resolve(directory, 'observations.csv'), 'utf8'),
    'comparison_observations.csv': readFileSync(resolve(directory, 'comparison_observations.csv'), 'utf8'),
    'targets.csv': readFileSync(resolve(directory, 'targets.csv'), 'utf8'),
    'sources.csv': readFileSync(resolve(directory, 'sources.csv'), 'utf8'),
  });

  /** Parses the bundle with one edit to one file. */
  const parseEdited = (file: string, from: string, to: string) => {
    const edited = files();
    expect(edited[file as keyof typeof edited].includes(from), `${file} holds ${from}`).toBe(true);
    return () => parseBundledDataset({ ...edited, [file]: edited[file as keyof typeof edited].replace(from, to) });
  };

  it('names the file, line and column of a bad cell', () => {
    expect(parseEdited('observations.csv', 'b004,hightech_industry_added_value,慈溪市,全市,2023,annual,817.5', 'b004,hightech_industry_added_value,慈溪市,全市,2023,annual,8l7.5')).toThrow(
      new DatasetFileError('observations.csv', 5, 'value', '"8l7.5" is not a number'),
    );
    const cases: [string, string, string, string][] = [
      ['targets.csv', '>,1000,家', '>,1000,亿元', "targets.csv, line 4, column unit: 亿元 cannot be converted to the indicator's unit 家"],
      ['sources.csv', '慈溪市人民政府,2017-02-08,', '慈溪市人民政府,2017-02-30,', 'sources.csv, line 30, column date: "2017-02-30" is not a date (YYYY-MM-DD)'],
      ['sources.csv', ',repost,慈溪市人民政府,报告日期，见题注；本页刊于2017-02-15,', ',repost,,报告日期，见题注；本页刊于2017-02-15,', 'sources.csv, line 30, column original_publisher: a repost needs the original publisher'],
      ['comparison_observations.csv', 'c001,gdp,宁波国家高新区,', 'c001,gdp,慈溪市,', "comparison_observations.csv, line 2, column region: Cixi's own figures belong in observations.csv"],
      ['observations.csv', 'b001,hightech_industry_investment,', 'b001,hightech_investment,', 'observations.csv, line 2, column indicator_code: "hightech_investment" is not in indicators.csv'],
    ];
    for (const [file, from, to, message] of cases) expect(parseEdited(file, from, to), message).toThrow(message);
  });
});
