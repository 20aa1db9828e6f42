import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DuckDBEngine } from '../engine/DuckDBEngine';
import { readBundledDatasetFiles } from './bundledDatasetFiles';
import { installDatasets, type ExecSql } from './datasetTables';

const bundledDirectory = resolve(__dirname, '../../datasets');
let engine: DuckDBEngine;
let exec: ExecSql;
const scratch = mkdtempSync(join(tmpdir(), 'iwb-datasets-'));

beforeAll(async () => {
  engine = await DuckDBEngine.open({ workspacePath: ':memory:' });
  exec = async (sql, params) => (await engine.exec(sql, params)).rows;
});
afterAll(() => {
  engine.close();
  rmSync(scratch, { recursive: true, force: true });
});

const count = async (relation: string, where = 'true') => Number((await exec(`SELECT count(*) AS n FROM ${relation} WHERE ${where}`))[0]!.n);

describe('installDatasets', () => {
  it('loads the bundle into tables and the agreed views', async () => {
    const bundle = await readBundledDatasetFiles(bundledDirectory);
    const outcome = await installDatasets(exec, bundle);
    expect(outcome).toEqual({ loaded: true, version: bundle.manifest.version, previousVersion: null });
    expect(await count('indicators')).toBe(bundle.dataset.indicators.length);
    expect(await count('observations')).toBe(bundle.dataset.observations.length);
    expect(await count('comparison_observations')).toBe(bundle.dataset.comparisons.length);
    expect(await count('observations', "region <> '慈溪市' AND scope <> '全省'")).toBe(0);
    expect(await count('targets')).toBe(bundle.dataset.targets.length);
    expect(await count('sources')).toBe(bundle.dataset.sources.length);
    const rows = await exec(
      `SELECT scope, value, unit, status, origin FROM observations
        WHERE indicator_code = 'hightech_industry_added_value' AND year = 2023 AND region = '慈溪市' ORDER BY scope`,
    );
    expect(rows).toEqual([
      { scope: '全市', value: 817.5, unit: '亿元', status: 'actual', origin: 'bundled' },
      { scope: '市级', value: 392.8, unit: '亿元', status: 'actual', origin: 'bundled' },
    ]);
    expect(await exec(`SELECT comparator, value, unit FROM targets WHERE target_id = 't2024_hightech_enterprises'`)).toEqual([
      { comparator: '>', value: 1000, unit: '家' },
    ]);
    const columns = await exec(`SELECT column_name FROM duckdb_columns() WHERE table_name = 'observations' ORDER BY column_index`);
    expect(columns.map((row) => row.column_name)).toEqual(expect.arrayContaining(['indicator_code', 'region', 'scope', 'year', 'period', 'value', 'unit', 'status', 'source_id', 'formula', 'origin', 'note']));
  });

  it('is idempotent: a second start with the same bundle changes nothing', async () => {
    const bundle = await readBundledDatasetFiles(bundledDirectory);
    const before = await exec('SELECT * FROM observations ORDER BY obs_id');
    const outcome = await installDatasets(exec, bundle);
    expect(outcome.loaded).toBe(false);
    expect(await exec('SELECT * FROM observations ORDER BY obs_id')).toEqual(before);
    expect(await count('bundled_observations')).toBe(bundle.dataset.observations.length);
  });

  it('a bundled version bump replaces bundled rows and keeps user rows', async () => {
    await exec(
      `INSERT INTO user_observations VALUES ('u_test', 'hightech_industry_added_value', '慈溪市', '全市', 2024, '1-11月', 800, '亿元', 'preliminary', 'mine', 800, '亿元', now())`,
    );
    const bumped = join(scratch, 'bumped');
    cpSync(bundledDirectory, bumped, { recursive: true });
    const manifest = JSON.parse(readFileSync(join(bumped, 'manifest.json'), 'utf8')) as { version: string };
    writeFileSync(join(bumped, 'manifest.json'), JSON.stringify({ ...manifest, version: `${manifest.version}-next` }));
    const observations = readFileSync(join(bumped, 'observations.csv'), 'utf8').split('\n');
    writeFileSync(join(bumped, 'observations.csv'), observations.filter((line) => !line.startsWith('b050,')).join('\n'));
    const bundle = await readBundledDatasetFiles(bumped);
    const outcome = await installDatasets(exec, bundle);
    expect(outcome).toEqual({ loaded: true, version: `${manifest.version}-next`, previousVersion: manifest.version });
    expect(await count('observations', "origin = 'bundled'")).toBe(bundle.dataset.observations.length);
    expect(await count('observations', "obs_id = 'b050'")).toBe(0);
    expect(await exec(`SELECT year, period, value, origin FROM observations WHERE origin = 'user'`)).toEqual([
      { year: 2024, period: '1-11月', value: 800, origin: 'user' },
    ]);
  });
});
