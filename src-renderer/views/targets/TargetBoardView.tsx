import { useEffect, useRef, useState } from 'react';
import type { BoardTarget } from '@shared/contract/services/targetsContract';
import { ErrorBanner } from '../../components/ErrorBanner';
import { formatProbability } from '@shared/domain/targets/formatFigure';
import { nameIn } from '../../i18n/translate';
import { useLanguage, useT, useWorkbench } from '../../store/StoreContext';
import { SIMULATION_PATHS, type TargetOutcome } from '../../store/targetsSlice';
import { BacktestTable } from './BacktestTable';
import { ScenarioChart } from './ScenarioChart';
import { ScenarioPanel } from './ScenarioPanel';
import { TargetForm } from './TargetForm';
import { BoardHistoryEntry } from '../history/HistoryGrid';
import { factNotesText } from '@shared/domain/targets/targetFactText';
import { displayStatus, figure, gapText, historyReason, latestText, paceText, scenarioName, STATUS_ICON, targetText } from './targetText';
import '../../styles/targets.css';

/** The start page: where every target stands, and how likely it is to be met under each scenario. */
export function TargetBoardView() {
  const t = useT();
  const board = useWorkbench((state) => state.board);
  const boardLoading = useWorkbench((state) => state.boardLoading);
  const boardError = useWorkbench((state) => state.boardError);
  const notice = useWorkbench((state) => state.targetsNotice);
  const dismissNotice = useWorkbench((state) => state.dismissTargetsNotice);
  const loadBoard = useWorkbench((state) => state.loadBoard);
  const saveScenarioResults = useWorkbench((state) => state.saveScenarioResults);
  const [form, setForm] = useState<{ mode: 'add' } | { mode: 'edit'; target: BoardTarget } | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const detail = useRef<HTMLDivElement>(null);
  // A row chosen in the table shows its scenarios and chart, which sit below the table on a laptop screen.
  const showDetail = () => {
    const box = detail.current;
    if (box && box.getBoundingClientRect().top > window.innerHeight * 0.6) box.scrollIntoView?.({ block: 'start', behavior: 'smooth' });
  };

  useEffect(() => {
    if (!board && !boardLoading) void loadBoard();
    // Loads once when the view first opens; 刷新 reloads.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  const writeResults = async () => {
    setMessage(null);
    try {
      const rows = await saveScenarioResults();
      setMessage(t('target.savedResults', { rows }));
    } catch {
      // Shown by the error banner (boardError).
    }
  };

  return (
    <div className="tb-view" data-testid="target-board">
      <div className="tb-toolbar">
        <div>
          <h1 className="tb-title">{t('target.title')}</h1>
          <div className="tb-subtitle">{t('target.subtitle')}</div>
        </div>
        <div className="tb-spacer" />
        <button type="button" onClick={() => void loadBoard()} disabled={boardLoading}>
          {t('target.reload')}
        </button>
        <button type="button" onClick={() => setForm({ mode: 'add' })} data-testid="target-add">
          {t('target.add')}
        </button>
        <button type="button" className="primary" onClick={() => void writeResults()} disabled={!board || board.targets.length === 0} title={t('target.saveResultsHint')} data-testid="target-save-results">
          {t('target.saveResults')}
        </button>
      </div>
      <div className="tb-scroll">
        {boardError ? <ErrorBanner error={boardError} testId="target-error" /> : null}
        {notice ? (
          <div className="tb-banner tb-banner-warn" role="status">
            {notice}
            <button type="button" className="link-button" onClick={dismissNotice}>
              ×
            </button>
          </div>
        ) : null}
        {message ? (
          <div className="tb-banner tb-banner-info" role="status" data-testid="target-message">
            {message}
            <button type="button" className="link-button" onClick={() => setMessage(null)}>
              ×
            </button>
          </div>
        ) : null}
        {board ? <NoDataHint /> : null}
        {board ? <BoardHistoryEntry /> : null}
        {board && board.missingViews.length > 0 ? <div className="tb-banner tb-banner-warn">{t('target.missingViews', { views: board.missingViews.join(', ') })}</div> : null}
        {!board && boardLoading ? <div className="tb-empty">{t('target.loading')}</div> : null}
        {board && board.targets.length === 0 ? <div className="tb-empty">{t('target.empty')}</div> : null}
        {board && board.targets.length > 0 ? (
          <>
            <BoardTable onEdit={(target) => setForm({ mode: 'edit', target })} onChosen={showDetail} />
            <div className="tb-detail" ref={detail}>
              <ScenarioPanel />
              <div className="tb-detail-main">
                <ScenarioChart />
                <BacktestTable />
              </div>
            </div>
          </>
        ) : null}
      </div>
      {form ? <TargetForm initial={form.mode === 'edit' ? form.target : null} onClose={() => setForm(null)} /> : null}
    </div>
  );
}

/** Targets with no actual value at all: say why, and where to add the figures. */
function NoDataHint() {
  const t = useT();
  const board = useWorkbench((state) => state.board);
  const setView = useWorkbench((state) => state.setView);
  const selectIndicator = useWorkbench((state) => state.selectIndicator);
  if (!board) return null;
  const missing = board.targets.filter((target) => target.latest === null);
  if (missing.length === 0) return null;
  const enter = () => {
    setView('data');
    void selectIndicator(missing[0]!.indicatorCode);
  };
  return (
    <div className="tb-banner tb-banner-info" role="note" data-testid="target-no-data">
      <span>{t('target.noData', { count: missing.length, total: board.targets.length })}</span>{' '}
      <button type="button" className="link-button" onClick={enter} data-testid="target-no-data-enter">
        {t('target.noDataEnter')}
      </button>
      {' · '}
      <button type="button" className="link-button" onClick={() => setView('import')}>
        {t('target.noDataImport')}
      </button>
    </div>
  );
}

function BoardTable({ onEdit, onChosen }: { onEdit: (target: BoardTarget) => void; onChosen: () => void }) {
  const language = useLanguage();
  const caveatOf = (target: BoardTarget) => factNotesText(target, language, 'short');
  const t = useT();
  const locale = useWorkbench((state) => state.locale);
  const board = useWorkbench((state) => state.board)!;
  const scenarios = useWorkbench((state) => state.scenarios);
  const selectedScenarioId = useWorkbench((state) => state.selectedScenarioId);
  const selectScenario = useWorkbench((state) => state.selectScenario);
  const selectedTargetId = useWorkbench((state) => state.selectedTargetId);
  const selectTarget = useWorkbench((state) => state.selectTarget);
  const removeTarget = useWorkbench((state) => state.removeTarget);

  return (
    <div className="tb-table-wrap">
      <table className="tb-table" data-testid="target-table">
        <thead>
          <tr>
            <th rowSpan={2}>{t('target.col.indicator')}</th>
            <th rowSpan={2}>{t('target.col.target')}</th>
            <th rowSpan={2}>{t('target.col.latest')}</th>
            <th rowSpan={2}>{t('target.col.gap')}</th>
            <th rowSpan={2}>{t('target.col.pace')}</th>
            {scenarios.map((scenario) => (
              <th
                key={scenario.id}
                className={`tb-scenario-head${scenario.id === selectedScenarioId ? ' selected' : ''}`}
                onClick={() => selectScenario(scenario.id)}
                data-testid={`board-scenario-${scenario.id}`}
              >
                {scenarioName(t, scenario)}
              </th>
            ))}
          </tr>
          <tr>
            {scenarios.map((scenario) => (
              <th key={scenario.id} className={`tb-sub-head${scenario.id === selectedScenarioId ? ' selected' : ''}`}>
                {t('target.col.projected')} · {t('target.col.status')} · {t('target.col.probability')}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {board.targets.map((target) => {
            const latest = latestText(t, language, target);
            const reason = historyReason(t, target);
            return (
              <tr
                key={target.targetId}
                className={target.targetId === selectedTargetId ? 'selected' : ''}
                onClick={() => {
                  selectTarget(target.targetId);
                  onChosen();
                }}
                data-testid={`target-row-${target.targetId}`}
              >
                <td className="tb-name">
                  <div className="tb-name-main">
                    {nameIn(locale, target)}
                    {target.origin === 'user' ? <span className="tb-tag">{t('target.userTarget')}</span> : null}
                  </div>
                  <div className="tb-name-sub" title={target.note ?? undefined}>
                    {target.sourceTitle || target.note ? t('target.source', { source: target.sourceTitle ?? target.note ?? '' }) : target.indicatorCode}
                  </div>
                  {target.origin === 'user' ? (
                    <div className="tb-row-actions">
                      <button
                        type="button"
                        className="link-button"
                        onClick={(event) => {
                          event.stopPropagation();
                          onEdit(target);
                        }}
                      >
                        {t('target.edit')}
                      </button>
                      <button
                        type="button"
                        className="link-button"
                        onClick={(event) => {
                          event.stopPropagation();
                          if (globalThis.confirm(t('target.removeConfirm', { name: nameIn(locale, target), year: target.year }))) void removeTarget(target.targetId);
                        }}
                      >
                        {t('target.remove')}
                      </button>
                    </div>
                  ) : null}
                </td>
                <td className="tb-target">
                  <div>{targetText(t, target)}</div>
                  <div className="tb-muted">{t('target.annual', { year: target.year })}</div>
                  {caveatOf(target) ? (
                    <div className="tb-muted tb-caveat" data-testid={`target-caveat-${target.targetId}`}>
                      {caveatOf(target)}
                    </div>
                  ) : null}
                </td>
                <td className="tb-num">
                  {latest ? (
                    <>
                      <div>{latest.value}</div>
                      <div className="tb-muted">{latest.when}</div>
                    </>
                  ) : (
                    <span className="tb-no-actual">{t('target.noActual')}</span>
                  )}
                  {reason ? (
                    <div className="tb-muted tb-why" title={reason.title} data-testid={`target-why-${target.targetId}`}>
                      {reason.text}
                    </div>
                  ) : null}
                </td>
                <td className="tb-num tb-gap" data-testid={`target-gap-${target.targetId}`}>
                  {gapText(t, target)}
                </td>
                <td className="tb-pace" data-testid={`target-pace-${target.targetId}`}>{paceText(t, target)}</td>
                {scenarios.map((scenario) => (
                  <ScenarioCell key={scenario.id} target={target} scenarioId={scenario.id} selected={scenario.id === selectedScenarioId} />
                ))}
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

function ScenarioCell({ target, scenarioId, selected }: { target: BoardTarget; scenarioId: string; selected: boolean }) {
  const t = useT();
  const outcome: TargetOutcome | undefined = useWorkbench((state) => state.outcomes[scenarioId]?.[target.targetId]);
  const simulating = useWorkbench((state) => state.simulatingScenarioIds.includes(scenarioId));
  const assessment = outcome?.ok ? outcome.assessment : null;
  const status = displayStatus(assessment);
  return (
    <td className={`tb-scenario${selected ? ' selected' : ''}`} data-testid={`cell-${scenarioId}-${target.targetId}`}>
      {assessment ? (
        <>
          <div className="tb-projected">{figure(assessment.projectedValue, target.unit)}</div>
          <span className={`tb-status tb-status-${status}`} data-status={status} data-testid={`status-${scenarioId}-${target.targetId}`}>
            <span className="tb-status-icon" aria-hidden>
              {STATUS_ICON[status]}
            </span>
            {t(`target.st.${status}`)}
          </span>
          <span
            className={`tb-probability${simulating ? ' tb-provisional' : ''}`}
            title={simulating ? t('target.simulating') : t('target.probabilityTitle', { paths: SIMULATION_PATHS.toLocaleString('en-US') })}
          >
            {assessment.probability === null ? (simulating ? t('target.simulating') : '—') : formatProbability(assessment.probability)}
          </span>
        </>
      ) : (
        <span className={`tb-status tb-status-none`} data-status="none" title={outcome && !outcome.ok ? outcome.message : undefined} data-testid={`status-${scenarioId}-${target.targetId}`}>
          <span className="tb-status-icon" aria-hidden>
            {STATUS_ICON.none}
          </span>
          {outcome && !outcome.ok ? t('target.st.none') : t('target.noActual')}
        </span>
      )}
    </td>
  );
}
