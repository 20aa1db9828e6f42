import { randomBytes } from 'node:crypto';
import type { StoredScenarios, TargetBoard } from '@shared/contract/services/targetsContract';
import type { Scenario } from '@shared/domain/projection/scenario';
import { scenarioSchema } from '@shared/domain/projection/scenario';
import { SCENARIO_RESULT_COLUMNS, type ScenarioResultRow } from '@shared/domain/projection/scenarioResults';
import { parseComparator } from '@shared/domain/projection/targetStatus';
import { completeBoardTarget, periodMonth, type BoardTargetFacts } from '@shared/domain/targets/boardTarget';
import { quoteIdentifier, quoteLiteral, sqlValueLiteral, WORKSPACE_RELATIONS_SQL } from '@shared/domain/sqlIdentifier';

import type { ExecSql, SqlParam } from '../workspace/workspaceSql';
import { localizedError } from '@shared/contract/errorTexts';

type Row = Record<string, unknown>;

/**
 * The workspace's own tables for targets and scenarios. `user_targets` has
 * the columns the datasets feature gives it (its `targets` view unions it
 * with the bundled targets); whichever start-up runs first creates it.
 */
export const TARGET_TABLES = [
  `CREATE TABLE IF NOT EXISTS user_targets (
    target_id VARCHAR PRIMARY KEY, indicator_code VARCHAR NOT NULL, region VARCHAR NOT NULL, scope VARCHAR NOT NULL,
    year INTEGER NOT NULL, comparator VARCHAR NOT NULL, value DOUBLE NOT NULL, unit VARCHAR NOT NULL,
    note VARCHAR, created_at TIMESTAMP NOT NULL)`,
  `CREATE TABLE IF NOT EXISTS scenarios (
    scenario_id VARCHAR PRIMARY KEY, name VARCHAR NOT NULL, kind VARCHAR NOT NULL, document VARCHAR NOT NULL, updated_at TIMESTAMP NOT NULL)`,
  `CREATE TABLE IF NOT EXISTS scenario_results (${SCENARIO_RESULT_COLUMNS.map((column) => `${column.name} ${column.type}`).join(', ')})`,
];

/** The stock-and-flow driver of `hightech_enterprises`. */
const NEW_CERTIFICATIONS_CODE = 'new_hightech_enterprises';

export async function createTargetTables(exec: ExecSql): Promise<void> {
  for (const sql of TARGET_TABLES) await exec(sql);
}

async function relations(exec: ExecSql): Promise<Set<string>> {
  const rows = await exec(WORKSPACE_RELATIONS_SQL);
  return new Set(rows.map((row) => String(row.name).toLowerCase()));
}

const text = (value: unknown): string => (value === null || value === undefined ? '' : String(value));
const nullableText = (value: unknown): string | null => (value === null || value === undefined || value === '' ? null : String(value));

