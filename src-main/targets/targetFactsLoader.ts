import { parseComparator } from '@shared/domain/projection/targetStatus';
import { completeBoardTarget, type BoardTarget, type BoardTargetFacts } from '@shared/domain/targets/boardTarget';
import type { SpreadPriors } from '@shared/domain/projection/spreadPrior';
import { bundledAnnualSeries, bundledSpreadPriors, type IndicatorObservation } from '@shared/domain/targets/historySeries';
import type { RawObservation } from '@shared/domain/targets/observationChoice';
import { COUNTS_TOWARD } from '@shared/domain/targets/targetMeaning';
import { quoteLiteral, WORKSPACE_RELATIONS_SQL } from '@shared/domain/sqlIdentifier';
import { columnText, columnTextOrNull, type ExecSql } from '../workspace/workspaceSql';

export type { ExecSql } from '../workspace/workspaceSql';
type Row = Record<string, unknown>;

/** The stock-and-flow driver of `hightech_enterprises`. */
export const NEW_CERTIFICATIONS_CODE = 'new_hightech_enterprises';

export interface TargetFacts {
  targets: BoardTarget[];
  indicators: { code: string; nameZh: string; nameEn: string; unit: string }[];
  missingViews: string[];
  /** Pooled year-over-year variability of the bundled history, by class: the prior of every projection's spread. */
  spreadPriors: SpreadPriors;
}


/** Tables and views of the workspace's main schema, lower-cased. */
export async function workspaceRelations(exec: ExecSql): Promise<Set<string>> {
  const rows = await exec(WORKSPACE_RELATIONS_SQL);
  return new Set(rows.map((row) => String(row.name).toLowerCase()));
}

async function columnsOf(exec: ExecSql, relation: string): Promise<Set<string>> {
  const rows = await exec(`SELECT column_name FROM information_schema.columns WHERE table_name = $name`, { name: relation });
  return new Set(rows.map((row) => String(row.column_name).toLowerCase()));
}

/**
 * The one loader of targets' facts: every target (or the one asked for) with
 * all observations of its indicator, region and scope, the observations of
 * indicators that count toward it, and its sources' publication dates; the
 * choice of figures and the evaluation are `completeBoardTarget`'s. The
 * board, the notebook target card and `iwb forecast` read targets through it.
 * `user_targets` must exist when `targets` does not (the caller creates it).
 */
