import { randomBytes } from 'node:crypto';
import type {
  DatasetsInfo,
  IndicatorDetail,
  IndicatorSummary,
  SeriesPoint,
  SourceCopy,
  SourceView,
  TargetPoint,
} from '@shared/contract/services/datasetsContract';
import type { AddObservationInput, SaveObservationsInput, SaveObservationsResult } from '@shared/contract/services/datasetsContract';
import { bilingual, localizedError, type Bilingual } from '@shared/contract/errorTexts';
import { quoteLiteral } from '@shared/domain/sqlIdentifier';
import { observationKey } from '@shared/domain/history/historyGrid';
import { impossibleValue } from '@shared/domain/targets/targetMeaning';
import { convertUnit, canConvert, compatibleUnits, formatValue } from '@shared/domain/units';
import type { Comparator, IndicatorKind, ObservationStatus, Origin } from '@shared/domain/datasets/datasetRecords';
import type { z } from 'zod';
import { columnText, columnTextOrNull, type ExecSql } from '../workspace/workspaceSql';

type Row = Record<string, unknown>;

const INDICATOR_SQL = `
  SELECT i.code, i.name_zh, i.name_en, i.unit, i.category, i.category_en, i.higher_is_better, i.kind, i.definition, i.definition_en,
         (SELECT count(*) FROM observations o WHERE o.indicator_code = i.code) AS observation_count,
         (SELECT count(*) FROM targets t WHERE t.indicator_code = i.code) AS target_count
    FROM indicators i`;

function indicatorFromRow(row: Row): IndicatorSummary {
  return {
    code: columnText(row.code),
    name_zh: columnText(row.name_zh),
    name_en: columnText(row.name_en),
    unit: columnText(row.unit),
    category: columnText(row.category),
    category_en: columnText(row.category_en),
    higher_is_better: row.higher_is_better === true,
    kind: columnText(row.kind) as IndicatorKind,
    definition: columnText(row.definition),
    definition_en: columnText(row.definition_en),
    observationCount: Number(row.observation_count),
    targetCount: Number(row.target_count),
  };
}

/** Ids of rows the user adds: `u_`, the time, and random bytes so that rows added in one millisecond differ. */
function newUserObservationId(): string {
  return `u_${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`;
}

function seriesPointFromRow(row: Row): SeriesPoint {
  return {
    obsId: columnText(row.obs_id),
    indicatorCode: columnText(row.indicator_code),
    region: columnText(row.region),
    scope: columnText(row.scope),
    year: Number(row.year),
    period: columnText(row.period),
    value: Number(row.value),
    unit: columnText(row.unit),
    status: columnText(row.status) as ObservationStatus,
    origin: columnText(row.origin) as Origin,
    sourceId: columnTextOrNull(row.source_id),
    formula: columnTextOrNull(row.formula),
    note: columnTextOrNull(row.note),
    figureText: columnTextOrNull(row.figure_text),
    quote: columnTextOrNull(row.quote),
  };
}

/** Reads and writes the workspace's indicator views and user tables. */
export class DatasetQueries {
  constructor(private readonly exec: ExecSql) {}

  async info(loadError: string | null): Promise<DatasetsInfo> {
    if (loadError !== null) {
      return { name: null, version: null, loadError, indicators: 0, observations: 0, userObservations: 0, targets: 0, sources: 0 };
    }
    const [row] = await this.exec(`
      SELECT (SELECT value FROM dataset_meta WHERE key = 'bundled_name') AS name,
             (SELECT value FROM dataset_meta WHERE key = 'bundled_version') AS version,
             (SELECT count(*) FROM indicators) AS indicators,
             (SELECT count(*) FROM observations) AS observations,
             (SELECT count(*) FROM user_observations) AS user_observations,
             (SELECT count(*) FROM targets) AS targets,
             (SELECT count(*) FROM sources) AS sources`);
    return {
      name: columnTextOrNull(row!.name),
      version: columnTextOrNull(row!.version),
      loadError: null,
      indicators: Number(row!.indicators),
      observations: Number(row!.observations),
      userObservations: Number(row!.user_observations),
      targets: Number(row!.targets),
      sources: Number(row!.sources),
    };
  }

  async listIndicators(): Promise<IndicatorSummary[]> {
    const rows = await this.exec(`${INDICATOR_SQL} ORDER BY i.ordinal`);
    return rows.map(indicatorFromRow);
  }

  async indicator(code: string): Promise<IndicatorSummary> {
    const [row] = await this.exec(`${INDICATOR_SQL} WHERE i.code = $code`, { code });
    if (!row) throw localizedError('unknown-indicator', { code });
    return indicatorFromRow(row);
  }

