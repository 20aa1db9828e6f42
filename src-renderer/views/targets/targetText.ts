import type { BoardTarget } from '@shared/contract/services/targetsContract';
import type { SeriesProblem } from '@shared/domain/projection/annualSeries';
import type { Scenario, TargetAssessment } from '@shared/domain/projection/scenario';
import { formatFigure, formatRate, withUnit } from '@shared/domain/targets/formatFigure';
import { periodLabel } from '@shared/domain/targets/periodLabel';
import type { ModelNote } from '@shared/domain/targets/targetModel';
import { isMessageKey, type Translate } from '../../i18n/translate';

/** Why a method could not run on a series, in the UI's language (the English message when the problem is not one of the series checks). */
export function seriesProblemText(t: Translate, failure: { message: string; problem: SeriesProblem | null }): string {
  const problem = failure.problem;
  if (!problem) return failure.message;
  switch (problem.code) {
    case 'too-few-years':
      return t(problem.positive ? 'target.series.tooFewPositive' : 'target.series.tooFew', { needed: problem.needed, got: problem.got });
    case 'years-missing':
      return t('target.series.yearsMissing', { missing: problem.missing });
    case 'not-positive':
      return t('target.series.notPositive', { year: problem.year, value: problem.value });
    case 'year-twice':
      return t('target.series.yearTwice', { year: problem.year });
  }
}

/** Board wording shared by the table, the panel and the chart. */
export function figure(value: number, unit: string): string {
  return withUnit(formatFigure(value, unit), unit);
}

export function targetText(t: Translate, target: Pick<BoardTarget, 'comparator' | 'value' | 'unit'>): string {
  const word = t(`target.cmp.${target.comparator}` as 'target.cmp.>');
  return `${word} ${figure(target.value, target.unit)}`;
}

export function latestText(t: Translate, language: 'zh' | 'en', target: BoardTarget): { value: string; when: string } | null {
  const { latest } = target;
  if (!latest) return null;
  const when = latest.month === 12 && latest.period === 'annual' ? t('target.annual', { year: latest.year }) : t('target.cumulative', { year: latest.year, period: periodLabel(latest.period, language) });
  const statusKey = `target.status.${latest.status}`;
  const status = latest.status && latest.status !== 'actual' && isMessageKey(statusKey) ? t('target.statusOf', { status: t(statusKey) }) : '';
  return { value: figure(latest.value, target.unit), when: `${when}${status}` };
}

/**
 * Why a row has no projection, or rests on a single value: no public history
 * at all, only the flow of a stock (new certifications but no valid total),
 * or one annual value before the target's year. Null otherwise.
 */
export function historyReason(t: Translate, target: Pick<BoardTarget, 'latest' | 'history' | 'cumulative' | 'newCertifications' | 'measure' | 'year'>): { text: string; title: string } | null {
  if (!target.latest) {
    if (target.measure === 'stock' && target.newCertifications.length > 0) {
      const years = target.newCertifications.map((point) => point.year).join(t('app.listSeparator'));
      return { text: t('target.why.flowOnly', { years }), title: t('target.why.flowOnlyTitle') };
    }
    return { text: t('target.why.noPublic'), title: t('target.why.noPublicTitle') };
  }
  // Only where a projection is needed: the target year's own value needs none.
  if (target.latest.year < target.year && target.history.length === 1 && target.cumulative.length === 0) {
    return { text: t('target.why.singleYear', { year: target.history[0]!.year }), title: t('target.why.singleYearTitle') };
  }
  return null;
}

export function gapText(t: Translate, target: Pick<BoardTarget, 'gap' | 'latestMeets' | 'unit' | 'paceKind'>): string {
  const { gap } = target;
  if (!gap) return t('target.gapNone');
  // A share or rate (R&D/GDP) is short by percentage points, never by "0.98%" of something.
  const amount = (value: number) => (target.paceKind === 'ratio' ? t('target.gapPoints', { points: formatFigure(value, '%') }) : figure(value, target.unit));
  // The gap's words follow the same verdict as the pace (latestMeets), so one row never says both 已超出 and 差.
  if (target.latestMeets) return gap.absolute < 0 ? t('target.gapExceeded', { value: amount(-gap.absolute) }) : t('target.gapReached');
  if (gap.absolute <= 0) return t('target.gapNotPassed');
  if (target.paceKind === 'ratio') return t('target.gapMissingPoints', { value: amount(gap.absolute) });
  const percent = gap.relative === null ? '—' : formatRate(gap.relative);
  return t('target.gapMissing', { value: amount(gap.absolute), percent });
}

