import { quoteLiteral } from '@shared/domain/sqlIdentifier';
import type { BundledDataset } from '@shared/domain/datasets/datasetRecords';
import type { BundledDatasetFiles } from './bundledDatasetFiles';

/** Runs one internal statement (the engine's aux connection) and returns its rows. */
export type ExecSql = (sql: string, params?: Record<string, string | number | boolean | null>) => Promise<Record<string, unknown>[]>;

/**
 * The workspace's indicator tables. Bundled rows live in `bundled_*` tables
 * that a newer bundled version drops and refills; rows the user adds live in
 * `user_*` tables that loading never touches. The public names (`indicators`,
 * `observations`, `targets`, `sources`) are views over both;
 * `comparison_observations` holds other regions' bundled figures (Ningbo
 * city, peer districts), apart from Cixi's `observations`.
 */
const observationTable = (name: string) => `CREATE TABLE ${name} (
    obs_id VARCHAR PRIMARY KEY, indicator_code VARCHAR NOT NULL, region VARCHAR NOT NULL, scope VARCHAR NOT NULL,
    year INTEGER NOT NULL, period VARCHAR NOT NULL, value DOUBLE NOT NULL, unit VARCHAR NOT NULL, status VARCHAR NOT NULL,
    source_id VARCHAR, figure_text VARCHAR, formula VARCHAR, note VARCHAR)`;
const OBSERVATION_TABLE_COLUMNS = ['obs_id', 'indicator_code', 'region', 'scope', 'year', 'period', 'value', 'unit', 'status', 'source_id', 'figure_text', 'formula', 'note'];

const BUNDLED_TABLES: Record<keyof BundledDataset, string> = {
  indicators: `CREATE TABLE bundled_indicators (
    code VARCHAR PRIMARY KEY, name_zh VARCHAR NOT NULL, name_en VARCHAR NOT NULL, unit VARCHAR NOT NULL,
    category VARCHAR NOT NULL, category_en VARCHAR NOT NULL, higher_is_better BOOLEAN NOT NULL, kind VARCHAR NOT NULL,
    definition VARCHAR NOT NULL, definition_en VARCHAR NOT NULL, ordinal INTEGER NOT NULL)`,
  observations: observationTable('bundled_observations'),
  comparisons: observationTable('bundled_comparisons'),
  targets: `CREATE TABLE bundled_targets (
    target_id VARCHAR PRIMARY KEY, indicator_code VARCHAR NOT NULL, region VARCHAR NOT NULL, scope VARCHAR NOT NULL,
    year INTEGER NOT NULL, comparator VARCHAR NOT NULL, value DOUBLE NOT NULL, unit VARCHAR NOT NULL,
    source_id VARCHAR, figure_text VARCHAR, note VARCHAR)`,
  sources: `CREATE TABLE bundled_sources (
    source_id VARCHAR PRIMARY KEY, title VARCHAR NOT NULL, issuer VARCHAR NOT NULL, date DATE NOT NULL,
    section VARCHAR, quote VARCHAR NOT NULL, url VARCHAR NOT NULL, publisher VARCHAR NOT NULL, copy VARCHAR NOT NULL,
    original_publisher VARCHAR, date_basis VARCHAR, passage VARCHAR NOT NULL)`,
};

/** Bump when the bundled_* table definitions change: the rows are then reloaded even if the bundle did not change. */
const BUNDLED_SCHEMA_VERSION = '3';

const USER_TABLES = [
  `CREATE TABLE IF NOT EXISTS user_observations (
    obs_id VARCHAR PRIMARY KEY, indicator_code VARCHAR NOT NULL, region VARCHAR NOT NULL, scope VARCHAR NOT NULL,
    year INTEGER NOT NULL, period VARCHAR NOT NULL, value DOUBLE NOT NULL, unit VARCHAR NOT NULL, status VARCHAR NOT NULL,
    note VARCHAR, entered_value DOUBLE NOT NULL, entered_unit VARCHAR NOT NULL, created_at TIMESTAMP NOT NULL)`,
  `CREATE TABLE IF NOT EXISTS user_targets (
    target_id VARCHAR PRIMARY KEY, indicator_code VARCHAR NOT NULL, region VARCHAR NOT NULL, scope VARCHAR NOT NULL,
    year INTEGER NOT NULL, comparator VARCHAR NOT NULL, value DOUBLE NOT NULL, unit VARCHAR NOT NULL,
    note VARCHAR, created_at TIMESTAMP NOT NULL)`,
  `CREATE TABLE IF NOT EXISTS dataset_meta (key VARCHAR PRIMARY KEY, value VARCHAR NOT NULL)`,
];

