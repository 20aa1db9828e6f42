import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { decimalPlaces, evaluateFormula, parseFigureText } from '@shared/domain/datasets/figureText';
import { DatasetFileError, parseBundledDataset, type BundledDataset } from '@shared/domain/datasets/datasetRecords';
import { readBundledDatasetFiles, type BundledDatasetFiles } from './bundledDatasetFiles';

/**
 * Every bundled number is checked against the bureau's document
 * (datasets/seed/, a verbatim copy of the seed): the quote is in the
 * document, the figure is in the quote and reads as the value, derived values
 * follow from their formula, and no figure of the document is left out.
 */
const directory = resolve(__dirname, '../../datasets');
const seed = readFileSync(resolve(directory, 'seed/cixi-st-bureau-2023-summary-2024-plan.zh.txt'), 'utf8');
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

  it('quotes every source sentence verbatim from the seed, and uses every source', () => {
    for (const source of dataset.sources) {
      expect(seed.includes(source.quote), `${source.source_id}: quote not in the seed`).toBe(true);
      expect(source).toMatchObject({ title: '慈溪市科学技术局2023年度工作总结和2024年工作思路', issuer: '慈溪市科学技术局', date: '2024-02-01' });
    }
    const used = new Set([...dataset.observations, ...dataset.targets].map((row) => row.source_id));
    expect(dataset.sources.filter((source) => !used.has(source.source_id)).map((source) => source.source_id)).toEqual([]);
  });

  it('reads every stated figure from its quote', () => {
    const stated = [...dataset.observations.filter((row) => row.status !== 'derived'), ...dataset.targets];
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
    for (const row of [...dataset.observations, ...dataset.targets]) {
      if (!row.figure_text) continue;
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
    'targets.csv': readFileSync(resolve(directory, 'targets.csv'), 'utf8'),
    'sources.csv': readFileSync(resolve(directory, 'sources.csv'), 'utf8'),
  });

  it('names the file, line and column of a bad cell', () => {
    const broken = files();
    broken['observations.csv'] = broken['observations.csv'].replace('b004,hightech_industry_added_value,慈溪市,全市,2023,annual,817.5', 'b004,hightech_industry_added_value,慈溪市,全市,2023,annual,8l7.5');
    expect(() => parseBundledDataset(broken)).toThrow(new DatasetFileError('observations.csv', 5, 'value', '"8l7.5" is not a number'));
    const badUnit = files();
    badUnit['targets.csv'] = badUnit['targets.csv'].replace('>,1000,家', '>,1000,亿元');
    expect(() => parseBundledDataset(badUnit)).toThrow('targets.csv, line 4, column unit: 亿元 cannot be converted to the indicator\'s unit 家');
    const unknown = files();
    unknown['observations.csv'] = unknown['observations.csv'].replace('b001,hightech_industry_investment,', 'b001,hightech_investment,');
    expect(() => parseBundledDataset(unknown)).toThrow('observations.csv, line 2, column indicator_code: "hightech_investment" is not in indicators.csv');
  });
});