export function paceText(t: Translate, target: Pick<BoardTarget, 'pace' | 'unit' | 'year'>): string {
  const { pace, unit } = target;
  switch (pace.kind) {
    case 'no-actual':
      return t('target.pace.noActual');
    case 'met':
      return t('target.pace.met');
    case 'missed':
      return t('target.pace.missed', { year: target.year, value: figure(pace.shortfall, unit) });
    case 'growth':
      return pace.years === 1 ? t('target.pace.growth', { rate: formatRate(pace.rate) }) : t('target.pace.growthYears', { rate: formatRate(pace.rate), years: pace.years });
    case 'remaining':
      return pace.monthsLeft === 12
        ? t('target.pace.remainingYear', { value: figure(pace.amount, unit) })
        : t('target.pace.remaining', { value: figure(pace.amount, unit), months: pace.monthsLeft });
    case 'points':
      return t('target.pace.points', { points: formatFigure(pace.points, '%') });
  }
}

/**
 * Where a projection's spread came from, for the scenario panel: the prior
 * (pooled from the bundled history, or the documented default), how much of
 * it the series' own variability replaced, the widening for the fitted
 * trend, the central drift shrunk toward the pooled one, and the scenarios' ±1.28σ. Null when the projection has no prior (its own history only).
 */
export function spreadText(t: Translate, assessment: TargetAssessment): string | null {
  const { spread } = assessment;
  if (!spread) return assessment.probability === null && assessment.method !== 'actual' ? t('target.spread.unknown') : null;
  const scale = spread.prior.spreadClass === 'share' ? 'logit' : 'growth';
  const sd = (value: number) => (scale === 'logit' ? formatFigure(value, '', 2) : formatRate(value, 1));
  const prior =
    spread.prior.source === 'bundled'
      ? t('target.spread.priorBundled', { class: t(`target.spread.class.${spread.prior.spreadClass}` as 'target.spread.class.count'), series: spread.prior.series, changes: spread.prior.changes, sd: sd(spread.prior.sd) })
      : t('target.spread.priorDefault', { class: t(`target.spread.class.${spread.prior.spreadClass}` as 'target.spread.class.count'), sd: sd(spread.prior.sd) });
  const own = spread.ownChanges >= 2 ? t('target.spread.own', { changes: spread.ownChanges, sd: sd(spread.ownSd), weight: formatRate(spread.ownWeight, 0) }) : t('target.spread.ownNone');
  const trend = spread.trendFactor > 1 ? t('target.spread.trend', { factor: formatFigure(spread.trendFactor, '', 2) }) : '';
  const drift = spread.drift
    ? t('target.spread.drift', {
        drift: sd(spread.drift.drift),
        prior: sd(spread.drift.prior),
        changes: spread.drift.priorChanges,
        own:
          spread.drift.steps > 0
            ? t('target.spread.driftOwn', { own: sd(spread.drift.own), steps: spread.drift.steps, weight: formatRate(spread.drift.ownWeight, 0) })
            : t('target.spread.driftOwnNone'),
      })
    : '';
  return [t('target.spread.line', { prior, own, trend, sd: sd(spread.sd * spread.trendFactor) }), drift, t('target.spread.scenarios')].filter(Boolean).join(' ');
}

export type DisplayStatus = 'on-track' | 'at-risk' | 'off-track' | 'met' | 'missed' | 'none';

export function displayStatus(assessment: TargetAssessment | null): DisplayStatus {
  if (!assessment) return 'none';
  if (assessment.method === 'actual') return assessment.meets ? 'met' : 'missed';
  return assessment.status;
}

/** Icons go with the colour, so the status reads without colour too. */
export const STATUS_ICON: Record<DisplayStatus, string> = {
  'on-track': '✓',
  'at-risk': '!',
  'off-track': '✕',
  met: '✓',
  missed: '✕',
  none: '–',
};

export function scenarioName(t: Translate, scenario: Scenario): string {
  // Built-in scenarios show the UI language's name unless the user renamed them.
  const defaults: Record<string, string> = { baseline: '基准情景', optimistic: '乐观情景', pessimistic: '悲观情景' };
  if (scenario.kind !== 'custom' && defaults[scenario.kind] === scenario.name) return t(`target.scn.${scenario.kind}` as 'target.scn.baseline');
  return scenario.name;
}

export function methodName(t: Translate, method: string): string {
  if (method.startsWith('ratio:')) return t('target.method.ratio');
  const key = `target.method.${method}`;
  return isMessageKey(key) ? t(key) : method;
}

export function noteText(t: Translate, note: ModelNote): string {
  switch (note.kind) {
    case 'no-actual':
      return t('target.note.noActual');
    case 'fallback':
      return t('target.note.fallback', { preferred: methodName(t, note.preferred), needed: note.needed, years: note.years, used: methodName(t, note.used) });
    case 'single-year':
      return t('target.note.singleYear', { year: note.year });
    case 'even-pace':
      return t('target.note.evenPace', { month: note.month });
  }
}

