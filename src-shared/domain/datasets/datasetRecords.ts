import { parseCsv, CsvSyntaxError, type CsvRecord } from '../csvRecords';
import { isKnownUnit, canConvert } from '../units';

/** The bundled dataset's records: what `datasets/*.csv` hold, typed. */

export const INDICATOR_KINDS = ['level', 'growth_rate', 'share'] as const;
export type IndicatorKind = (typeof INDICATOR_KINDS)[number];
export const OBSERVATION_STATUSES = ['actual', 'derived', 'preliminary', 'estimate'] as const;
export type ObservationStatus = (typeof OBSERVATION_STATUSES)[number];
export const COMPARATORS = ['>', '>=', '=', '<', '<='] as const;
export type Comparator = (typeof COMPARATORS)[number];
/** The years a figure may be for: in the bundled records, in rows imported into the observations and in the user's own rows. */
export const MIN_YEAR = 1949;
export const MAX_YEAR = 2100;

/** A whole year from `min` to `max` (MIN_YEAR–MAX_YEAR by default), or null: what every year field and column is checked against. */
export function readYear(text: string | number, min = MIN_YEAR, max = MAX_YEAR): number | null {
  if (typeof text === 'string' && text.trim() === '') return null;
  const year = Number(typeof text === 'string' ? text.trim() : text);
  return Number.isInteger(year) && year >= min && year <= max ? year : null;
}

/**
 * 全市: the whole city; 市级: city-level figures without the Qianwan new zone
 * (前湾新区), which the seed also reports on its own; 全省: province-wide counts.
 */
export const SCOPES = ['全市', '市级', '前湾新区', '全省'] as const;
export type Scope = (typeof SCOPES)[number];
export type Origin = 'bundled' | 'user';

export interface IndicatorRecord {
  code: string;
  name_zh: string;
  name_en: string;
  unit: string;
  category: string;
  category_en: string;
  higher_is_better: boolean;
  kind: IndicatorKind;
  definition: string;
  definition_en: string;
}

export interface ObservationRecord {
  obs_id: string;
  indicator_code: string;
  region: string;
  scope: Scope;
  year: number;
  period: string;
  value: number;
  unit: string;
  status: ObservationStatus;
  source_id: string | null;
  /** The figure exactly as written in the source sentence ("近两千万元"); empty for derived rows. */
  figure_text: string;
  formula: string;
  note: string;
}

export interface TargetRecord {
  target_id: string;
  indicator_code: string;
  region: string;
  scope: Scope;
  year: number;
  comparator: Comparator;
  value: number;
  unit: string;
  source_id: string;
  figure_text: string;
  note: string;
}

/**
 * How the stored copy of a source relates to its publisher: `official` is the
 * publisher's own site, `mirror` a copy of an official page under another
 * domain, `repost` the text republished by a third party, `news` a news report
 * that states the figures itself.
 */
export const SOURCE_COPIES = ['official', 'mirror', 'repost', 'news'] as const;
export type SourceCopy = (typeof SOURCE_COPIES)[number];

export interface SourceRecord {
  source_id: string;
  title: string;
  /** Who issued the document (the bureau, the city government, the news outlet). */
  issuer: string;
  /** When the document was published, YYYY-MM-DD; `date_basis` says where the date comes from when the copy does not show it. */
  date: string;
  section: string;
  /** The sentence or clause, verbatim from the document. */
  quote: string;
  /** Where the stored copy was read. */
  url: string;
  /** The site that served the stored copy. */
  publisher: string;
  copy: SourceCopy;
  /** For a mirror or repost: who published the original. */
  original_publisher: string;
  /** Where the date comes from when the copy does not state it plainly; empty otherwise. */
  date_basis: string;
  /** The stored page text the quote is checked against, relative to datasets/ (seed/… or sources/…). */
  passage: string;
}

export interface DatasetManifest {
  name: string;
  version: string;
  files: string[];
}

/**
 * A figure of another region (Ningbo city, a peer district or zone), kept
 * apart from Cixi's series in its own file and table; its scope is the
 * source's own word for it (全市 of Ningbo, 全区 of a district).
 */
export interface ComparisonRecord extends Omit<ObservationRecord, 'scope'> {
  scope: string;
}

