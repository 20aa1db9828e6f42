import { useEffect, useMemo, useState, type FormEvent } from 'react';
import { MAX_YEAR, MIN_YEAR, SCOPES, USER_STATUSES, type IndicatorSummary, type SeriesPoint, type SourceView, type TargetPoint } from '@shared/contract/workbenchContract';
import { readYear } from '@shared/domain/datasets/datasetRecords';
import { readTypedNumber } from '@shared/domain/import/numberText';
import { periodFromLabel, periodLabel } from '@shared/domain/targets/periodLabel';
import { compatibleUnits, formatValue } from '@shared/domain/units';
import { formatCount, nameIn, type Locale } from '../i18n/translate';
import { useLanguage, useT, useWorkbench } from '../store/StoreContext';
import { placeLabel, scopeLabel } from '@shared/domain/datasets/placeLabel';
import { ErrorBanner } from './ErrorBanner';
import { DataSourcesHistoryEntry } from '../views/history/HistoryGrid';
import '../styles/datasets.css';

function indicatorName(locale: Locale, indicator: Pick<IndicatorSummary, 'name_zh' | 'name_en'>): string {
  return nameIn(locale, { nameZh: indicator.name_zh, nameEn: indicator.name_en });
}

const COMPARATOR_SIGNS: Record<string, string> = { '>': '>', '>=': '≥', '=': '=', '<': '<', '<=': '≤' };

/** The quote with the figure it gave marked, so a reader sees exactly which words a number came from. */
function Quote({ quote, figure }: { quote: string; figure: string | null }) {
  const at = figure ? quote.indexOf(figure) : -1;
  if (!figure || at === -1) return <span className="source-quote" data-testid="source-quote">{quote}</span>;
  return (
    <span className="source-quote" data-testid="source-quote">
      {quote.slice(0, at)}
      <mark>{figure}</mark>
      {quote.slice(at + figure.length)}
    </span>
  );
}

/**
 * Which document a quote comes from: title, issuer, publication date, and for
 * a copy (mirror, repost, news report) what kind of copy it is and where it
 * was read, so a figure found only on a repost is never shown as official.
 */
function SourceLine({ source }: { source: SourceView }) {
  const t = useT();
  return (
    <div className="source-line muted small" data-testid="source-line" title={source.date_basis || undefined}>
      {t('data.sourceDocument', { title: source.title, issuer: source.issuer, date: source.date })}
      {source.copy !== 'official' ? (
        <span className={`copy-badge copy-${source.copy}`} data-testid="source-copy">
          {t(`data.copy.${source.copy}`)}
          {source.original_publisher ? t('data.copy.original', { publisher: source.original_publisher }) : ''}
        </span>
      ) : null}
      <span className="source-url">{source.url}</span>
    </div>
  );
}

