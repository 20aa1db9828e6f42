import { useMemo } from 'react';
import type { ChartFigure } from '@shared/domain/chart/buildChartFigure';
import { targetFanChart } from '@shared/domain/targets/targetFanChart';
import { ChartExportBar } from '../../charts/ChartExportBar';
import { PlotlyChart, type PlotlyFigure } from '../../components/PlotlyChart';
import { useT, useWorkbench } from '../../store/StoreContext';
import { languageOf, nameIn } from '../../i18n/translate';
import { scenarioName, targetText } from './targetText';

/**
 * One target, every scenario, drawn by the chart module (`targetFanChart`
 * → `buildChartFigure`): history solid, the selected scenario's projection
 * dashed with its P10–P90 fan, the other scenarios dashed, the target as a
 * target line; the same export bar as every chart, so the start page's
 * chart can go into a briefing.
 */
export function ScenarioChart() {
  const t = useT();
  const locale = useWorkbench((state) => state.locale);
  const target = useWorkbench((state) => state.board?.targets.find((candidate) => candidate.targetId === state.selectedTargetId) ?? null);
  const scenarios = useWorkbench((state) => state.scenarios);
  const selectedScenarioId = useWorkbench((state) => state.selectedScenarioId);
  const outcomes = useWorkbench((state) => state.outcomes);

  const figure = useMemo((): ChartFigure | null => {
    if (!target) return null;
    const lines = scenarios.map((scenario) => {
      const outcome = outcomes[scenario.id]?.[target.targetId];
      return { name: scenarioName(t, scenario), assessment: outcome?.ok ? outcome.assessment : null, selected: scenario.id === selectedScenarioId };
    });
    const outcome = targetFanChart(target, lines, {
      title: t('target.chart.title', { target: nameIn(locale, target) }),
      year: t('target.chart.year'),
      history: t('target.chart.history'),
      target: t('target.chart.target', { value: targetText(t, target) }),
      language: languageOf(locale),
    });
    return outcome?.ok ? outcome.figure : null;
  }, [target, scenarios, selectedScenarioId, outcomes, t, locale]);
  const shown = useMemo<PlotlyFigure | null>(
    () => (figure ? ({ ...(figure as unknown as PlotlyFigure), config: { locale, displayModeBar: false } } as PlotlyFigure) : null),
    [figure, locale],
  );

  if (!target) return null;
  if (!shown) {
    return (
      <div className="tb-chart tb-chart-empty" data-testid="scenario-chart-empty">
        {t('target.chart.noData')}
      </div>
    );
  }
  return (
    <div className="tb-chart-block">
      <PlotlyChart figure={shown} className="tb-chart" testId="scenario-chart" />
      <ChartExportBar figure={figure} name={nameIn(locale, target)} />
    </div>
  );
}