export interface BundledDataset {
  indicators: IndicatorRecord[];
  observations: ObservationRecord[];
  /** Other regions' figures for comparison (comparison_observations.csv). */
  comparisons: ComparisonRecord[];
  targets: TargetRecord[];
  sources: SourceRecord[];
}

/** A bundled file is malformed: says which file, line and column. */
export class DatasetFileError extends Error {
  constructor(
    readonly file: string,
    readonly line: number,
    readonly column: string | null,
    problem: string,
  ) {
    super(`${file}, line ${line}${column ? `, column ${column}` : ''}: ${problem}`);
  }
}

export const DATASET_FILES = {
  indicators: 'indicators.csv',
  observations: 'observations.csv',
  comparisons: 'comparison_observations.csv',
  targets: 'targets.csv',
  sources: 'sources.csv',
} as const;

type Columns<T> = readonly (keyof T & string)[];
const INDICATOR_COLUMNS: Columns<IndicatorRecord> = ['code', 'name_zh', 'name_en', 'unit', 'category', 'category_en', 'higher_is_better', 'kind', 'definition', 'definition_en'];
const OBSERVATION_COLUMNS: Columns<ObservationRecord> = ['obs_id', 'indicator_code', 'region', 'scope', 'year', 'period', 'value', 'unit', 'status', 'source_id', 'figure_text', 'formula', 'note'];
const TARGET_COLUMNS: Columns<TargetRecord> = ['target_id', 'indicator_code', 'region', 'scope', 'year', 'comparator', 'value', 'unit', 'source_id', 'figure_text', 'note'];
const SOURCE_COLUMNS: Columns<SourceRecord> = ['source_id', 'title', 'issuer', 'date', 'section', 'quote', 'url', 'publisher', 'copy', 'original_publisher', 'date_basis', 'passage'];

/** Reads one CSV into objects keyed by its header, checking the expected columns are present. */
function readTable<T>(file: string, text: string, columns: Columns<T>): { line: number; cell: (name: string) => string }[] {
  let records: CsvRecord[];
  try {
    records = parseCsv(text);
  } catch (error) {
    if (error instanceof CsvSyntaxError) throw new DatasetFileError(file, error.line, null, error.message.replace(/^line \d+: /, ''));
    throw error;
  }
  const header = records[0];
  if (!header) throw new DatasetFileError(file, 1, null, 'the file is empty (expected a header row)');
  const positions = new Map<string, number>();
  header.fields.forEach((name, index) => positions.set(name.trim(), index));
  for (const column of columns) {
    if (!positions.has(column)) throw new DatasetFileError(file, 1, column, `the header has no column "${column}"`);
  }
  return records.slice(1).map((record) => {
    if (record.fields.length !== header.fields.length) {
      throw new DatasetFileError(file, record.line, null, `${record.fields.length} fields, the header has ${header.fields.length}`);
    }
    return { line: record.line, cell: (name: string) => record.fields[positions.get(name) ?? -1]?.trim() ?? '' };
  });
}

function fieldReader(file: string, line: number, cell: (name: string) => string) {
  const fail = (column: string, problem: string): never => {
    throw new DatasetFileError(file, line, column, problem);
  };
  return {
    text: (column: string) => {
      const value = cell(column);
      return value === '' ? fail(column, 'is empty') : value;
    },
    optional: (column: string) => cell(column),
    number: (column: string) => {
      const raw = cell(column);
      const value = Number(raw);
      return raw === '' || !Number.isFinite(value) ? fail(column, `"${raw}" is not a number`) : value;
    },
    year: (column: string) => {
      const raw = cell(column);
      return readYear(raw) ?? fail(column, `"${raw}" is not a year from ${MIN_YEAR} to ${MAX_YEAR}`);
    },
    date: (column: string) => {
      const raw = cell(column);
      const [year, month, day] = raw.split('-').map(Number);
      const valid = /^\d{4}-\d{2}-\d{2}$/.test(raw) && new Date(Date.UTC(year!, month! - 1, day!)).toISOString().startsWith(raw);
      return valid ? raw : fail(column, `"${raw}" is not a date (YYYY-MM-DD)`);
    },
    oneOf: <T extends string>(column: string, allowed: readonly T[]): T => {
      const raw = cell(column);
      return (allowed as readonly string[]).includes(raw) ? (raw as T) : fail(column, `"${raw}" is not one of ${allowed.join(', ')}`);
    },
    unit: (column: string) => {
      const raw = cell(column);
      return isKnownUnit(raw) ? raw : fail(column, `"${raw}" is not a known unit`);
    },
    fail,
  };
}

