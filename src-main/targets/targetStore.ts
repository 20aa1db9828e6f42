import { randomBytes } from 'node:crypto';
import type { StoredScenarios, TargetBoard } from '@shared/contract/services/targetsContract';
import type { Scenario } from '@shared/domain/projection/scenario';
import {
  indicatorAssumptionKey,
  readScenarioDocument,
  SCENARIO_DOCUMENT_VERSION,
  scenarioDocument,
  scenarioDocumentVersion,
} from '@shared/domain/projection/scenarioDocument';
import { SCENARIO_RESULT_COLUMNS, type ScenarioResultRow } from '@shared/domain/projection/scenarioResults';
import { quoteIdentifier, quoteLiteral, sqlValueLiteral } from '@shared/domain/sqlIdentifier';
import { localizedError } from '@shared/contract/errorTexts';
import { bilingual } from '@shared/domain/bilingual';
import { impossibleValue } from '@shared/domain/targets/targetMeaning';
import { formatValue } from '@shared/domain/units';
import { columnText, columnTextOrNull, type ExecSql, type SqlParam } from '../workspace/workspaceSql';
import { loadTargetFacts, workspaceRelations } from './targetFactsLoader';
import type { TargetEvaluation } from './targetEvaluation';

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

export async function createTargetTables(exec: ExecSql): Promise<void> {
  for (const sql of TARGET_TABLES) await exec(sql);
}

const relations = workspaceRelations;

/** The board's data: the workspace's one evaluation, which `target_status` also holds, so SQL and the board agree. */
export async function loadTargetBoard(exec: ExecSql, evaluation: TargetEvaluation): Promise<TargetBoard> {
  await createTargetTables(exec);
  return evaluation.current();
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

/**
 * Checks the indicator, the unit and the value against `indicators` (when
 * present: a value the indicator cannot have, `impossibleValue`, is no
 * target) and returns the unit to store.
 */
async function checkedUnit(exec: ExecSql, target: UserTarget): Promise<string> {
  const present = await relations(exec);
  if (!present.has('indicators')) {
    if (!target.unit) throw localizedError('target-unit-needed', { code: target.indicatorCode }, undefined, 'target.unit');
    return target.unit;
  }
  // SELECT *: a workspace's own indicators table may lack the bundled view's kind column (no judgement then).
  const rows = await exec('SELECT * FROM indicators WHERE code = $code', { code: target.indicatorCode });
  if (rows.length === 0) throw localizedError('target-indicator-missing', { code: target.indicatorCode }, undefined, 'target.indicator');
  const unit = columnText(rows[0]!.unit);
  if (target.unit && unit && target.unit !== unit) {
    throw localizedError('target-unit-mismatch', { given: target.unit, code: target.indicatorCode, unit }, undefined, 'target.unit');
  }
  const indicator = rows[0]!;
  const why = impossibleValue({ code: target.indicatorCode, nameZh: columnText(indicator.name_zh), unit, kind: columnTextOrNull(indicator.kind) }, target.value);
  if (why) {
    const name = bilingual(columnTextOrNull(indicator.name_en) ?? columnText(indicator.name_zh), columnText(indicator.name_zh));
    throw localizedError('target-impossible', { name, code: target.indicatorCode, value: formatValue(target.value, unit), why });
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

/**
 * The stored scenarios, each read through `readScenarioDocument`: an older
 * document is migrated (its assumptions re-keyed by indicator, with the
 * workspace's targets) and written back in the current version; one that
 * fails validation is reported and left untouched.
 */
export async function listScenarios(exec: ExecSql): Promise<StoredScenarios> {
  await createTargetTables(exec);
  const rows = await exec('SELECT scenario_id, document FROM scenarios ORDER BY updated_at, scenario_id');
  const scenarios: Scenario[] = [];
  const problems: StoredScenarios['problems'] = [];
  let keys: Map<string, string> | null = null;
  for (const row of rows) {
    const scenarioId = columnText(row.scenario_id);
    try {
      const data: unknown = JSON.parse(columnText(row.document));
      if (scenarioDocumentVersion(data) < SCENARIO_DOCUMENT_VERSION && keys === null) {
        keys = new Map((await loadTargetFacts(exec)).targets.map((target) => [target.targetId, indicatorAssumptionKey(target)]));
      }
      const lookup = keys;
      const { scenario, applied } = readScenarioDocument(data, { assumptionKeyOf: (targetId) => lookup?.get(targetId) ?? null });
      if (applied.length > 0) await saveScenario(exec, scenario);
      scenarios.push(scenario);
    } catch (error) {
      problems.push({ scenarioId, message: error instanceof Error ? error.message : String(error) });
    }
  }
  return { scenarios, problems };
}

/** Saves one scenario as a document of the current version. */
export async function saveScenario(exec: ExecSql, scenario: Scenario): Promise<void> {
  await createTargetTables(exec);
  await exec(
    `INSERT OR REPLACE INTO scenarios (scenario_id, name, kind, document, updated_at) VALUES ($id, $name, $kind, $document, now()::TIMESTAMP)`,
    { id: scenario.id, name: scenario.name, kind: scenario.kind, document: JSON.stringify(scenarioDocument(scenario)) },
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