  async detail(code: string): Promise<IndicatorDetail> {
    const indicator = await this.indicator(code);
    const observations = await this.exec(
      `SELECT o.*, s.quote FROM observations o LEFT JOIN sources s USING (source_id)
        WHERE o.indicator_code = $code
        ORDER BY o.year, o.period = 'annual' DESC, o.period, CASE o.scope WHEN '全市' THEN 0 WHEN '市级' THEN 1 ELSE 2 END, o.origin, o.obs_id`,
      { code },
    );
    const targets = await this.exec(
      `SELECT t.*, s.quote FROM targets t LEFT JOIN sources s USING (source_id) WHERE t.indicator_code = $code ORDER BY t.year, t.target_id`,
      { code },
    );
    const sources = await this.exec(
      `SELECT source_id, title, issuer, CAST(date AS VARCHAR) AS date, section, quote, url, publisher, copy, original_publisher, date_basis FROM sources
        WHERE source_id IN (SELECT source_id FROM observations WHERE indicator_code = $code
                            UNION SELECT source_id FROM targets WHERE indicator_code = $code)
        ORDER BY source_id`,
      { code },
    );
    return {
      indicator,
      observations: observations.map(seriesPointFromRow),
      targets: targets.map(
        (row): TargetPoint => ({
          targetId: columnText(row.target_id),
          indicatorCode: columnText(row.indicator_code),
          region: columnText(row.region),
          scope: columnText(row.scope),
          year: Number(row.year),
          comparator: columnText(row.comparator) as Comparator,
          value: Number(row.value),
          unit: columnText(row.unit),
          origin: columnText(row.origin) as Origin,
          sourceId: columnTextOrNull(row.source_id),
          note: columnTextOrNull(row.note),
          figureText: columnTextOrNull(row.figure_text),
          quote: columnTextOrNull(row.quote),
        }),
      ),
      sources: sources.map(
        (row): SourceView => ({
          source_id: columnText(row.source_id),
          title: columnText(row.title),
          issuer: columnText(row.issuer),
          date: columnText(row.date),
          section: columnText(row.section),
          quote: columnText(row.quote),
          url: columnText(row.url),
          publisher: columnText(row.publisher),
          copy: columnText(row.copy) as SourceCopy,
          original_publisher: columnTextOrNull(row.original_publisher) ?? '',
          date_basis: columnTextOrNull(row.date_basis) ?? '',
        }),
      ),
    };
  }

  /**
   * Stores a user row in the indicator's unit. Refuses a unit that does not
   * convert, and a second user row for the same indicator, region, scope,
   * year and period (delete the old one first).
   */
  async addObservation(input: z.output<typeof AddObservationInput>): Promise<SeriesPoint> {
    const indicator = await this.indicator(input.indicatorCode);
    if (!canConvert(input.unit, indicator.unit)) {
      const allowed = compatibleUnits(indicator.unit).join(', ') || indicator.unit;
      throw localizedError(
        'observation-unit',
        { unit: input.unit, indicatorUnit: indicator.unit, name: indicator.name_zh, code: indicator.code, allowed },
        undefined,
        'invalid-unit',
      );
    }
    const value = convertUnit(input.value, input.unit, indicator.unit);
    const why = impossibleValue({ code: indicator.code, nameZh: indicator.name_zh, unit: indicator.unit, kind: indicator.kind }, value);
    if (why) throw localizedError('observation-impossible', { name: bilingual(indicator.name_en, indicator.name_zh), code: indicator.code, value: formatValue(input.value, input.unit), why });
    const [duplicate] = await this.exec(
      `SELECT obs_id FROM user_observations WHERE indicator_code = $code AND region = $region AND scope = $scope AND year = $year AND period = $period`,
      { code: indicator.code, region: input.region, scope: input.scope, year: input.year, period: input.period },
    );
    if (duplicate) {
      throw localizedError(
        'observation-duplicate',
        { code: indicator.code, region: input.region, scope: input.scope, year: input.year, period: input.period, obsId: columnText(duplicate.obs_id) },
        undefined,
        'duplicate-observation',
      );
    }
    const obsId = newUserObservationId();
    await this.exec(
      `INSERT INTO user_observations VALUES ($obsId, $code, $region, $scope, $year, $period, $value, $unit, $status, $note, $enteredValue, $enteredUnit, now())`,
      {
        obsId,
        code: indicator.code,
        region: input.region,
        scope: input.scope,
        year: input.year,
        period: input.period,
        value,
        unit: indicator.unit,
        status: input.status,
        note: input.note,
        enteredValue: input.value,
        enteredUnit: input.unit,
      },
    );
    const [row] = await this.exec(`SELECT *, NULL AS quote FROM observations WHERE obs_id = $obsId`, { obsId });
    return seriesPointFromRow(row!);
  }

  async deleteObservation(obsId: string): Promise<boolean> {
    const rows = await this.exec(`DELETE FROM user_observations WHERE obs_id = $obsId RETURNING obs_id`, { obsId });
    return rows.length > 0;
  }