const VIEWS = [
  `CREATE OR REPLACE VIEW indicators AS
    SELECT code, name_zh, name_en, unit, category, higher_is_better, definition, kind, category_en, definition_en, ordinal
      FROM bundled_indicators`,
  `CREATE OR REPLACE VIEW observations AS
    SELECT indicator_code, region, scope, year, period, value, unit, status, source_id, NULLIF(formula, '') AS formula,
           'bundled' AS origin, NULLIF(note, '') AS note, obs_id, NULLIF(figure_text, '') AS figure_text
      FROM bundled_observations
    UNION ALL
    SELECT indicator_code, region, scope, year, period, value, unit, status, NULL, NULL,
           'user', NULLIF(note, ''), obs_id, NULL
      FROM user_observations`,
  `CREATE OR REPLACE VIEW targets AS
    SELECT target_id, indicator_code, region, scope, year, comparator, value, unit, source_id, NULLIF(note, '') AS note,
           'bundled' AS origin, NULLIF(figure_text, '') AS figure_text
      FROM bundled_targets
    UNION ALL
    SELECT target_id, indicator_code, region, scope, year, comparator, value, unit, NULL, NULLIF(note, ''), 'user', NULL
      FROM user_targets`,
  `CREATE OR REPLACE VIEW comparison_observations AS
    SELECT indicator_code, region, scope, year, period, value, unit, status, source_id, NULLIF(formula, '') AS formula,
           NULLIF(note, '') AS note, obs_id, NULLIF(figure_text, '') AS figure_text
      FROM bundled_comparisons`,
  `CREATE OR REPLACE VIEW sources AS
    SELECT source_id, title, issuer, date, quote, section, url, publisher, copy,
           NULLIF(original_publisher, '') AS original_publisher, NULLIF(date_basis, '') AS date_basis
      FROM bundled_sources`,
];

export interface DatasetLoadOutcome {
  /** Whether the bundled rows were (re)loaded on this start. */
  loaded: boolean;
  version: string;
  previousVersion: string | null;
}

function literal(value: string | number | boolean | null): string {
  if (value === null) return 'NULL';
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new Error(`Cannot store ${value}`);
    return String(value);
  }
  return quoteLiteral(value);
}

function insertSql(table: string, rows: readonly object[], columns: readonly string[]): string | null {
  if (rows.length === 0) return null;
  const values = rows.map(
    (row) => `(${columns.map((column) => literal((row as Record<string, string | number | boolean | null>)[column] ?? null)).join(', ')})`,
  );
  return `INSERT INTO ${table} (${columns.join(', ')}) VALUES\n${values.join(',\n')}`;
}

/**
 * Creates the user tables and the public views, and (re)loads the bundled
 * rows when the bundled version or content differs from what the workspace
 * holds. Idempotent; a reload happens in one transaction and never touches
 * `user_*` tables.
 */
export async function installDatasets(exec: ExecSql, bundle: BundledDatasetFiles): Promise<DatasetLoadOutcome> {
  for (const sql of USER_TABLES) await exec(sql);
  const meta = await exec(`SELECT key, value FROM dataset_meta WHERE key IN ('bundled_version', 'bundled_hash', 'bundled_schema')`);
  const stored = new Map(meta.map((row) => [String(row.key), String(row.value)]));
  const previousVersion = stored.get('bundled_version') ?? null;
  const upToDate =
    previousVersion === bundle.manifest.version &&
    stored.get('bundled_hash') === bundle.contentHash &&
    stored.get('bundled_schema') === BUNDLED_SCHEMA_VERSION;
  const tables = await exec(`SELECT table_name FROM duckdb_tables() WHERE database_name = current_database() AND schema_name = 'main' AND table_name LIKE 'bundled_%'`);
  const present = new Set(tables.map((row) => String(row.table_name)));
  const complete = Object.keys(BUNDLED_TABLES).every((name) => present.has(`bundled_${name}`));
  let loaded = false;
  if (!upToDate || !complete) {
    await exec('BEGIN TRANSACTION');
    try {
      const { dataset } = bundle;
      for (const [name, create] of Object.entries(BUNDLED_TABLES)) {
        await exec(`DROP TABLE IF EXISTS bundled_${name}`);
        await exec(create);
      }
      const inserts = [
        insertSql(
          'bundled_indicators',
          dataset.indicators.map((indicator, index) => ({ ...indicator, ordinal: index + 1 })),
          ['code', 'name_zh', 'name_en', 'unit', 'category', 'category_en', 'higher_is_better', 'kind', 'definition', 'definition_en', 'ordinal'],
        ),
        insertSql('bundled_observations', dataset.observations, OBSERVATION_TABLE_COLUMNS),
        insertSql('bundled_comparisons', dataset.comparisons, OBSERVATION_TABLE_COLUMNS),
        insertSql('bundled_targets', dataset.targets, ['target_id', 'indicator_code', 'region', 'scope', 'year', 'comparator', 'value', 'unit', 'source_id', 'figure_text', 'note']),
        insertSql('bundled_sources', dataset.sources, ['source_id', 'title', 'issuer', 'date', 'section', 'quote', 'url', 'publisher', 'copy', 'original_publisher', 'date_basis', 'passage']),
      ];
      for (const sql of inserts) if (sql) await exec(sql);
      await exec(`INSERT OR REPLACE INTO dataset_meta VALUES ('bundled_version', $version), ('bundled_hash', $hash), ('bundled_name', $name), ('bundled_schema', $schema)`, {
        schema: BUNDLED_SCHEMA_VERSION,
        version: bundle.manifest.version,
        hash: bundle.contentHash,
        name: bundle.manifest.name,
      });
      await exec('COMMIT');
      loaded = true;
    } catch (error) {
      await exec('ROLLBACK').catch(() => undefined);
      throw error;
    }
  }
  for (const sql of VIEWS) await exec(sql);
  return { loaded, version: bundle.manifest.version, previousVersion };
}
