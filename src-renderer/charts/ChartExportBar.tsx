import type { ChartExportFormat } from '@shared/contract/workbenchContract';
import type { ChartFigure } from '@shared/domain/chart/buildChartFigure';
import { CHART_SIZE_PRESETS, type ChartSizePreset } from '@shared/domain/chart/chartExportSize';
import { ErrorBanner } from '../components/ErrorBanner';
import { useT, useWorkbench } from '../store/StoreContext';
import { downloadBytes } from './downloadBytes';

/** Size choice and export buttons for one chart (PNG with DPI, SVG, vector PDF; copy in the desktop app). */
export function ChartExportBar({ figure, name }: { figure: ChartFigure | null; name: string }) {
  const t = useT();
  const size = useWorkbench((state) => state.chartSize);
  const setSize = useWorkbench((state) => state.setChartSize);
  const busy = useWorkbench((state) => state.chartExportBusy);
  const error = useWorkbench((state) => state.chartExportError);
  const done = useWorkbench((state) => state.chartExportDone);
  const exportChart = useWorkbench((state) => state.exportChart);
  const desktop = useWorkbench((state) => state.appInfo?.nativeDialogs === true);

  const run = async (format: ChartExportFormat, destination: 'bytes' | 'clipboard' = 'bytes') => {
    if (!figure) return;
    const outcome = await exportChart(figure, name, format, destination);
    if (outcome?.bytes) downloadBytes(outcome.bytes, outcome.fileName, outcome.mimeType);
  };
  const number = (value: string, fallback: number) => (Number.isFinite(Number(value)) && value !== '' ? Number(value) : fallback);

  let status: string | null = null;
  if (busy) status = t('charts.export.busy');
  else if (done?.kind === 'chart') {
    const outcome = done.outcome;
    if (outcome.copied) status = t('charts.export.copied');
    else if (outcome.savedTo) status = t('charts.export.saved', { path: outcome.savedTo });
    else if (outcome.savedTo !== null) status = t('charts.export.done', { file: outcome.fileName, width: outcome.widthPx, height: outcome.heightPx, dpi: outcome.dpi ? t('charts.export.dpiPart', { dpi: outcome.dpi }) : '' });
  }

  return (
    <div className="chart-export-bar" data-testid="chart-export-bar">
      <label>
        {t('charts.export.size')}
        <select value={size.size} onChange={(event) => setSize({ size: event.target.value as ChartSizePreset })} data-testid="chart-export-size">
          {CHART_SIZE_PRESETS.map((preset) => (
            <option key={preset} value={preset}>
              {t(`charts.export.size.${preset}`)}
            </option>
          ))}
        </select>
      </label>
      {size.size === 'custom' ? (
        <>
          <label>
            {t('charts.export.width')}
            <input type="number" className="chart-number" value={size.widthPx} min={100} max={10000} onChange={(event) => setSize({ widthPx: number(event.target.value, size.widthPx) })} data-testid="chart-export-width" />
          </label>
          <label>
            {t('charts.export.height')}
            <input type="number" className="chart-number" value={size.heightPx} min={100} max={10000} onChange={(event) => setSize({ heightPx: number(event.target.value, size.heightPx) })} data-testid="chart-export-height" />
          </label>
          <label>
            {t('charts.export.dpi')}
            <input type="number" className="chart-number" value={size.dpi} min={72} max={1200} onChange={(event) => setSize({ dpi: number(event.target.value, size.dpi) })} data-testid="chart-export-dpi" />
          </label>
        </>
      ) : null}
      <span className="chart-export-buttons">
        {(['png', 'svg', 'pdf'] as const).map((format) => (
          <button key={format} type="button" disabled={!figure || busy} onClick={() => void run(format)} data-testid={`chart-export-${format}`}>
            ⤓ {t(`charts.export.${format}`)}
          </button>
        ))}
        {desktop ? (
          <button type="button" disabled={!figure || busy} onClick={() => void run('png', 'clipboard')} data-testid="chart-copy">
            {t('charts.export.copy')}
          </button>
        ) : null}
      </span>
      {status ? (
        <span className="chart-export-status muted" data-testid="chart-export-status">
          {status}
        </span>
      ) : null}
      {error ? <ErrorBanner error={error} /> : null}
    </div>
  );
}
