import { useMemo } from 'react';
import { backtest, type BacktestResult } from '@shared/domain/projection/backtest';
import { formatFigure, formatRate } from '@shared/domain/targets/formatFigure';
import { backtestOrigins, seriesMethodsFor } from '@shared/domain/targets/targetModel';
import { useLanguage, useT, useWorkbench } from '../../store/StoreContext';
import { methodName, seriesProblemText } from './targetText';

/** Each method's error on the latest years, projected from the years before, so a planner can choose a method on evidence. */
export function BacktestTable() {
  const t = useT();
  const language = useLanguage();
  const target = useWorkbench((state) => state.board?.targets.find((candidate) => candidate.targetId === state.selectedTargetId) ?? null);
  const input = useWorkbench((state) => state.targetInputs.find((candidate) => candidate.definition.id === state.selectedTargetId) ?? null);
  const scenarioId = useWorkbench((state) => state.selectedScenarioId);
  const setAssumption = useWorkbench((state) => state.setAssumption);

  const unit = target?.unit ?? '';
  const history = useMemo(() => (target ? target.history.filter((point) => point.year < target.year).map(({ year, value }) => ({ year, value })) : []), [target]);
  const result = useMemo((): BacktestResult | null => {
    if (history.length < 3) return null;
    try {
      return backtest(history, seriesMethodsFor(unit, history), { holdout: 1, origins: backtestOrigins(history.length) });
    } catch {
      return null;
    }
  }, [history, unit]);

  if (!target) return null;
  return (
    <section className="tb-backtest" data-testid="backtest">
      <h3>{t('target.backtest.title')}</h3>
      {!result ? (
        <p className="tb-muted">{t('target.backtest.tooShort', { years: history.length })}</p>
      ) : (
        <table className="tb-small-table">
          <thead>
            <tr>
              <th>{t('target.backtest.method')}</th>
              <th>{t('target.backtest.mae')}</th>
              <th>{t('target.backtest.mape')}</th>
              <th>{t('target.backtest.forecasts')}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {result.methods.map((method, index) => (
              <tr key={method.spec.method} className={index === result.best ? 'tb-best' : ''}>
                <td>
                  {methodName(t, method.spec.method)}
                  {index === result.best ? <span className="tb-tag tb-tag-best">✓ {t('target.backtest.best')}</span> : null}
                </td>
                <td className="tb-num">{method.mae === null ? '—' : formatFigure(method.mae, unit)}</td>
                <td className="tb-num">{method.mape === null ? '—' : formatRate(method.mape)}</td>
                <td className="tb-forecasts">
                  {method.failures.length > 0 ? (
                    <span className="tb-muted" title={method.failures.map((failure) => `${failure.origin}: ${seriesProblemText(t, failure)}`).join('\n')}>
                      {t('target.backtest.failed')}: {seriesProblemText(t, method.failures[0]!)}
                    </span>
                  ) : (
                    method.forecasts.map((forecast) => `${forecast.year}: ${formatFigure(forecast.forecast, unit)} / ${formatFigure(forecast.actual, unit)}`).join(language === 'en' ? '; ' : '；')
                  )}
                </td>
                <td>
                  {input?.model.kind === 'series' && method.failures.length === 0 ? (
                    <button type="button" className="link-button" onClick={() => setAssumption(scenarioId, target.targetId, { method: method.spec })}>
                      {t('target.backtest.use')}
                    </button>
                  ) : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