/** 数据来源 / Data sources: pick an indicator, see its values with their source sentences and targets, add your own rows. */
export function DataSourcesView() {
  const t = useT();
  const locale = useWorkbench((state) => state.locale);
  const info = useWorkbench((state) => state.datasetsInfo);
  const indicators = useWorkbench((state) => state.datasetIndicators);
  const selected = useWorkbench((state) => state.selectedIndicatorCode);
  const detail = useWorkbench((state) => state.indicatorDetail);
  const error = useWorkbench((state) => state.datasetsError);
  const loadDatasets = useWorkbench((state) => state.loadDatasets);
  const selectIndicator = useWorkbench((state) => state.selectIndicator);
  const [search, setSearch] = useState('');

  useEffect(() => {
    void loadDatasets();
  }, [loadDatasets]);

  const english = locale === 'en';
  const groups = useMemo(() => {
    const needle = search.trim().toLowerCase();
    const matches = indicators.filter(
      (indicator) =>
        !needle || [indicator.code, indicator.name_zh, indicator.name_en].some((text) => text.toLowerCase().includes(needle)),
    );
    const byCategory = new Map<string, IndicatorSummary[]>();
    for (const indicator of matches) {
      const category = english ? indicator.category_en : indicator.category;
      byCategory.set(category, [...(byCategory.get(category) ?? []), indicator]);
    }
    return [...byCategory.entries()];
  }, [indicators, search, english]);

  return (
    <div className="data-sources" data-testid="data-sources-view">
      <aside className="indicator-sidebar" aria-label={t('data.indicators')}>
        <h2>{t('data.indicators')}</h2>
        {info && info.loadError === null ? (
          <p className="muted small" data-testid="datasets-info">
            {t('data.version', { version: info.version ?? '—' })}
            <br />
            {t('data.counts', { indicators: info.indicators, observations: info.observations, targets: info.targets, sources: info.sources })}
          </p>
        ) : null}
        <input
          className="sidebar-filter"
          type="search"
          placeholder={t('data.search')}
          value={search}
          onChange={(event) => setSearch(event.target.value)}
          data-testid="indicator-search"
        />
        {groups.length === 0 && indicators.length > 0 ? <p className="muted small">{t('data.noIndicators')}</p> : null}
        {groups.map(([category, members]) => (
          <section key={category} className="indicator-group">
            <h3>{category}</h3>
            <ul>
              {members.map((indicator) => (
                <li key={indicator.code}>
                  <button
                    type="button"
                    className={`indicator-item${indicator.code === selected ? ' active' : ''}`}
                    aria-current={indicator.code === selected ? 'true' : undefined}
                    onClick={() => void selectIndicator(indicator.code)}
                    data-testid={`indicator-${indicator.code}`}
                    title={`${indicator.code} · ${t('data.itemHint', { count: indicator.observationCount, target: indicator.targetCount > 0 ? t('data.itemHasTarget') : '' })}`}
                  >
                    <span>{indicatorName(locale, indicator)}</span>
                    <span className="muted small">
                      {indicator.observationCount > 0 ? formatCount(indicator.observationCount) : ''}
                      {indicator.targetCount > 0 ? ' ◎' : ''}
                    </span>
                  </button>
                </li>
              ))}
            </ul>
          </section>
        ))}
      </aside>
      <section className="indicator-detail">
        {info?.loadError ? <div className="error-banner" role="alert">{t('data.loadError', { message: info.loadError })}</div> : null}
        {error ? <ErrorBanner error={error} /> : null}
        {selected === null ? <p className="muted">{t('data.pick')}</p> : null}
        {selected !== null && detail?.indicator.code !== selected ? <p className="muted">{t('data.loading')}</p> : null}
        {detail && detail.indicator.code === selected ? <IndicatorPanel key={detail.indicator.code} /> : null}
      </section>
    </div>
  );
}

function IndicatorPanel() {
  const t = useT();
  const locale = useWorkbench((state) => state.locale);
  const detail = useWorkbench((state) => state.indicatorDetail)!;
  const { indicator, observations, targets, sources } = detail;
  const english = locale === 'en';
  const sourceById = new Map(sources.map((source) => [source.source_id, source]));
  const historyIndicator = useMemo(
    () => ({ code: indicator.code, nameZh: indicator.name_zh, nameEn: indicator.name_en, unit: indicator.unit, kind: indicator.kind }),
    [indicator.code, indicator.name_zh, indicator.name_en, indicator.unit, indicator.kind],
  );
  // The grid's rows for this indicator sit where its own figures and targets do, not in a fixed place.
  const placesKey = [...new Set([...observations, ...targets].map((point) => `${point.region}\u0000${point.scope}`))].sort().join('\u0001');
  const historyPlaces = useMemo(
    () => (placesKey === '' ? [] : placesKey.split('\u0001').map((key) => ({ region: key.split('\u0000')[0]!, scope: key.split('\u0000')[1]! }))),
    [placesKey],
  );
  return (
    <article className="indicator-panel" data-testid="indicator-panel">
      <header className="indicator-header">
        <h2 data-testid="indicator-title">{indicatorName(locale, indicator)}</h2>
        <div className="muted">
          {english ? indicator.name_zh : indicator.name_en} · {t('data.code')} <code>{indicator.code}</code> · {t('data.unit')} {indicator.unit} ·{' '}
          {t(`data.kind.${indicator.kind}`)}
          {indicator.higher_is_better ? ` · ${t('data.higherIsBetter')}` : ''}
        </div>
        <p className="indicator-definition">{english ? indicator.definition_en : indicator.definition}</p>
        {sources.length > 0 ? <SourceCount count={new Set(sources.map((source) => source.url)).size} /> : null}
      </header>

      <h3>{t('data.series')}</h3>
      {observations.length === 0 ? <p className="muted">{t('data.noSeries')}</p> : <SeriesTable points={observations} sourceById={sourceById} />}

      <h3>{t('data.targets')}</h3>
      {targets.length === 0 ? <p className="muted">{t('data.noTargets')}</p> : <TargetTable targets={targets} sourceById={sourceById} />}

      <DataSourcesHistoryEntry indicator={historyIndicator} places={historyPlaces} />

      <AddObservationForm indicator={indicator} />
    </article>
  );
}

