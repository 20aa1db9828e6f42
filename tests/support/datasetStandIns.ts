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

/** target id, indicator code, comparator, value, unit, Chinese and English indicator name. */
const TARGETS: [string, string, string, number, string, string, string][] = [
  ['t2024_hightech_enterprises', 'hightech_enterprises', '>', 1000, '家', '有效高新技术企业', 'Valid high-tech enterprises'],
  ['t2024_industrial_rd_expenditure', 'industrial_rd_expenditure', '>', 100, '亿元', '规模以上工业企业研发费用', 'R&D expenditure of above-scale industrial enterprises'],
  ['t2024_rd_gdp_ratio', 'rd_gdp_ratio', '>=', 3.53, '%', '全社会R&D经费占GDP比重', 'R&D expenditure as a share of GDP'],
  ['t2024_new_provincial_tech_smes', 'new_provincial_tech_smes', '>=', 320, '家', '新增浙江省科技型中小企业', 'New Zhejiang provincial tech-based SMEs'],
  ['t2024_new_ningbo_rd_institutions', 'new_ningbo_rd_institutions', '>=', 20, '家', '新增宁波市级及以上研发机构', 'New R&D institutions at Ningbo level or above'],
  ['t2024_rd_institution_coverage', 'rd_institution_coverage', '>=', 100, '%', '制造业5亿元以上企业研发机构覆盖率', 'R&D institution coverage of manufacturers above 500 million yuan'],
  ['t2024_rd_activity_coverage', 'rd_activity_coverage', '>=', 100, '%', '制造业1亿元以上企业研发活动覆盖率', 'R&D activity coverage of manufacturers above 100 million yuan'],
  ['t2024_innovation_clusters', 'industry_innovation_clusters', '>=', 10, '个', '硬核科技产业创新集群', 'Hard-tech industry innovation clusters'],
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
  /** The stock-and-flow driver of hightech_enterprises (no target of its own). */
  new_hightech_enterprises: [150, 170, 190, 205, 219],
};

/** Invented in-year cumulative figures (January–June), so the year-end estimate has a current figure and earlier shares. */
const CUMULATIVE: [string, number, string, number][] = [
  ['new_provincial_tech_smes', 2021, '1-6月', 200],
  ['new_provincial_tech_smes', 2022, '1-6月', 230],
  ['new_provincial_tech_smes', 2023, '1-6月', 250],
  ['new_provincial_tech_smes', 2024, '1-6月', 150],
];

const EXTRA_INDICATORS: [string, string, string, string][] = [['new_hightech_enterprises', '家', '新认定高新技术企业', 'Newly certified high-tech enterprises']];

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
  // kind as the bundled view has it: a share for an indicator in %, a level otherwise.
  indicators: `CREATE TABLE indicators AS SELECT code, name_zh, name_en, unit, CASE WHEN unit = '%' THEN 'share' ELSE 'level' END AS kind, category, CAST(higher_is_better AS BOOLEAN) AS higher_is_better, definition FROM (VALUES
  ${values([
    ...TARGETS.map(([, code, , , unit, nameZh, nameEn]) => [code, nameZh, nameEn, unit, '测试', 'true', '测试替身指标，非真实定义']),
    ...EXTRA_INDICATORS.map(([code, unit, nameZh, nameEn]) => [code, nameZh, nameEn, unit, '测试', 'true', '测试替身指标，非真实定义']),
  ])}) t(code, name_zh, name_en, unit, category, higher_is_better, definition)`,
  targets: `CREATE TABLE targets AS SELECT target_id, indicator_code, region, scope, CAST(year AS INTEGER) AS year, comparator, CAST(value AS DOUBLE) AS value, unit, source_id, note, origin FROM (VALUES
  ${values(TARGETS.map(([id, code, comparator, value, unit]) => [id, code, '慈溪市', '全市', 2024, comparator, value, unit, 'cixi-st-2024-plan', null, 'test-stand-in']))}) t(target_id, indicator_code, region, scope, year, comparator, value, unit, source_id, note, origin)`,
  observations: `CREATE TABLE observations AS SELECT indicator_code, region, scope, CAST(year AS INTEGER) AS year, period, CAST(value AS DOUBLE) AS value, unit, status, source_id, formula, origin, note FROM (VALUES
  ${values(
    [...TARGETS.map(([, code, , , unit]) => [code, unit] as const), ...EXTRA_INDICATORS.map(([code, unit]) => [code, unit] as const)].flatMap(([code, unit]) =>
      SERIES[code]!.map((value, index) => [code, '慈溪市', '全市', 2019 + index, 'annual', value, unit, 'actual', 'test-stand-in', null, 'test-stand-in', '测试替身数据，非真实统计']),
    ).concat(
      CUMULATIVE.map(([code, year, period, value]) => [code, '慈溪市', '全市', year, period, value, '家', 'actual', 'test-stand-in', null, 'test-stand-in', '测试替身数据，非真实统计']),
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
export { WORKSPACE_RELATIONS_SQL as LIST_RELATIONS_SQL } from '../../src-shared/domain/sqlIdentifier';
