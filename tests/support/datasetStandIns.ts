/**
 * Stand-ins for the bundled datasets (views `indicators`, `observations`,
 * `targets`, `sources`) while they are built elsewhere: small made-up
 * tables with the agreed columns, so notebook tests and the sample
 * notebooks run. They are created only for names the workspace lacks, so
 * once the real datasets load, the tests run against them instead.
 *
 * The numbers are invented test data (origin 'test-stand-in'), not
 * statistics; only the 2024 targets follow the bureau's document.
 */

const TARGETS: [string, string, string, number, string][] = [
  ['t2024_hightech_enterprises', 'hightech_enterprises', '>', 1000, '家'],
  ['t2024_industrial_rd_expenditure', 'industrial_rd_expenditure', '>', 100, '亿元'],
  ['t2024_rd_gdp_ratio', 'rd_gdp_ratio', '>=', 3.53, '%'],
  ['t2024_new_provincial_tech_smes', 'new_provincial_tech_smes', '>=', 320, '家'],
  ['t2024_new_ningbo_rd_institutions', 'new_ningbo_rd_institutions', '>=', 20, '家'],
  ['t2024_rd_institution_coverage', 'rd_institution_coverage', '>=', 100, '%'],
  ['t2024_rd_activity_coverage', 'rd_activity_coverage', '>=', 100, '%'],
  ['t2024_innovation_clusters', 'industry_innovation_clusters', '>=', 10, '个'],
];

/** Invented yearly values 2019–2023 per indicator. */
const SERIES: Record<string, number[]> = {
  hightech_enterprises: [520, 610, 700, 790, 880],
  industrial_rd_expenditure: [61.2, 66.8, 74.5, 82.1, 90.3],
  rd_gdp_ratio: [2.9, 3.02, 3.15, 3.26, 3.38],
  new_provincial_tech_smes: [410, 455, 520, 580, 601],
  new_ningbo_rd_institutions: [18, 22, 25, 29, 34],
  rd_institution_coverage: [62, 70, 78, 85, 91],
  rd_activity_coverage: [68, 75, 83, 88, 93],
  industry_innovation_clusters: [2, 3, 4, 6, 7],
};

function literal(value: string | number | null): string {
  if (value === null) return 'NULL';
  return typeof value === 'number' ? String(value) : `'${value.replaceAll("'", "''")}'`;
}

function values(rows: (string | number | null)[][]): string {
  return rows.map((row) => `(${row.map(literal).join(', ')})`).join(',\n  ');
}

const DEFINITIONS: Record<'indicators' | 'observations' | 'targets' | 'sources', string> = {
  sources: `CREATE TABLE sources AS SELECT source_id, title, issuer, CAST(date AS DATE) AS date, quote FROM (VALUES
  ${values([
    ['cixi-st-2024-plan', '慈溪市科学技术局2023年度工作总结和2024年工作思路', '慈溪市科学技术局', '2024-02-01', '有效高新技术企业超过千家'],
    ['test-stand-in', '测试替身数据（非真实统计）', '测试', '2024-01-01', null],
  ])}) t(source_id, title, issuer, date, quote)`,
  indicators: `CREATE TABLE indicators AS SELECT * FROM (VALUES
  ${values(TARGETS.map(([, code, , , unit]) => [code, code, code, unit]))}) t(code, name_zh, name_en, unit)`,
  targets: `CREATE TABLE targets AS SELECT target_id, indicator_code, region, scope, CAST(year AS INTEGER) AS year, comparator, CAST(value AS DOUBLE) AS value, unit, source_id, note, origin FROM (VALUES
  ${values(TARGETS.map(([id, code, comparator, value, unit]) => [id, code, '慈溪市', '全市', 2024, comparator, value, unit, 'cixi-st-2024-plan', null, 'test-stand-in']))}) t(target_id, indicator_code, region, scope, year, comparator, value, unit, source_id, note, origin)`,
  observations: `CREATE TABLE observations AS SELECT indicator_code, region, scope, CAST(year AS INTEGER) AS year, period, CAST(value AS DOUBLE) AS value, unit, status, source_id, formula, origin, note FROM (VALUES
  ${values(
    TARGETS.flatMap(([, code, , , unit]) =>
      SERIES[code]!.map((value, index) => [code, '慈溪市', '全市', 2019 + index, 'annual', value, unit, 'actual', 'test-stand-in', null, 'test-stand-in', '测试替身数据，非真实统计']),
    ),
  )}) t(indicator_code, region, scope, year, period, value, unit, status, source_id, formula, origin, note)`,
};

/** SQL creating the stand-ins the workspace lacks (names compared case-insensitively). */
export function datasetStandInSql(existing: Iterable<string>): string {
  const present = new Set([...existing].map((name) => name.toLowerCase()));
  return Object.entries(DEFINITIONS)
    .filter(([name]) => !present.has(name))
    .map(([, sql]) => sql + ';')
    .join('\n');
}

/** Lists the workspace's tables and views, for datasetStandInSql. */
export const LIST_RELATIONS_SQL =
  "SELECT table_name AS name FROM duckdb_tables() WHERE schema_name = 'main' UNION ALL SELECT view_name FROM duckdb_views() WHERE schema_name = 'main' AND NOT internal";