function SeriesTable({ points, sourceById }: { points: SeriesPoint[]; sourceById: Map<string, SourceView> }) {
  const t = useT();
  const language = useLanguage();
  const deleteUserObservation = useWorkbench((state) => state.deleteUserObservation);
  return (
    <table className="data-table" data-testid="series-table">
      <thead>
        <tr>
          <th>{t('data.year')}</th>
          <th>{t('data.period')}</th>
          <th>{t('data.scope')}</th>
          <th className="numeric">{t('data.value')}</th>
          <th>{t('data.status')}</th>
          <th>{t('data.origin')}</th>
          <th className="quote-column">{t('data.source')}</th>
        </tr>
      </thead>
      <tbody>
        {points.map((point) => (
          <tr key={point.obsId} data-testid="series-row" className={`status-${point.status}`}>
            <td>{point.year}</td>
            <td>{periodLabel(point.period, language)}</td>
            <td>{point.region === '慈溪市' ? scopeLabel(point.scope, language) : placeLabel(point, language)}</td>
            <td className="numeric" data-testid="series-value">
              {formatValue(point.value, point.unit)}
            </td>
            <td>
              <span className={`status-badge status-${point.status}`}>{t(`data.status.${point.status}`)}</span>
            </td>
            <td>{t(`data.origin.${point.origin}`)}</td>
            <td className="quote-column">
              {point.quote ? <Quote quote={point.quote} figure={point.figureText} /> : null}
              {point.sourceId && sourceById.has(point.sourceId) ? <SourceLine source={sourceById.get(point.sourceId)!} /> : null}
              {point.formula ? (
                <div className="formula small">
                  {t('data.formula')}: <code>{point.formula}</code>
                </div>
              ) : null}
              {point.origin === 'user' ? <span className="muted small">{t('data.userRow')}</span> : null}
              {point.note ? <div className="muted small">{point.note}</div> : null}
              {point.origin === 'user' ? (
                <button type="button" className="link-button small" onClick={() => void deleteUserObservation(point.obsId)} data-testid="delete-user-row">
                  {t('data.delete')}
                </button>
              ) : null}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function TargetTable({ targets, sourceById }: { targets: TargetPoint[]; sourceById: Map<string, SourceView> }) {
  const t = useT();
  const language = useLanguage();
  return (
    <table className="data-table" data-testid="target-table">
      <thead>
        <tr>
          <th>{t('data.year')}</th>
          <th>{t('data.scope')}</th>
          <th className="numeric">{t('data.target')}</th>
          <th className="quote-column">{t('data.source')}</th>
        </tr>
      </thead>
      <tbody>
        {targets.map((target) => (
          <tr key={target.targetId} data-testid="target-row">
            <td>{target.year}</td>
            <td>{scopeLabel(target.scope, language)}</td>
            <td className="numeric" data-testid="target-value">
              {COMPARATOR_SIGNS[target.comparator] ?? target.comparator} {formatValue(target.value, target.unit)}
            </td>
            <td className="quote-column">
              {target.quote ? <Quote quote={target.quote} figure={target.figureText} /> : null}
              {target.sourceId && sourceById.has(target.sourceId) ? <SourceLine source={sourceById.get(target.sourceId)!} /> : null}
              {target.note ? <div className="muted small">{target.note}</div> : null}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function SourceCount({ count }: { count: number }) {
  const t = useT();
  return <p className="muted small">{count === 1 ? t('data.sourceCountOne') : t('data.sourceCount', { count })}</p>;
}

function AddObservationForm({ indicator }: { indicator: IndicatorSummary }) {
  const t = useT();
  const language = useLanguage();
  const addUserObservation = useWorkbench((state) => state.addUserObservation);
  const clearFormError = useWorkbench((state) => state.clearDatasetsFormError);
  const formError = useWorkbench((state) => state.datasetsFormError);
  const [year, setYear] = useState(String(new Date().getFullYear()));
  // Shown in the planner's words (全年 / full year); stored as the data's 'annual', the label every other row uses.
  const [period, setPeriod] = useState(() => periodLabel('annual', language));
  const [scope, setScope] = useState<(typeof SCOPES)[number]>('全市');
  const [value, setValue] = useState('');
  const [unit, setUnit] = useState(indicator.unit);
  const [status, setStatus] = useState<(typeof USER_STATUSES)[number]>('actual');
  const [note, setNote] = useState('');
  const [message, setMessage] = useState<{ text: string; error: boolean } | null>(null);
  const units = compatibleUnits(indicator.unit);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    clearFormError();
    const number = readTypedNumber(value, unit);
    if (number === null) return setMessage({ text: value.trim() === '' ? t('data.add.badNumber') : t('data.add.notNumber', { text: value.trim() }), error: true });
    const yearNumber = readYear(year);
    if (yearNumber === null) return setMessage({ text: t('data.add.badYear', { min: MIN_YEAR, max: MAX_YEAR }), error: true });
    if (period.trim() === '') return setMessage({ text: t('data.add.needPeriod'), error: true });
    const stored = periodFromLabel(period);
    const added = await addUserObservation({ indicatorCode: indicator.code, year: yearNumber, period: stored, scope, value: number, unit, status, note });
    if (added) {
      setMessage({ text: t('data.add.added', { year: yearNumber, period: periodLabel(stored, language), value: formatValue(number, unit) }), error: false });
      setValue('');
      setNote('');
    } else {
      setMessage(null);
    }
  };

  return (
    <form className="add-observation" onSubmit={(event) => void submit(event)} data-testid="add-observation-form">
      <h3>{t('data.add.title')}</h3>
      <p className="muted small">{t('data.add.hint', { unit: indicator.unit })}</p>
      <div className="observation-fields">
        <label>
          {t('data.year')}
          <input value={year} onChange={(event) => setYear(event.target.value)} inputMode="numeric" size={6} data-testid="add-year" />
        </label>
        <label title={t('data.add.periodHint')}>
          {t('data.period')}
          <input value={period} onChange={(event) => setPeriod(event.target.value)} size={10} data-testid="add-period" />
        </label>
        <ChoiceField label={t('data.scope')} value={scope} options={SCOPES} text={(option) => scopeLabel(option, language)} onChange={setScope} testId="add-scope" />
        <label>
          {t('data.value')}
          <input value={value} onChange={(event) => setValue(event.target.value)} inputMode="decimal" size={12} data-testid="add-value" />
        </label>
        <ChoiceField label={t('data.unit')} value={unit} options={units} onChange={setUnit} testId="add-unit" />
        <ChoiceField
          label={t('data.status')}
          value={status}
          options={USER_STATUSES}
          text={(option) => t(`data.status.${option}`)}
          onChange={setStatus}
          testId="add-status"
        />
        <label className="wide">
          {t('data.add.note')}
          <input value={note} onChange={(event) => setNote(event.target.value)} data-testid="add-note" />
        </label>
        <button type="submit" className="primary" data-testid="add-submit">
          {t('data.add.submit')}
        </button>
      </div>
      <p className="muted small">{t('data.add.periodHint')}</p>
      {message ? (
        <p className={message.error ? 'form-error' : 'form-ok'} role="status" data-testid="add-message">
          {message.text}
        </p>
      ) : null}
      {formError ? <ErrorBanner error={formError} testId="add-error" /> : null}
    </form>
  );
}

/** A labelled choice among `options`, each shown as `text(option)` (the option itself by default). */
function ChoiceField<T extends string>(props: {
  label: string;
  value: T;
  options: readonly T[];
  text?: (option: T) => string;
  onChange: (value: T) => void;
  testId: string;
}) {
  const { label, value, options, text = (option: T) => option, onChange, testId } = props;
  return (
    <label>
      {label}
      <select value={value} onChange={(event) => onChange(event.target.value as T)} data-testid={testId}>
        {options.map((option) => (
          <option key={option} value={option}>
            {text(option)}
          </option>
        ))}
      </select>
    </label>
  );
}