/**
 * Parses and cross-checks the bundled tables (DATASET_FILES): every code and id unique,
 * every reference resolves, every unit converts to its indicator's unit,
 * derived rows carry a formula and other rows the figure as written.
 */
export function parseBundledDataset(files: Record<string, string>): BundledDataset {
  const fileText = (name: string) => {
    const text = files[name];
    if (text === undefined) throw new DatasetFileError(name, 0, null, 'the file is missing');
    return text;
  };

  const indicators = readTable(DATASET_FILES.indicators, fileText(DATASET_FILES.indicators), INDICATOR_COLUMNS).map(({ line, cell }): IndicatorRecord => {
    const read = fieldReader(DATASET_FILES.indicators, line, cell);
    const code = read.text('code');
    if (!/^[a-z][a-z0-9_]*$/.test(code)) read.fail('code', `"${code}" is not snake_case`);
    return {
      code,
      name_zh: read.text('name_zh'),
      name_en: read.text('name_en'),
      unit: read.unit('unit'),
      category: read.text('category'),
      category_en: read.text('category_en'),
      higher_is_better: read.oneOf('higher_is_better', ['true', 'false']) === 'true',
      kind: read.oneOf('kind', INDICATOR_KINDS),
      definition: read.text('definition'),
      definition_en: read.text('definition_en'),
    };
  });
  const sources = readTable(DATASET_FILES.sources, fileText(DATASET_FILES.sources), SOURCE_COLUMNS).map(({ line, cell }): SourceRecord => {
    const read = fieldReader(DATASET_FILES.sources, line, cell);
    const record: SourceRecord = {
      source_id: read.text('source_id'),
      title: read.text('title'),
      issuer: read.text('issuer'),
      date: read.date('date'),
      section: read.optional('section'),
      quote: read.text('quote'),
      url: read.text('url'),
      publisher: read.text('publisher'),
      copy: read.oneOf('copy', SOURCE_COPIES),
      original_publisher: read.optional('original_publisher'),
      date_basis: read.optional('date_basis'),
      passage: read.text('passage'),
    };
    if (!/^https?:\/\/[^\s]+$/.test(record.url)) read.fail('url', `"${record.url}" is not an http(s) address`);
    if ((record.copy === 'mirror' || record.copy === 'repost') && record.original_publisher === '') {
      read.fail('original_publisher', `a ${record.copy} needs the original publisher`);
    }
    if (!/^(seed|sources)\/[A-Za-z0-9_.-]+\.txt$/.test(record.passage)) read.fail('passage', `"${record.passage}" is not a file under seed/ or sources/`);
    return record;
  });
  const indicatorUnits = new Map(indicators.map((indicator) => [indicator.code, indicator.unit]));
  const sourceIds = new Set(sources.map((source) => source.source_id));
  const checkUnique = (file: string, column: string, values: { line: number; id: string }[]) => {
    const seen = new Set<string>();
    for (const { line, id } of values) {
      if (seen.has(id)) throw new DatasetFileError(file, line, column, `"${id}" appears twice`);
      seen.add(id);
    }
  };
  checkUnique(DATASET_FILES.indicators, 'code', indicators.map((indicator, index) => ({ line: index + 2, id: indicator.code })));
  checkUnique(DATASET_FILES.sources, 'source_id', sources.map((source, index) => ({ line: index + 2, id: source.source_id })));

  const references = (read: ReturnType<typeof fieldReader>, indicatorCode: string, unit: string, sourceId: string | null) => {
    const indicatorUnit = indicatorUnits.get(indicatorCode);
    if (indicatorUnit === undefined) read.fail('indicator_code', `"${indicatorCode}" is not in ${DATASET_FILES.indicators}`);
    else if (!canConvert(unit, indicatorUnit)) read.fail('unit', `${unit} cannot be converted to the indicator's unit ${indicatorUnit}`);
    if (sourceId !== null && !sourceIds.has(sourceId)) read.fail('source_id', `"${sourceId}" is not in ${DATASET_FILES.sources}`);
  };

  /** Reads observation rows (Cixi's own, or another region's for comparison: `scope` says which scopes a file may use). */
  const readObservations = <S extends string>(file: string, scope: (read: ReturnType<typeof fieldReader>) => S) => {
    const rows = readTable(file, fileText(file), OBSERVATION_COLUMNS);
    const records = rows.map(({ line, cell }) => {
      const read = fieldReader(file, line, cell);
      const status = read.oneOf('status', OBSERVATION_STATUSES);
      const record = {
        obs_id: read.text('obs_id'),
        indicator_code: read.text('indicator_code'),
        region: read.text('region'),
        scope: scope(read),
        year: read.year('year'),
        period: read.text('period'),
        value: read.number('value'),
        unit: read.unit('unit'),
        status,
        source_id: read.optional('source_id') || null,
        figure_text: read.optional('figure_text'),
        formula: read.optional('formula'),
        note: read.optional('note'),
      };
      if (record.source_id === null) read.fail('source_id', 'bundled figures need a source');
      if (status === 'derived' && record.formula === '') read.fail('formula', 'a derived value needs its formula');
      if (status !== 'derived' && record.figure_text === '') read.fail('figure_text', 'give the figure as written in the source sentence');
      references(read, record.indicator_code, record.unit, record.source_id);
      return record;
    });
    const withLines = records.map((row, index) => ({ line: rows[index]!.line, id: row.obs_id }));
    checkUnique(file, 'obs_id', withLines);
    return Object.assign(records, { lines: withLines });
  };
  const observations = readObservations(DATASET_FILES.observations, (read) => read.oneOf('scope', SCOPES));
  const comparisons = readObservations(DATASET_FILES.comparisons, (read) => {
    const region = read.text('region');
    if (region === '慈溪市') read.fail('region', `Cixi's own figures belong in ${DATASET_FILES.observations}`);
    return read.text('scope');
  });
  const cixiIds = new Set(observations.map((row) => row.obs_id));
  for (const { line, id } of comparisons.lines) {
    if (cixiIds.has(id)) throw new DatasetFileError(DATASET_FILES.comparisons, line, 'obs_id', `"${id}" is also in ${DATASET_FILES.observations}`);
  }

  const targetRows = readTable(DATASET_FILES.targets, fileText(DATASET_FILES.targets), TARGET_COLUMNS);
  const targets = targetRows.map(({ line, cell }): TargetRecord => {
    const read = fieldReader(DATASET_FILES.targets, line, cell);
    const record: TargetRecord = {
      target_id: read.text('target_id'),
      indicator_code: read.text('indicator_code'),
      region: read.text('region'),
      scope: read.oneOf('scope', SCOPES),
      year: read.year('year'),
      comparator: read.oneOf('comparator', COMPARATORS),
      value: read.number('value'),
      unit: read.unit('unit'),
      source_id: read.text('source_id'),
      figure_text: read.text('figure_text'),
      note: read.optional('note'),
    };
    references(read, record.indicator_code, record.unit, record.source_id);
    return record;
  });
  checkUnique(DATASET_FILES.targets, 'target_id', targets.map((row, index) => ({ line: targetRows[index]!.line, id: row.target_id })));

  return { indicators, observations: [...observations], comparisons: [...comparisons], targets, sources };
}

/** Reads manifest.json's text. */
export function parseDatasetManifest(text: string): DatasetManifest {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new DatasetFileError('manifest.json', 1, null, `not valid JSON (${error instanceof Error ? error.message : String(error)})`);
  }
  const manifest = parsed as Partial<DatasetManifest>;
  if (typeof manifest.name !== 'string' || typeof manifest.version !== 'string' || !Array.isArray(manifest.files)) {
    throw new DatasetFileError('manifest.json', 1, null, 'needs "name" and "version" strings and a "files" list');
  }
  return { name: manifest.name, version: manifest.version, files: manifest.files.map(String) };
}