  /**
   * Stores the history grid's cells in one transaction. Every cell is checked
   * first (known indicator, a unit that converts, one cell per observation);
   * if any is refused nothing is written. A cell's existing user row is
   * updated in place, so a row from an import keeps its id and note.
   */
  async saveObservations(input: z.output<typeof SaveObservationsInput>): Promise<SaveObservationsResult> {
    const codes = [...new Set(input.changes.map((change) => change.indicatorCode))];
    const list = codes.map(quoteLiteral).join(', ');
    const indicators = new Map(
      (await this.exec(`SELECT code, name_zh, name_en, unit, kind FROM indicators WHERE code IN (${list})`)).map((row) => [columnText(row.code), row]),
    );
    const refused: Bilingual[] = [];
    const seen = new Set<string>();
    const converted = input.changes.map((change) => {
      const where = `${change.indicatorCode} ${change.year} ${change.period === 'annual' ? '' : change.period}`.trim();
      const indicator = indicators.get(change.indicatorCode);
      const key = observationKey(change);
      if (seen.has(key)) refused.push(bilingual(`${where}: given twice`, `${where}：重复出现`));
      seen.add(key);
      if (!indicator) {
        refused.push(bilingual(`${where}: no indicator has this code`, `${where}：没有这个指标代码`));
        return null;
      }
      const unit = columnText(indicator.unit);
      if (change.value === null) return { change, unit, value: null };
      if (!canConvert(change.unit, unit)) {
        refused.push(bilingual(`${where}: ${change.unit} cannot be converted to ${unit}`, `${where}：单位“${change.unit}”不能换算为“${unit}”`));
        return null;
      }
      const value = convertUnit(change.value, change.unit, unit);
      const why = impossibleValue({ code: change.indicatorCode, nameZh: columnText(indicator.name_zh), unit, kind: indicator.kind === null ? null : columnText(indicator.kind) }, value);
      if (why) {
        refused.push(bilingual(`${where}: ${formatValue(change.value, change.unit)}: ${why.en}`, `${where}：${formatValue(change.value, change.unit)}：${why.zh}`));
        return null;
      }
      return { change, unit, value };
    });
    if (refused.length > 0) {
      const shown = refused.slice(0, 10);
      throw localizedError('history-cells-refused', {
        list: bilingual(shown.map((item) => item.en).join('; ') + (refused.length > 10 ? ` (+${refused.length - 10})` : ''), shown.map((item) => item.zh).join('；') + (refused.length > 10 ? `（另 ${refused.length - 10} 项）` : '')),
      });
    }
    const existing = new Map(
      (await this.exec(`SELECT obs_id, indicator_code, region, scope, year, period FROM user_observations WHERE indicator_code IN (${list})`)).map((row) => [
        observationKey({ indicatorCode: columnText(row.indicator_code), region: columnText(row.region), scope: columnText(row.scope), year: Number(row.year), period: columnText(row.period) }),
        columnText(row.obs_id),
      ]),
    );
    const deletes: string[] = [];
    const updates: string[] = [];
    const inserts: string[] = [];
    for (const item of converted) {
      const { change, unit, value } = item!;
      const obsId = existing.get(observationKey(change));
      if (value === null) {
        if (obsId !== undefined) deletes.push(quoteLiteral(obsId));
      } else if (obsId !== undefined) {
        updates.push(`(${quoteLiteral(obsId)}, ${value}::DOUBLE, ${quoteLiteral(unit)}, ${change.value}::DOUBLE, ${quoteLiteral(change.unit)})`);
      } else {
        inserts.push(
          `(${[newUserObservationId(), change.indicatorCode, change.region, change.scope].map(quoteLiteral).join(', ')}, ${change.year}, ${quoteLiteral(change.period)}, ${value}::DOUBLE, ${quoteLiteral(unit)}, 'actual', ${quoteLiteral(input.note)}, ${change.value}::DOUBLE, ${quoteLiteral(change.unit)}, now())`,
        );
      }
    }
    await this.exec('BEGIN TRANSACTION');
    try {
      if (deletes.length > 0) await this.exec(`DELETE FROM user_observations WHERE obs_id IN (${deletes.join(', ')})`);
      if (updates.length > 0) {
        await this.exec(
          `UPDATE user_observations AS u SET value = v.value, unit = v.unit, entered_value = v.entered_value, entered_unit = v.entered_unit
             FROM (VALUES ${updates.join(', ')}) AS v(obs_id, value, unit, entered_value, entered_unit) WHERE u.obs_id = v.obs_id`,
        );
      }
      if (inserts.length > 0) {
        await this.exec(
          `INSERT INTO user_observations (obs_id, indicator_code, region, scope, year, period, value, unit, status, note, entered_value, entered_unit, created_at) VALUES ${inserts.join(', ')}`,
        );
      }
      await this.exec('COMMIT');
    } catch (error) {
      await this.exec('ROLLBACK').catch(() => undefined);
      throw error;
    }
    return { inserted: inserts.length, updated: updates.length, deleted: deletes.length };
  }
}
