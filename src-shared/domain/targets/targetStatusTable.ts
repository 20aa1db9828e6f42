import { quoteIdentifier, sqlValueLiteral } from '../sqlIdentifier';
import type { BoardTarget } from './boardTarget';
import { factNotesText } from './targetFactText';

/** The workspace relation that carries the board's evaluation of every target to SQL. */
export const TARGET_STATUS_RELATION = 'target_status';

/**
 * Where a target stands on its latest figure, as the board says it:
 * - `met`: the latest figure that counts toward the target meets it;
 * - `missed`: a full-year figure of the target year (or later) does not;
 * - `in-progress`: the target year is not over (or, for a count made within the year, has no figure yet);
 * - `no-actual`: there is no figure at all.
 */
export type TargetStatusCode = 'met' | 'missed' | 'in-progress' | 'no-actual';

const STATUS_TEXT: Record<TargetStatusCode, { zh: string; en: string }> = {
  met: { zh: '已达到', en: 'met' },
  missed: { zh: '未达到', en: 'missed' },
  'in-progress': { zh: '进行中', en: 'in progress' },
  'no-actual': { zh: '尚无实际值', en: 'no actual yet' },
};

type SqlValue = string | number | boolean | null;

/** The columns of `target_status`, in order, with their DuckDB types and meaning (the schema listing and docs show them). */
export const TARGET_STATUS_COLUMNS = [
  { name: 'target_id', type: 'VARCHAR', about: 'the target (targets.target_id)' },
  { name: 'indicator_code', type: 'VARCHAR', about: "the target's indicator" },
  { name: 'region', type: 'VARCHAR', about: "the target's region" },
  { name: 'scope', type: 'VARCHAR', about: "the target's scope (全市, 市级, 前湾新区 …)" },
  { name: 'target_year', type: 'INTEGER', about: 'the year the target is for' },
  { name: 'comparator', type: 'VARCHAR', about: "the comparator as the document means it ('=' on a count reads '>=')" },
  { name: 'written_comparator', type: 'VARCHAR', about: 'the comparator as the targets table writes it' },
  { name: 'target_value', type: 'DOUBLE', about: 'the target value' },
  { name: 'unit', type: 'VARCHAR', about: 'the unit of the target and of the latest value' },
  { name: 'measure', type: 'VARCHAR', about: 'stock, flow (a count made within the year), percentage or coverage' },
  { name: 'latest_year', type: 'INTEGER', about: 'year of the latest figure (real period order, user corrections first); NULL without one' },
  { name: 'latest_period', type: 'VARCHAR', about: "'annual' or the in-year period ('1-11月')" },
  { name: 'latest_value', type: 'DOUBLE', about: 'the latest figure' },
  { name: 'latest_status', type: 'VARCHAR', about: 'actual, preliminary, estimate, derived …' },
  { name: 'latest_origin', type: 'VARCHAR', about: "'bundled' or 'user'" },
  { name: 'latest_source_id', type: 'VARCHAR', about: "the latest figure's sources row (NULL for a user's row)" },
  { name: 'counted_from', type: 'VARCHAR', about: 'the indicator whose figure counts toward this target, when not its own' },
  { name: 'completion_pct', type: 'DOUBLE', about: 'latest value ÷ target value × 100, rounded to 0.1' },
  { name: 'gap', type: 'DOUBLE', about: 'target minus what counts toward it (for a flow, the target year’s figure or 0)' },
  { name: 'meets', type: 'BOOLEAN', about: 'whether what counts toward the target meets it' },
  { name: 'status', type: 'VARCHAR', about: 'met, missed, in-progress or no-actual' },
  { name: 'status_zh', type: 'VARCHAR', about: 'the status in Chinese' },
  { name: 'caveat_zh', type: 'VARCHAR', about: "what the board's row says beside its figures, in Chinese (NULL when nothing)" },
  { name: 'caveat_en', type: 'VARCHAR', about: 'the same in English' },
  { name: 'caveat_short_zh', type: 'VARCHAR', about: "the caveat in a few words, as the board's row shows it" },
  { name: 'target_source_id', type: 'VARCHAR', about: "the target's sources row" },
] as const;

export type TargetStatusColumn = (typeof TARGET_STATUS_COLUMNS)[number]['name'];
export type TargetStatusRow = Record<TargetStatusColumn, SqlValue>;

export function targetStatusCode(target: Pick<BoardTarget, 'latest' | 'latestMeets' | 'year'>): TargetStatusCode {
  const { latest } = target;
  if (latest === null) return 'no-actual';
  if (target.latestMeets) return 'met';
  const finalFigure = latest.year > target.year || (latest.year === target.year && latest.period === 'annual');
  return finalFigure ? 'missed' : 'in-progress';
}

/** One row of `target_status` per target: the board's own evaluation (`completeBoardTarget`), flattened. */
export function targetStatusRow(target: BoardTarget): TargetStatusRow {
  const { latest } = target;
  const status = targetStatusCode(target);
  return {
    target_id: target.targetId,
    indicator_code: target.indicatorCode,
    region: target.region,
    scope: target.scope,
    target_year: target.year,
    comparator: target.comparator,
    written_comparator: target.writtenComparator,
    target_value: target.value,
    unit: target.unit,
    measure: target.measure,
    latest_year: latest?.year ?? null,
    latest_period: latest?.period ?? null,
    latest_value: latest?.value ?? null,
    latest_status: latest?.status ?? null,
    latest_origin: latest?.origin ?? null,
    latest_source_id: latest?.sourceId ?? null,
    counted_from: latest?.countedFrom ?? null,
    completion_pct: latest && target.value !== 0 ? Math.round((1000 * latest.value) / target.value) / 10 : null,
    gap: target.gap?.absolute ?? null,
    meets: target.latestMeets,
    status,
    status_zh: STATUS_TEXT[status].zh,
    caveat_zh: factNotesText(target, 'zh'),
    caveat_en: factNotesText(target, 'en'),
    caveat_short_zh: factNotesText(target, 'zh', 'short'),
    target_source_id: target.sourceId,
  };
}

/** What the schema listing says of `target_status`. */
export const TARGET_STATUS_COMMENT =
  '目标看板对每个目标的评估（最新实际值、完成度、状态、说明），由工作区在读取前刷新；勿手工修改 · The board’s evaluation of every target (latest value, completion, status, caveat), refreshed by the workspace before it is read; do not edit';

/**
 * The statements that replace `target_status` with the rows given: one
 * CREATE OR REPLACE (typed even when there are none, so a reader never sees
 * it half filled), then its comment for the schema listing.
 */
export function targetStatusTableStatements(targets: readonly BoardTarget[]): string[] {
  const name = quoteIdentifier(TARGET_STATUS_RELATION);
  const typed = (row: TargetStatusRow | null) =>
    TARGET_STATUS_COLUMNS.map((column) => {
      const value = row === null ? null : row[column.name];
      return `CAST(${value === null || (typeof value === 'number' && !Number.isFinite(value)) ? 'NULL' : sqlValueLiteral(value)} AS ${column.type}) AS ${quoteIdentifier(column.name)}`;
    }).join(', ');
  const selects = targets.length === 0 ? [`SELECT ${typed(null)} WHERE FALSE`] : targets.map((target) => `SELECT ${typed(targetStatusRow(target))}`);
  return [`CREATE OR REPLACE TABLE ${name} AS\n${selects.join('\nUNION ALL\n')}`, `COMMENT ON TABLE ${name} IS ${sqlValueLiteral(TARGET_STATUS_COMMENT)}`];
}
