import { useState } from 'react';
import { BRIEFING_EXPORT_FORMATS, type BriefingExportFormat } from '@shared/contract/workbenchContract';
import type { ChartFigure } from '@shared/domain/chart/buildChartFigure';
import { chartColumnsFromArrow, chartFigure } from '@shared/domain/notebook/chartFigure';
import { chartSourceCell } from '@shared/domain/notebook/notebookDependencies';
import { ErrorBanner } from '../../components/ErrorBanner';
import { useT, useWorkbench, useWorkbenchStore } from '../../store/StoreContext';
import type { WorkbenchState } from '../../store/workbenchStore';
import { languageOf } from '../../i18n/translate';
import { downloadBytes } from '../../charts/downloadBytes';
import '../../styles/charts.css';

/** The drawn charts of the open notebook, named after their cells, as the cells show them (in the UI's language). */
function notebookFigures(state: WorkbenchState): { figure: ChartFigure; name: string }[] {
  const notebook = state.notebook;
  if (!notebook) return [];
  return notebook.document.cells.flatMap((cell, index) => {
    if (cell.kind !== 'chart') return [];
    const source = chartSourceCell(notebook.document, cell.id);
    const run = source ? notebook.runs[source.id] : undefined;
    if (run?.status !== 'done' || !run.table) return [];
    const outcome = chartFigure(cell.chart, chartColumnsFromArrow(run.table), languageOf(state.locale));
    return outcome.ok ? [{ figure: outcome.figure, name: (cell.name ?? `chart-${index + 1}`).replace(/[\\/:*?"<>|]+/g, '_') }] : [];
  });
}

/** Notebook toolbar: export the briefing (DOCX, HTML, PDF) and all charts at once. */
export function NotebookBriefingActions() {
  const t = useT();
  const path = useWorkbench((state) => state.notebook?.path ?? null);
  const name = useWorkbench((state) => state.notebook?.name ?? 'notebook');
  const busy = useWorkbench((state) => state.chartExportBusy || state.briefingBusy);
  const error = useWorkbench((state) => state.briefingError ?? state.chartExportError);
  const briefingDone = useWorkbench((state) => state.briefingDone);
  const done = useWorkbench((state) => state.chartExportDone);
  const exportBriefing = useWorkbench((state) => state.exportBriefing);
  const exportAllCharts = useWorkbench((state) => state.exportAllCharts);
  const store = useWorkbenchStore();
  const [format, setFormat] = useState<BriefingExportFormat>('docx');

  const briefing = async () => {
    const outcome = await exportBriefing(format);
    if (outcome?.bytes) downloadBytes(outcome.bytes, outcome.fileName, outcome.mimeType);
  };
  const allCharts = () => {
    const figures = notebookFigures(store.getState());
    if (figures.length > 0) void exportAllCharts(figures, 'png', name.replace(/\.iwb\.md$/, ''));
  };

  let status: string | null;
  if (!path) status = t('charts.briefing.needsSave');
  else if (busy) status = t('charts.export.busy');
  else {
    const parts = [
      briefingDone ? t('charts.briefing.done', { path: briefingDone.savedTo ?? briefingDone.fileName, figures: briefingDone.figures, tables: briefingDone.tables }) : null,
      done?.kind === 'all' ? t('charts.export.allDone', { count: done.count, folder: done.folder }) : null,
    ].filter((part) => part !== null);
    status = parts.length > 0 ? parts.join(' · ') : null;
  }

  return (
    <span className="nb-briefing">
      <select value={format} onChange={(event) => setFormat(event.target.value as BriefingExportFormat)} aria-label={t('charts.briefing')} data-testid="nb-briefing-format">
        {BRIEFING_EXPORT_FORMATS.map((item) => (
          <option key={item} value={item}>
            {t(`charts.briefing.${item}`)}
          </option>
        ))}
      </select>
      <button type="button" disabled={!path || busy} onClick={() => void briefing()} data-testid="nb-briefing">
        ⤓ {t('charts.briefing')}
      </button>
      <button type="button" disabled={busy} onClick={allCharts} data-testid="nb-export-charts">
        {t('charts.exportAll')}
      </button>
      {status ? (
        <span className="muted small" data-testid="nb-briefing-status">
          {status}
        </span>
      ) : null}
      {error ? <ErrorBanner error={error} testId="nb-briefing-error" /> : null}
    </span>
  );
}