export async function loadTargetBoard(exec: ExecSql): Promise<TargetBoard> {
  await createTargetTables(exec);
  const present = await relations(exec);
  const missingViews = ['targets', 'observations', 'indicators'].filter((name) => !present.has(name));
  const targetColumns = 'target_id, indicator_code, region, scope, year, comparator, value, unit, note';
  const targetRows = present.has('targets')
    ? await exec(
        `SELECT ${targetColumns}, source_id, CAST(origin AS VARCHAR) AS origin FROM targets
         UNION ALL
         SELECT ${targetColumns}, NULL, 'user' FROM user_targets WHERE target_id NOT IN (SELECT target_id FROM targets)
         ORDER BY year, target_id`,
      )
    : await exec(`SELECT ${targetColumns}, NULL AS source_id, 'user' AS origin FROM user_targets ORDER BY year, target_id`);
  const sources = new Map<string, string>();
  if (present.has('sources')) {
    for (const row of await exec('SELECT source_id, title FROM sources')) sources.set(text(row.source_id), text(row.title));
  }
  const indicators = new Map<string, Row>();
  if (present.has('indicators')) {
    for (const row of await exec('SELECT * FROM indicators ORDER BY code')) indicators.set(text(row.code), row);
  }
  const indicatorList = [...indicators.values()].map((row) => ({
    code: text(row.code),
    nameZh: text(row.name_zh ?? row.name ?? row.code),
    nameEn: text(row.name_en ?? row.name ?? row.code),
    unit: text(row.unit),
  }));
  if (targetRows.length === 0) return { targets: [], indicators: indicatorList, missingViews };
  const codes = [...new Set([...targetRows.map((row) => text(row.indicator_code)), NEW_CERTIFICATIONS_CODE])];
  const observations = present.has('observations')
    ? await exec(
        `SELECT indicator_code, region, scope, year, period, value, status FROM observations
         WHERE indicator_code IN (${codes.map(quoteLiteral).join(', ')}) AND value IS NOT NULL ORDER BY year`,
      )
    : [];

  const targets = targetRows.map((row) => {
    const code = text(row.indicator_code);
    const region = text(row.region);
    const scope = text(row.scope);
    const indicator = indicators.get(code);
    const ofThis = (indicatorCode: string) =>
      observations.filter((observation) => text(observation.indicator_code) === indicatorCode && text(observation.scope) === scope && text(observation.region) === region);
    const history: BoardTargetFacts['history'] = [];
    const cumulative: BoardTargetFacts['cumulative'] = [];
    for (const observation of ofThis(code)) {
      const period = text(observation.period);
      const month = periodMonth(period);
      const point = { year: Number(observation.year), value: Number(observation.value), status: text(observation.status) };
      if (month === 12 && (period === 'annual' || period === '全年' || period === 'Y')) {
        // One annual value per year: a later row (user correction) replaces an earlier one.
        const existing = history.findIndex((entry) => entry.year === point.year);
        if (existing >= 0) history[existing] = point;
        else history.push(point);
      } else if (month !== null) {
        cumulative.push({ ...point, month, period });
      }
    }
    cumulative.sort((a, b) => a.year - b.year || a.month - b.month);
    const newCertifications =
      code === 'hightech_enterprises'
        ? ofThis(NEW_CERTIFICATIONS_CODE)
            .filter((observation) => text(observation.period) === 'annual' || text(observation.period) === 'Y')
            .map((observation) => ({ year: Number(observation.year), value: Number(observation.value) }))
        : [];
    const facts: BoardTargetFacts = {
      targetId: text(row.target_id),
      indicatorCode: code,
      nameZh: indicator ? text(indicator.name_zh ?? indicator.name ?? code) || code : code,
      nameEn: indicator ? text(indicator.name_en ?? indicator.name ?? code) || code : code,
      unit: text(row.unit) || text(indicator?.unit),
      region,
      scope,
      year: Number(row.year),
      comparator: parseComparator(text(row.comparator)),
      value: Number(row.value),
      note: nullableText(row.note),
      sourceTitle: sources.get(text(row.source_id)) ?? null,
      origin: text(row.origin) || 'bundled',
      indicatorKind: indicator ? nullableText(indicator.kind) : null,
      history,
      cumulative,
      newCertifications,
    };
    return completeBoardTarget(facts);
  });
  return { targets, indicators: indicatorList, missingViews };
}

export interface UserTarget {
  indicatorCode: string;
  region: string;
  scope: string;
  year: number;
  comparator: '>' | '>=' | '=';
  value: number;
  unit?: string | undefined;
  note: string;
}

/** Checks the indicator and unit against `indicators` (when present) and returns the unit to store. */
async function checkedUnit(exec: ExecSql, target: UserTarget): Promise<string> {
  const present = await relations(exec);
  if (!present.has('indicators')) {
    if (!target.unit) throw localizedError('target-unit-needed', { code: target.indicatorCode }, undefined, 'target.unit');
    return target.unit;
  }
  const rows = await exec('SELECT unit FROM indicators WHERE code = $code', { code: target.indicatorCode });
  if (rows.length === 0) throw localizedError('target-indicator-missing', { code: target.indicatorCode }, undefined, 'target.indicator');
  const unit = text(rows[0]!.unit);
  if (target.unit && unit && target.unit !== unit) {
    throw localizedError('target-unit-mismatch', { given: target.unit, code: target.indicatorCode, unit }, undefined, 'target.unit');
  }
  return target.unit || unit;
}

async function requireUserTarget(exec: ExecSql, targetId: string): Promise<void> {
  const rows = await exec('SELECT 1 FROM user_targets WHERE target_id = $id', { id: targetId });
  if (rows.length > 0) return;
  const present = await relations(exec);
  const bundled = present.has('targets') ? await exec('SELECT 1 FROM targets WHERE target_id = $id', { id: targetId }) : [];
  throw bundled.length > 0
    ? localizedError('target-bundled', { targetId }, undefined, 'target.bundled')
    : localizedError('target-missing', { targetId }, undefined, 'target.missing');
}

export async function addUserTarget(exec: ExecSql, target: UserTarget): Promise<string> {
  await createTargetTables(exec);
  const unit = await checkedUnit(exec, target);
  const targetId = `u_${target.year}_${randomBytes(4).toString('hex')}`;
  await insertUserTarget(exec, targetId, target, unit);
  return targetId;
}

