import { useMemo } from 'react';
import { CHART_FONT_FAMILY } from '../../charts/chartTheme';
import type { PlotData, PlotLayout } from '../../charts/plotly';
import { PlotlyChart, type PlotlyFigure } from '../../components/PlotlyChart';
import { figureDecimals } from '@shared/domain/targets/formatFigure';
import { useT, useWorkbench } from '../../store/StoreContext';
import { figure, scenarioName, targetName } from './targetText';

/** Scenario colours and dash styles: the dash tells scenarios apart without colour. */
const SCENARIO_STYLES = [
  { color: '#1f4e8c', dash: 'dash' },
  { color: '#0f7b6c', dash: 'dot' },
  { color: '#b54708', dash: 'dashdot' },
  { color: '#6941c6', dash: 'longdash' },
  { color: '#9e1f63', dash: 'longdashdot' },
] as const;

function fillColor(hex: string, alpha: number): string {
  const value = Number.parseInt(hex.slice(1), 16);
  return `rgba(${(value >> 16) & 255}, ${(value >> 8) & 255}, ${value & 255}, ${alpha})`;
}

/**
 * One target, every scenario: history solid, each scenario's projection
 * dashed from the last actual, the selected scenario's P10–P90 fan, the
 * target as a line and a marker, and the gap between the selected
 * scenario's projection and the target annotated in the target year.
 */