export async function loadTargetFacts(exec: ExecSql, options: { targetId?: string } = {}): Promise<TargetFacts> {
  const present = await workspaceRelations(exec);
  const missingViews = ['targets', 'observations', 'indicators'].filter((name) => !present.has(name));
  const targetColumns = 'target_id, indicator_code, region, scope, year, comparator, value, unit, note';
  const only = options.targetId === undefined ? '' : ` WHERE target_id = ${quoteLiteral(options.targetId)}`;
  const targetRows = present.has('targets')
    ? await exec(
        `SELECT * FROM (SELECT ${targetColumns}, source_id, CAST(origin AS VARCHAR) AS origin FROM targets${
          present.has('user_targets')
            ? `
         UNION ALL
         SELECT ${targetColumns}, NULL, 'user' FROM user_targets WHERE target_id NOT IN (SELECT target_id FROM targets)`
            : ''
        })${only}
         ORDER BY year, target_id`,
      )
    : present.has('user_targets')
      ? await exec(`SELECT ${targetColumns}, NULL AS source_id, 'user' AS origin FROM user_targets${only} ORDER BY year, target_id`)
      : [];
  const sources = new Map<string, { title: string; date: string | null }>();
  if (present.has('sources')) {
    for (const row of await exec('SELECT source_id, title, CAST(date AS VARCHAR) AS date FROM sources')) {
      sources.set(columnText(row.source_id), { title: columnText(row.title), date: columnTextOrNull(row.date) });
    }
  }
  const indicators = new Map<string, Row>();
  if (present.has('indicators')) {
    for (const row of await exec('SELECT * FROM indicators ORDER BY code')) indicators.set(columnText(row.code), row);
  }
  const indicatorList = [...indicators.values()].map((row) => ({
    code: columnText(row.code),
    nameZh: columnText(row.name_zh ?? row.name ?? row.code),
    nameEn: columnText(row.name_en ?? row.name ?? row.code),
    unit: columnText(row.unit),
  }));
  const observations = present.has('observations') ? await loadObservations(exec, indicators, sources) : [];
  const spreadPriors = bundledSpreadPriors(bundledAnnualSeries(observations));
  if (targetRows.length === 0) return { targets: [], indicators: indicatorList, missingViews, spreadPriors };
  const targets = targetRows.map((row) => {
    const code = columnText(row.indicator_code);
    const region = columnText(row.region);
    const scope = columnText(row.scope);
    const indicator = indicators.get(code);
    const unit = columnText(row.unit) || columnText(indicator?.unit);
    // Figures in another unit (万个 beside 个) are not the target's figures; nothing is converted here.
    const ofThis = (indicatorCode: string): RawObservation[] =>
      observations.filter(
        (observation) =>
          observation.indicatorCode === indicatorCode &&
          observation.scope === scope &&
          observation.region === region &&
          (observation.unit === '' || unit === '' || observation.unit === unit),
      );
    const counted = COUNTS_TOWARD.find((entry) => entry.indicatorCode === code)?.counted ?? [];
    const facts: BoardTargetFacts = {
      targetId: columnText(row.target_id),
      indicatorCode: code,
      nameZh: indicator ? columnText(indicator.name_zh ?? indicator.name ?? code) || code : code,
      nameEn: indicator ? columnText(indicator.name_en ?? indicator.name ?? code) || code : code,
      unit,
      region,
      scope,
      year: Number(row.year),
      comparator: parseComparator(columnText(row.comparator)),
      value: Number(row.value),
      note: columnTextOrNull(row.note),
      sourceTitle: sources.get(columnText(row.source_id))?.title ?? null,
      sourceId: columnTextOrNull(row.source_id),
      origin: columnText(row.origin) || 'bundled',
      indicatorKind: indicator ? columnTextOrNull(indicator.kind) : null,
      observations: [...ofThis(code), ...counted.flatMap((other) => ofThis(other).map((observation) => ({ ...observation, countedFrom: other })))],
      newCertificationObservations: code === 'hightech_enterprises' ? ofThis(NEW_CERTIFICATIONS_CODE) : [],
    };
    return completeBoardTarget(facts);
  });
  return { targets, indicators: indicatorList, missingViews, spreadPriors };
}

/** Every observation of the workspace with its indicator's kind and its source's date: the targets' facts and the spread priors' history. */
export async function loadObservations(
  exec: ExecSql,
  indicators: Map<string, Row>,
  sources: Map<string, { title: string; date: string | null }>,
): Promise<IndicatorObservation[]> {
  const columns = await columnsOf(exec, 'observations');
  const origin = columns.has('origin') ? 'CAST(origin AS VARCHAR)' : "'bundled'";
  const sourceId = columns.has('source_id') ? 'source_id' : 'NULL';
  const unit = columns.has('unit') ? 'unit' : 'NULL';
  const status = columns.has('status') ? 'CAST(status AS VARCHAR)' : "'actual'";
  const rows = await exec(
    `SELECT indicator_code, region, scope, ${unit} AS unit, year, period, value, ${status} AS status, ${origin} AS origin, ${sourceId} AS source_id
       FROM observations WHERE value IS NOT NULL ORDER BY year`,
  );
  return rows.map((row) => {
    const source = sources.get(columnText(row.source_id));
    return {
      indicatorCode: columnText(row.indicator_code),
      region: columnText(row.region),
      scope: columnText(row.scope),
      unit: columnText(row.unit),
      indicatorKind: columnTextOrNull(indicators.get(columnText(row.indicator_code))?.kind),
      year: Number(row.year),
      period: columnText(row.period),
      value: Number(row.value),
      status: columnText(row.status),
      origin: columnText(row.origin) || 'bundled',
      sourceTitle: source?.title ?? null,
      sourceId: columnTextOrNull(row.source_id),
      sourceDate: source?.date ?? null,
    };
  });
}