export async function updateUserTarget(exec: ExecSql, targetId: string, target: UserTarget): Promise<void> {
  await createTargetTables(exec);
  await requireUserTarget(exec, targetId);
  const unit = await checkedUnit(exec, target);
  await exec('BEGIN TRANSACTION');
  try {
    await exec('DELETE FROM user_targets WHERE target_id = $id', { id: targetId });
    await insertUserTarget(exec, targetId, target, unit);
    await exec('COMMIT');
  } catch (error) {
    await exec('ROLLBACK');
    throw error;
  }
}

export async function removeUserTarget(exec: ExecSql, targetId: string): Promise<void> {
  await createTargetTables(exec);
  await requireUserTarget(exec, targetId);
  await exec('DELETE FROM user_targets WHERE target_id = $id', { id: targetId });
}

async function insertUserTarget(exec: ExecSql, targetId: string, target: UserTarget, unit: string): Promise<void> {
  await exec(
    `INSERT INTO user_targets (target_id, indicator_code, region, scope, year, comparator, value, unit, note, created_at)
     VALUES ($id, $code, $region, $scope, $year, $comparator, $value, $unit, $note, now()::TIMESTAMP)`,
    {
      id: targetId,
      code: target.indicatorCode,
      region: target.region,
      scope: target.scope,
      year: target.year,
      comparator: target.comparator,
      value: target.value,
      unit,
      note: target.note,
    },
  );
}

export async function listScenarios(exec: ExecSql): Promise<StoredScenarios> {
  await createTargetTables(exec);
  const rows = await exec('SELECT scenario_id, document FROM scenarios ORDER BY updated_at, scenario_id');
  const scenarios: Scenario[] = [];
  const problems: StoredScenarios['problems'] = [];
  for (const row of rows) {
    const scenarioId = text(row.scenario_id);
    try {
      const parsed = scenarioSchema.safeParse(JSON.parse(text(row.document)));
      if (parsed.success) scenarios.push(parsed.data as Scenario);
      else {
        const issue = parsed.error.issues[0]!;
        problems.push({ scenarioId, message: `${issue.path.join('.') || 'document'}: ${issue.message}` });
      }
    } catch (error) {
      problems.push({ scenarioId, message: error instanceof Error ? error.message : String(error) });
    }
  }
  return { scenarios, problems };
}

export async function saveScenario(exec: ExecSql, scenario: Scenario): Promise<void> {
  await createTargetTables(exec);
  await exec(
    `INSERT OR REPLACE INTO scenarios (scenario_id, name, kind, document, updated_at) VALUES ($id, $name, $kind, $document, now()::TIMESTAMP)`,
    { id: scenario.id, name: scenario.name, kind: scenario.kind, document: JSON.stringify(scenario) },
  );
}

export async function removeScenario(exec: ExecSql, scenarioId: string): Promise<boolean> {
  await createTargetTables(exec);
  const rows = await exec('DELETE FROM scenarios WHERE scenario_id = $id RETURNING scenario_id', { id: scenarioId });
  return rows.length > 0;
}

function sqlValue(value: SqlParam): string {
  if (typeof value === 'number' && !Number.isFinite(value)) throw localizedError('value-not-finite', { value: String(value) }, undefined, 'invalid-argument');
  return sqlValueLiteral(value);
}

/** Replaces the rows of the scenarios present in `rows`, in one transaction; other scenarios' rows stay. */
export async function saveScenarioResults(exec: ExecSql, rows: readonly ScenarioResultRow[]): Promise<{ rows: number; scenarios: number }> {
  await createTargetTables(exec);
  const scenarioIds = [...new Set(rows.map((row) => row.scenario_id))];
  if (scenarioIds.length === 0) return { rows: 0, scenarios: 0 };
  const columns = SCENARIO_RESULT_COLUMNS.map((column) => column.name);
  await exec('BEGIN TRANSACTION');
  try {
    await exec(`DELETE FROM scenario_results WHERE scenario_id IN (${scenarioIds.map(quoteLiteral).join(', ')})`);
    for (let start = 0; start < rows.length; start += 500) {
      const chunk = rows.slice(start, start + 500);
      await exec(
        `INSERT INTO scenario_results (${columns.map(quoteIdentifier).join(', ')}) VALUES ${chunk
          .map((row) => `(${columns.map((column) => sqlValue(row[column])).join(', ')})`)
          .join(', ')}`,
      );
    }
    await exec('COMMIT');
  } catch (error) {
    await exec('ROLLBACK');
    throw error;
  }
  return { rows: rows.length, scenarios: scenarioIds.length };
}
