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
import type { AddObservationInput } from '@shared/contract/services/datasetsContract';
import { userError } from '@shared/contract/WorkbenchError';
import { convertUnit, canConvert, compatibleUnits } from '@shared/domain/units';
import type { Comparator, IndicatorKind, ObservationStatus, Origin } from '@shared/domain/datasets/datasetRecords';
import type { z } from 'zod';
import type { ExecSql } from './datasetTables';

type Row = Record<string, unknown>;
const text = (value: unknown): string => (value === null || value === undefined ? '' : String(value));
const nullableText = (value: unknown): string | null => (value === null || value === undefined ? null : String(value));

const INDICATOR_SQL = `
  SELECT i.code, i.name_zh, i.name_en, i.unit, i.category, i.category_en, i.higher_is_better, i.kind, i.definition, i.definition_en,
         (SELECT count(*) FROM observations o WHERE o.indicator_code = i.code) AS observation_count,
         (SELECT count(*) FROM targets t WHERE t.indicator_code = i.code) AS target_count
    FROM indicators i`;

function indicatorFromRow(row: Row): IndicatorSummary {
  return {
    code: text(row.code),
    name_zh: text(row.name_zh),
    name_en: text(row.name_en),
    unit: text(row.unit),
    category: text(row.category),
    category_en: text(row.category_en),
    higher_is_better: row.higher_is_better === true,
    kind: text(row.kind) as IndicatorKind,
    definition: text(row.definition),
    definition_en: text(row.definition_en),
    observationCount: Number(row.observation_count),
    targetCount: Number(row.target_count),
  };
}

function seriesPointFromRow(row: Row): SeriesPoint {
  return {
    obsId: text(row.obs_id),
    indicatorCode: text(row.indicator_code),
    region: text(row.region),
    scope: text(row.scope),
    year: Number(row.year),
    period: text(row.period),
    value: Number(row.value),
    unit: text(row.unit),
    status: text(row.status) as ObservationStatus,
    origin: text(row.origin) as Origin,
    sourceId: nullableText(row.source_id),
    formula: nullableText(row.formula),
    note: nullableText(row.note),
    figureText: nullableText(row.figure_text),
    quote: nullableText(row.quote),
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
      name: nullableText(row!.name),
      version: nullableText(row!.version),
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
    if (!row) throw userError(`Unknown indicator code "${code}". / 没有这个指标代码。`, 'unknown-indicator');
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
          targetId: text(row.target_id),
          indicatorCode: text(row.indicator_code),
          region: text(row.region),
          scope: text(row.scope),
          year: Number(row.year),
          comparator: text(row.comparator) as Comparator,
          value: Number(row.value),
          unit: text(row.unit),
          origin: text(row.origin) as Origin,
          sourceId: nullableText(row.source_id),
          note: nullableText(row.note),
          figureText: nullableText(row.figure_text),
          quote: nullableText(row.quote),
        }),
      ),
      sources: sources.map(
        (row): SourceView => ({
          source_id: text(row.source_id),
          title: text(row.title),
          issuer: text(row.issuer),
          date: text(row.date),
          section: text(row.section),
          quote: text(row.quote),
          url: text(row.url),
          publisher: text(row.publisher),
          copy: text(row.copy) as SourceCopy,
          original_publisher: nullableText(row.original_publisher) ?? '',
          date_basis: nullableText(row.date_basis) ?? '',
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
      throw userError(
        `unit: ${input.unit} cannot be converted to ${indicator.unit}, the unit of ${indicator.name_zh} (${indicator.code}); use ${allowed}. / 单位“${input.unit}”不能换算为该指标的单位“${indicator.unit}”。`,
        'invalid-unit',
      );
    }
    const value = convertUnit(input.value, input.unit, indicator.unit);
    const [duplicate] = await this.exec(
      `SELECT obs_id FROM user_observations WHERE indicator_code = $code AND region = $region AND scope = $scope AND year = $year AND period = $period`,
      { code: indicator.code, region: input.region, scope: input.scope, year: input.year, period: input.period },
    );
    if (duplicate) {
      throw userError(
        `You already added ${indicator.code} for ${input.region} ${input.scope} ${input.year} ${input.period} (row ${text(duplicate.obs_id)}); delete it first. / 已有同一年份和期间的自填数据，请先删除。`,
        'duplicate-observation',
      );
    }
    const obsId = `u_${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`;
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
}
