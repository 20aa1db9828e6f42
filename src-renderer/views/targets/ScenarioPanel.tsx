import { useState } from 'react';
import type { ProjectionSpec } from '@shared/domain/projection/projectSeries';
import { assumptionRows } from '@shared/domain/projection/assumptionTable';
import { assumptionKeyOf, type TargetAssumptions } from '@shared/domain/projection/scenario';
import { goalSeekPath } from '@shared/domain/projection/goalSeek';
import { formatFigure, formatRate } from '@shared/domain/targets/formatFigure';
import { seriesMethodsFor, type ModelNote } from '@shared/domain/targets/targetModel';
import { languageOf, nameIn, type MessageKey } from '../../i18n/translate';
import { useT, useWorkbench } from '../../store/StoreContext';
import { isBuiltInScenario } from '../../store/targetsSlice';
import { factNotesText } from '@shared/domain/targets/targetFactText';
import { figure, methodName, noteText, scenarioName, spreadText } from './targetText';

/** A selector must return the same empty list every time, or the store sees a change on every render. */
const NO_NOTES: readonly ModelNote[] = [];

/** The selected scenario's assumptions for the selected target: sliders with number inputs, method, goal seek, path. */
export function ScenarioPanel() {
  const t = useT();
  const locale = useWorkbench((state) => state.locale);
  const scenarios = useWorkbench((state) => state.scenarios);
  const selectedScenarioId = useWorkbench((state) => state.selectedScenarioId);
  const selectScenario = useWorkbench((state) => state.selectScenario);
  const unsaved = useWorkbench((state) => state.unsavedScenarioIds);
  const createScenario = useWorkbench((state) => state.createScenario);
  const renameScenario = useWorkbench((state) => state.renameScenario);
  const saveScenario = useWorkbench((state) => state.saveScenario);
  const deleteScenario = useWorkbench((state) => state.deleteScenario);
  const targetId = useWorkbench((state) => state.selectedTargetId);
  const target = useWorkbench((state) => state.board?.targets.find((candidate) => candidate.targetId === state.selectedTargetId) ?? null);
  const input = useWorkbench((state) => state.targetInputs.find((candidate) => candidate.definition.id === state.selectedTargetId) ?? null);
  const notes = useWorkbench((state) => (state.selectedTargetId ? (state.modelNotes[state.selectedTargetId] ?? NO_NOTES) : NO_NOTES));
  const scenario = scenarios.find((candidate) => candidate.id === selectedScenarioId) ?? scenarios[0];
  const setAssumption = useWorkbench((state) => state.setAssumption);
  const goalSeek = useWorkbench((state) => state.goalSeek);
  const outcome = useWorkbench((state) => (state.selectedTargetId ? state.outcomes[state.selectedScenarioId]?.[state.selectedTargetId] : undefined));
  const [goalMessage, setGoalMessage] = useState<string | null>(null);

  if (!scenario) return null;
  const caveat = target ? factNotesText(target, languageOf(locale)) : null;
  const spreadLine = outcome?.ok ? spreadText(t, outcome.assessment) : null;
  const assumptions = (input ? scenario.assumptions[assumptionKeyOf(input.definition)] : undefined) ?? {};
  const knobs = input ? assumptionRows(input) : [];
  const knobLabel = (key: keyof TargetAssumptions) => t(`target.knob.${key}` as MessageKey);
  const currentMethod: ProjectionSpec | null = input?.model.kind === 'series' ? (assumptions.method ?? input.model.method) : null;
  const baselineMethod = input?.model.kind === 'series' ? input.model.method : null;
  const offered = input?.model.kind === 'series' ? seriesMethodsFor(input.definition.unit, input.model.series) : [];
  const methodOptions: ProjectionSpec[] =
    baselineMethod && !offered.some((spec) => spec.method === baselineMethod.method) ? [baselineMethod, ...offered] : offered;

  const runGoalSeek = () => {
    if (!targetId) return;
    try {
      const result = goalSeek(scenario.id, targetId);
      const knob = knobs.find((candidate) => candidate.key === result.assumption);
      const shown = knob?.percent ? formatRate(result.value, 2) : formatFigure(result.value, '', Number.isInteger(result.value) ? 0 : 2);
      setGoalMessage(t('target.goalSeek.result', { knob: knobLabel(result.assumption), value: shown }));
    } catch (error) {
      setGoalMessage(t('target.goalSeek.failed', { message: error instanceof Error ? error.message : String(error) }));
    }
  };

  // The multi-year path: constant growth from the last annual value (stocks only).
  const lastAnnual = target?.history.filter((point) => point.year < target.year).at(-1);
  let path: { year: number; value: number }[] = [];
  let pathRate: number | null = null;
  if (target && target.paceKind === 'stock' && lastAnnual && lastAnnual.value > 0 && target.value > 0 && target.year - lastAnnual.year >= 1 && !(target.latest && target.latest.year === target.year)) {
    path = goalSeekPath(lastAnnual, { year: target.year, value: target.value }, 'growth');
    pathRate = (target.value / lastAnnual.value) ** (1 / (target.year - lastAnnual.year)) - 1;
  }

  return (
    <section className="tb-panel" data-testid="scenario-panel">
      <div className="tb-scenario-tabs" role="tablist">
        {scenarios.map((candidate) => (
          <button
            key={candidate.id}
            type="button"
            role="tab"
            aria-selected={candidate.id === scenario.id}
            className={`tb-tab${candidate.id === scenario.id ? ' active' : ''}`}
            onClick={() => selectScenario(candidate.id)}
            data-testid={`scenario-tab-${candidate.id}`}
          >
            {scenarioName(t, candidate)}
            {unsaved.includes(candidate.id) ? <span className="tb-dirty" title={t('target.scn.unsaved')}> ●</span> : null}
          </button>
        ))}
        <button
          type="button"
          className="tb-tab tb-tab-new"
          onClick={() => {
            // Electron has no window.prompt: the scenario gets a numbered name, edited in the name field below.
            const taken = new Set(scenarios.map((candidate) => candidate.name));
            let number = 1;
            while (taken.has(`${t('target.scn.newName')} ${number}`)) number++;
            createScenario(`${t('target.scn.newName')} ${number}`);
          }}
          title={t('target.scn.namePrompt')}
          data-testid="scenario-new"
        >
          + {t('target.scn.new')}
        </button>
      </div>
      <div className="tb-scenario-actions">
        {scenario.kind === 'custom' ? (
          <label className="tb-inline">
            {t('target.scn.rename')}
            <input
              type="text"
              value={scenario.name}
              maxLength={100}
              onChange={(event) => renameScenario(scenario.id, event.target.value || scenario.name)}
              data-testid="scenario-name"
            />
          </label>
        ) : null}
        <button type="button" onClick={() => void saveScenario(scenario.id)} disabled={!unsaved.includes(scenario.id)} data-testid="scenario-save">
          {unsaved.includes(scenario.id) ? t('target.scn.save') : t('target.scn.saved')}
        </button>
        <button type="button" onClick={() => void deleteScenario(scenario.id)}>
          {isBuiltInScenario(scenario.id) ? t('target.scn.reset') : t('target.scn.delete')}
        </button>
      </div>

      {!target ? <p className="tb-muted">{t('target.panel.none')}</p> : null}
      {target ? (
        <>
          <h2 className="tb-panel-title">{t('target.panel.title', { target: nameIn(locale, target) })}</h2>
          {notes.map((note, index) => (
            <div key={index} className="tb-note" data-testid="model-note">
              {noteText(t, note)}
            </div>
          ))}
          {caveat ? (
            <div className="tb-note" data-testid="target-caveat">
              {caveat}
            </div>
          ) : null}
          {spreadLine ? (
            <div className="tb-note" data-testid="spread-origin">
              {spreadLine}
            </div>
          ) : null}
          {!input ? <p className="tb-muted">{t('target.panel.noModel')}</p> : null}
          {input ? (
            <>
              <p className="tb-muted">{t('target.panel.hint')}</p>
              <div className="tb-field">
                <span className="tb-field-label">{t('target.method')}</span>
                {currentMethod ? (
                  <select
                    value={JSON.stringify(currentMethod)}
                    onChange={(event) => setAssumption(scenario.id, input.definition.id, { method: JSON.parse(event.target.value) as ProjectionSpec })}
                    data-testid="method-select"
                  >
                    {methodOptions.map((spec) => (
                      <option key={JSON.stringify(spec)} value={JSON.stringify(spec)}>
                        {methodName(t, spec.method)}
                      </option>
                    ))}
                  </select>
                ) : (
                  <span>{outcome?.ok ? methodName(t, outcome.assessment.method) : '—'}</span>
                )}
              </div>
              {knobs.map((knob) => {
                const value = (assumptions[knob.key] as number | undefined) ?? knob.baseline;
                const shown = knob.percent ? Math.round(value * 10000) / 100 : value;
                return (
                  <div key={knob.key} className="tb-field">
                    <label className="tb-field-label" htmlFor={`knob-${knob.key}`}>
                      {knobLabel(knob.key)}
                    </label>
                    <input
                      id={`knob-${knob.key}`}
                      type="range"
                      min={knob.min}
                      max={knob.max}
                      step={knob.step}
                      value={value}
                      onChange={(event) => setAssumption(scenario.id, input.definition.id, { [knob.key]: Number(event.target.value) })}
                      data-testid={`slider-${knob.key}`}
                    />
                    <span className="tb-number">
                      <input
                        type="number"
                        step={knob.percent ? knob.step * 100 : knob.step}
                        value={shown}
                        onChange={(event) => {
                          const number = Number(event.target.value);
                          if (event.target.value !== '' && Number.isFinite(number)) {
                            setAssumption(scenario.id, input.definition.id, { [knob.key]: knob.percent ? number / 100 : number });
                          }
                        }}
                        aria-label={knobLabel(knob.key)}
                        data-testid={`number-${knob.key}`}
                      />
                      {knob.percent ? '%' : ''}
                    </span>
                  </div>
                );
              })}
              <div className="tb-goal">
                <button type="button" className="primary" onClick={runGoalSeek} title={t('target.goalSeekTitle')} data-testid="goal-seek">
                  {t('target.goalSeek')}
                </button>
                {goalMessage ? (
                  <span className="tb-goal-result" data-testid="goal-seek-result">
                    {goalMessage}
                  </span>
                ) : null}
              </div>
              {outcome && !outcome.ok ? <div className="tb-note tb-note-error">{t('target.projectionFailed', { message: outcome.message })}</div> : null}
            </>
          ) : null}
          {path.length > 0 && pathRate !== null && lastAnnual ? (
            <div className="tb-path">
              <h3>{t('target.path.title')}</h3>
              <p className="tb-muted">{t('target.path.growth', { from: lastAnnual.year, value: figure(lastAnnual.value, target.unit), rate: formatRate(pathRate, 2) })}</p>
              <table className="tb-small-table">
                <thead>
                  <tr>
                    <th>{t('target.path.year')}</th>
                    <th>{t('target.path.value')}</th>
                  </tr>
                </thead>
                <tbody>
                  {path.map((point) => (
                    <tr key={point.year}>
                      <td>{point.year}</td>
                      <td className="tb-num">{figure(point.value, target.unit)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          ) : null}
        </>
      ) : null}
    </section>
  );
}