export function ScenarioChart() {
  const t = useT();
  const locale = useWorkbench((state) => state.locale);
  const target = useWorkbench((state) => state.board?.targets.find((candidate) => candidate.targetId === state.selectedTargetId) ?? null);
  const scenarios = useWorkbench((state) => state.scenarios);
  const selectedScenarioId = useWorkbench((state) => state.selectedScenarioId);
  const outcomes = useWorkbench((state) => state.outcomes);

  const chart = useMemo((): PlotlyFigure | null => {
    if (!target) return null;
    const projected = scenarios.some((scenario) => {
      const outcome = outcomes[scenario.id]?.[target.targetId];
      return outcome?.ok === true && outcome.assessment.method !== 'actual';
    });
    // Nothing but the target to draw: say so instead of an empty chart.
    if (target.history.length === 0 && !projected) return null;
    const unit = target.unit;
    const decimals = figureDecimals(unit);
    const data: PlotData[] = [];
    const history = target.history.filter((point) => point.year <= target.year);
    const last = history.at(-1);
    if (history.length > 0) {
      data.push({
        type: 'scatter',
        mode: 'lines+markers',
        name: t('target.chart.history'),
        x: history.map((point) => point.year),
        y: history.map((point) => point.value),
        line: { color: '#1d2430', width: 2.5 },
        marker: { size: 7 },
        hovertemplate: `%{x}: %{y:,.${decimals}f} ${unit}<extra></extra>`,
      } as PlotData);
    }
    let selectedEnd: number | null = null;
    scenarios.forEach((scenario, index) => {
      const outcome = outcomes[scenario.id]?.[target.targetId];
      if (!outcome?.ok || outcome.assessment.method === 'actual') return;
      const { assessment } = outcome;
      const style = SCENARIO_STYLES[index % SCENARIO_STYLES.length]!;
      const selected = scenario.id === selectedScenarioId;
      const name = scenarioName(t, scenario);
      const years = assessment.fan.map((point) => point.year);
      if (selected && assessment.fan.every((point) => point.p10 !== null && point.p90 !== null) && assessment.fan.length > 0) {
        const lowerYears = last ? [last.year, ...years] : years;
        const lower = last ? [last.value, ...assessment.fan.map((point) => point.p10!)] : assessment.fan.map((point) => point.p10!);
        const upper = last ? [last.value, ...assessment.fan.map((point) => point.p90!)] : assessment.fan.map((point) => point.p90!);
        data.push({
          type: 'scatter',
          mode: 'lines',
          name: t('target.chart.fan', { scenario: name }),
          x: [...lowerYears, ...[...lowerYears].reverse()],
          y: [...upper, ...[...lower].reverse()],
          fill: 'toself',
          fillcolor: fillColor(style.color, 0.14),
          line: { width: 0, color: fillColor(style.color, 0) },
          hoverinfo: 'skip',
        } as PlotData);
      }
      const xs = last ? [last.year, ...years] : years;
      const ys = last ? [last.value, ...assessment.fan.map((point) => point.value)] : assessment.fan.map((point) => point.value);
      data.push({
        type: 'scatter',
        mode: 'lines+markers',
        name,
        x: xs,
        y: ys,
        line: { color: style.color, dash: style.dash, width: selected ? 3 : 2 },
        marker: { size: selected ? 7 : 5, symbol: 'circle-open' },
        hovertemplate: `${name} %{x}: %{y:,.${decimals}f} ${unit}<extra></extra>`,
      } as PlotData);
      if (selected) selectedEnd = assessment.projectedValue;
    });
    const firstYear = Math.min(history[0]?.year ?? target.year - 1, target.year - 1);
    data.push({
      type: 'scatter',
      mode: 'lines',
      name: t('target.chart.target', { value: figure(target.value, unit) }),
      x: [firstYear, target.year],
      y: [target.value, target.value],
      line: { color: '#b42318', width: 1.5, dash: 'dot' },
      hoverinfo: 'skip',
    } as PlotData);
    data.push({
      type: 'scatter',
      mode: 'markers',
      showlegend: false,
      x: [target.year],
      y: [target.value],
      marker: { symbol: 'star', size: 16, color: '#b42318', line: { color: '#ffffff', width: 1 } },
      hovertemplate: `${t('target.chart.target', { value: figure(target.value, unit) })}<extra></extra>`,
    } as PlotData);
    const annotations: Partial<PlotLayout>['annotations'] = [];
    if (selectedEnd !== null) {
      const gap = target.value - selectedEnd;
      annotations.push({
        x: target.year,
        y: (target.value + selectedEnd) / 2,
        xref: 'x',
        yref: 'y',
        text: gap > 0 ? t('target.chart.gap', { value: figure(gap, unit) }) : t('target.chart.above', { value: figure(-gap, unit) }),
        showarrow: false,
        xanchor: 'left',
        xshift: 12,
        font: { color: gap > 0 ? '#b42318' : '#137333', size: 13 },
        bgcolor: 'rgba(255,255,255,0.85)',
      });
      data.push({
        type: 'scatter',
        mode: 'lines',
        showlegend: false,
        x: [target.year, target.year],
        y: [selectedEnd, target.value],
        line: { color: gap > 0 ? '#b42318' : '#137333', width: 2 },
        hoverinfo: 'skip',
      } as PlotData);
    }
    const layout: Partial<PlotLayout> = {
      title: { text: t('target.chart.title', { target: targetName(locale, target) }), font: { size: 15 } },
      font: { family: CHART_FONT_FAMILY, size: 12, color: '#1d2430' },
      margin: { l: 64, r: 110, t: 44, b: 44 },
      xaxis: { title: { text: t('target.chart.year') }, dtick: 1, tickformat: 'd', gridcolor: '#eef0f3' },
      yaxis: { title: { text: unit }, tickformat: `,.${Math.min(decimals, 2)}f`, gridcolor: '#eef0f3', zeroline: false },
      legend: { orientation: 'h', y: -0.18 },
      annotations,
      paper_bgcolor: '#ffffff',
      plot_bgcolor: '#ffffff',
      hovermode: 'closest',
    };
    return { data, layout, config: { locale: locale === 'en' ? 'en' : 'zh-CN', displayModeBar: false } };
  }, [target, scenarios, selectedScenarioId, outcomes, t, locale]);

  if (!target) return null;
  if (!chart) {
    return (
      <div className="tb-chart tb-chart-empty" data-testid="scenario-chart-empty">
        {t('target.chart.noData')}
      </div>
    );
  }
  return <PlotlyChart figure={chart} className="tb-chart" testId="scenario-chart" />;
}
