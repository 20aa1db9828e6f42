import { useMemo } from 'react';
import { buildChartFigure, dataLabelsDrawn, MAX_LABELLED_POINTS, type ChartFigure } from '@shared/domain/chart/buildChartFigure';
import { CHART_KINDS, CHART_PRESETS, movedTarget, VALUE_SCALINGS, type ChartColumn, type ChartKind, type ChartPreset, type ChartSpec, type ValueScaling } from '@shared/domain/chart/ChartSpec';
import { PlotlyChart, type PlotlyFigure } from '../components/PlotlyChart';
import { formatCount } from '../i18n/translate';
import { useLanguage, useT, useWorkbench } from '../store/StoreContext';
import { ChartExportBar } from './ChartExportBar';
import '../styles/charts.css';

interface ChartBuilderProps {
  columns: ChartColumn[];
  spec: ChartSpec;
  onChange(spec: ChartSpec): void;
  /** File name for exports (without extension). */
  exportName: string;
  /** Rows drawn when the result has more (stated under the chart). */
  note?: string | null;
}

/**
 * The chart builder: kind, columns, second axis, style preset, titles,
 * units and 万/亿 scaling, a target line; a live Plotly preview of exactly
 * the figure that is exported.
 */
export function ChartBuilder({ columns, spec, onChange, exportName, note }: ChartBuilderProps) {
  const t = useT();
  const locale = useWorkbench((state) => state.locale);
  const language = useLanguage();
  const outcome = useMemo(() => (columns.length > 0 ? buildChartFigure(spec, columns, undefined, language) : null), [spec, columns, language]);
  const figure: ChartFigure | null = outcome?.ok ? outcome.figure : null;
  const shown = useMemo<PlotlyFigure | null>(
    () => (figure ? ({ ...(figure as unknown as PlotlyFigure), config: { locale, displayModeBar: false } } as PlotlyFigure) : null),
    [figure, locale],
  );
  const change = (patch: Partial<ChartSpec>) => onChange({ ...spec, ...patch });
  const text = (value: string) => (value.trim() === '' ? null : value);
  const numeric = columns.filter((column) => column.numeric && !column.yearLike);
  const y2 = spec.y2 ?? [];
  const toggle = (list: string[], name: string, on: boolean) => (on ? [...list.filter((item) => item !== name), name] : list.filter((item) => item !== name));
  const target = spec.targets?.[0];
  const points = columns[0]?.values.length ?? 0;
  const labelsHidden = (spec.dataLabels ?? false) && !dataLabelsDrawn(spec, points);

  return (
    <div className="chart-builder" data-testid="chart-builder">
      <div className="chart-builder-controls">
        <div className="chart-row">
          <label>
            {t('charts.kind')}
            <select value={spec.kind} onChange={(event) => change({ kind: event.target.value as ChartKind })} data-testid="chart-kind">
              {CHART_KINDS.map((kind) => (
                <option key={kind} value={kind}>
                  {t(`charts.kind.${kind}`)}
                </option>
              ))}
            </select>
          </label>
          <label>
            {t(spec.kind === 'barh' ? 'charts.x.rows' : 'charts.x')}
            <select value={spec.x} onChange={(event) => change({ x: event.target.value })} data-testid="chart-x">
              {columns.map((column) => (
                <option key={column.name} value={column.name}>
                  {column.name}
                </option>
              ))}
            </select>
          </label>
          <label>
            {t('charts.preset')}
            <select value={spec.preset ?? 'screen'} onChange={(event) => change({ preset: event.target.value as ChartPreset })} data-testid="chart-preset">
              {CHART_PRESETS.map((preset) => (
                <option key={preset} value={preset}>
                  {t(`charts.preset.${preset}`)}
                </option>
              ))}
            </select>
          </label>
          <label className="checkbox">
            <input type="checkbox" checked={spec.stacked ?? false} onChange={(event) => change({ stacked: event.target.checked })} data-testid="chart-stacked" />
            {t('charts.stacked')}
          </label>
          <label className="checkbox">
            <input type="checkbox" checked={spec.dataLabels ?? false} onChange={(event) => change({ dataLabels: event.target.checked })} data-testid="chart-labels" />
            {t('charts.labels')}
          </label>
        </div>
        <div className="chart-row">
          <fieldset className="chart-series">
            <legend>{t('charts.y')}</legend>
            {numeric.map((column) => (
              <label key={column.name} className="checkbox">
                <input type="checkbox" checked={spec.y.includes(column.name)} onChange={(event) => change({ y: toggle(spec.y, column.name, event.target.checked) })} data-testid={`chart-y-${column.name}`} />
                {column.name}
              </label>
            ))}
          </fieldset>
          {/* Horizontal bars have no second axis; the box stays while a series is still on it, so it can be taken off. */}
          {spec.kind === 'barh' && y2.length === 0 ? null : (
            <fieldset className="chart-series">
              <legend>{t('charts.y2')}</legend>
              {numeric.map((column) => (
                <label key={column.name} className="checkbox">
                  <input type="checkbox" checked={y2.includes(column.name)} onChange={(event) => change({ y2: toggle(y2, column.name, event.target.checked) })} data-testid={`chart-y2-${column.name}`} />
                  {column.name}
                </label>
              ))}
            </fieldset>
          )}
          {spec.kind === 'fan' ? (
            <>
              {(['low', 'high'] as const).map((key) => (
                <label key={key}>
                  {t(`charts.${key}`)}
                  <select value={spec[key] ?? ''} onChange={(event) => change({ [key]: text(event.target.value) })} data-testid={`chart-${key}`}>
                    <option value="">{t('charts.none')}</option>
                    {numeric.map((column) => (
                      <option key={column.name} value={column.name}>
                        {column.name}
                      </option>
                    ))}
                  </select>
                </label>
              ))}
            </>
          ) : null}
        </div>
        <div className="chart-row">
          <label>
            {t('charts.title')}
            <input type="text" value={spec.title ?? ''} onChange={(event) => change({ title: text(event.target.value) })} data-testid="chart-title" />
          </label>
          <label>
            {t('charts.subtitle')}
            <input type="text" value={spec.subtitle ?? ''} onChange={(event) => change({ subtitle: text(event.target.value) })} data-testid="chart-subtitle" />
          </label>
          <label>
            {t('charts.sourceNote')}
            <input type="text" value={spec.sourceNote ?? ''} onChange={(event) => change({ sourceNote: text(event.target.value) })} data-testid="chart-source" />
          </label>
        </div>
        <div className="chart-row">
          <label>
            {t('charts.unit')}
            <input type="text" className="chart-short" value={spec.unit ?? ''} onChange={(event) => change({ unit: text(event.target.value) })} data-testid="chart-unit" />
          </label>
          <label>
            {t('charts.scaling')}
            <select value={spec.scaling ?? 'auto'} onChange={(event) => change({ scaling: event.target.value as ValueScaling })} data-testid="chart-scaling">
              {VALUE_SCALINGS.map((scaling) => (
                <option key={scaling} value={scaling}>
                  {t(`charts.scaling.${scaling}`)}
                </option>
              ))}
            </select>
          </label>
          {y2.length > 0 ? (
            <label>
              {t('charts.unit2')}
              <input type="text" className="chart-short" value={spec.unit2 ?? '%'} onChange={(event) => change({ unit2: text(event.target.value) })} data-testid="chart-unit2" />
            </label>
          ) : null}
          <label>
            {t('charts.target')}
            <input
              type="number"
              className="chart-number"
              value={target?.value ?? ''}
              onChange={(event) => {
                const value = event.target.value === '' ? null : Number(event.target.value);
                change({ targets: value === null || !Number.isFinite(value) ? [] : [movedTarget(target, value)] });
              }}
              data-testid="chart-target"
            />
          </label>
        </div>
      </div>
      {shown ? (
        <PlotlyChart figure={shown} className="chart-preview" testId="plotly-chart" />
      ) : outcome && !outcome.ok ? (
        <div className="chart-problem" data-testid="chart-problem">
          {t('charts.problem', { problem: outcome.problem[language] })}
        </div>
      ) : null}
      {note ? <div className="muted chart-note">{note}</div> : null}
      {labelsHidden ? (
        <div className="muted chart-note" data-testid="chart-labels-hidden">
          {t('charts.labelsHidden', { max: MAX_LABELLED_POINTS, points: formatCount(points) })}
        </div>
      ) : null}
      <ChartExportBar figure={figure} name={exportName} />
    </div>
  );
}
