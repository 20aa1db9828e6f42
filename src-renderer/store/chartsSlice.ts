import type { ChartExportFormat, ChartExportOutcome } from '@shared/contract/workbenchContract';
import { toErrorEnvelope, type ErrorEnvelope } from '@shared/contract/WorkbenchError';
import type { ChartFigure } from '@shared/domain/chart/buildChartFigure';
import type { ChartSpec } from '@shared/domain/chart/ChartSpec';
import type { ChartSizePreset } from '@shared/domain/chart/chartExportSize';
import { batchesBySize } from '@shared/domain/batchesBySize';
import { CALL_ENVELOPE_BYTES, callBodyLimit } from '@shared/contract/callBodyLimits';
import { localizedError } from '@shared/contract/errorTexts';
import { formatByteSize } from '@shared/domain/byteSize';
import type { SliceCreator } from './workbenchStore';

/** How the chart export bar asked for a size. */
export interface ChartSizeChoice {
  size: ChartSizePreset;
  widthPx: number;
  heightPx: number;
  dpi: number;
}

export type ChartExportDestination = 'bytes' | 'dialog' | 'clipboard';

export interface ChartsSlice {
  /** Chart builder specs per result tab (key: the tab id). */
  chartSpecs: Record<string, ChartSpec>;
  chartSize: ChartSizeChoice;
  chartExportBusy: boolean;
  chartExportError: ErrorEnvelope | null;
  /** What the last export did, for the status line. */
  chartExportDone: { kind: 'chart'; outcome: ChartExportOutcome } | { kind: 'all'; folder: string; count: number } | null;
  setChartSpec(key: string, spec: ChartSpec): void;
  setChartSize(patch: Partial<ChartSizeChoice>): void;
  /** Renders the figure in the main process; returns the outcome (with bytes for `bytes`) or null on error. */
  exportChart(figure: ChartFigure, name: string, format: ChartExportFormat, destination: ChartExportDestination): Promise<ChartExportOutcome | null>;
  exportAllCharts(charts: { figure: ChartFigure; name: string }[], format: ChartExportFormat, folderName: string): Promise<void>;
}

export const createChartsSlice: SliceCreator<ChartsSlice> = (api) => (set, get) => {
  const sizeInput = () => {
    const { size, widthPx, heightPx, dpi } = get().chartSize;
    return size === 'custom' ? { size, widthPx, heightPx, dpi } : { size };
  };
  const desktop = () => get().appInfo?.nativeDialogs === true;
  return {
    chartSpecs: {},
    chartSize: { size: 'word', widthPx: 1843, heightPx: 1135, dpi: 300 },
    chartExportBusy: false,
    chartExportError: null,
    chartExportDone: null,
    setChartSpec: (key, spec) => set((state) => ({ chartSpecs: { ...state.chartSpecs, [key]: spec } })),
    setChartSize: (patch) => set((state) => ({ chartSize: { ...state.chartSize, ...patch } })),
    exportChart: async (figure, name, format, destination) => {
      set({ chartExportBusy: true, chartExportError: null, chartExportDone: null });
      try {
        const wanted = destination === 'bytes' && desktop() ? 'dialog' : destination;
        const outcome = await api.charts.export({ figure: figure as unknown as { data: Record<string, unknown>[]; layout: Record<string, unknown> }, name, format, ...sizeInput(), destination: wanted });
        set({ chartExportDone: { kind: 'chart', outcome } });
        return outcome;
      } catch (error) {
        set({ chartExportError: toErrorEnvelope(error) });
        return null;
      } finally {
        set({ chartExportBusy: false });
      }
    },
    exportAllCharts: async (charts, format, folderName) => {
      set({ chartExportBusy: true, chartExportError: null, chartExportDone: null });
      let folder: string | null = null;
      let written = 0;
      try {
        const encoder = new TextEncoder();
        const items = charts.map((chart, index) => {
          const item = { figure: chart.figure as unknown as { data: Record<string, unknown>[]; layout: Record<string, unknown> }, name: chart.name };
          return { item, index, bytes: encoder.encode(JSON.stringify(item)).byteLength };
        });
        // Browser mode refuses a body over its limit: a notebook of many large charts goes in several calls, numbered 01…N into one folder.
        // A chart too large for any call is refused before anything is written.
        const budget = callBodyLimit('charts.exportAll') - CALL_ENVELOPE_BYTES;
        const oversized = items.find((entry) => entry.bytes > budget);
        if (oversized) throw localizedError('chart-too-large', { name: oversized.item.name, size: formatByteSize(oversized.bytes), limit: formatByteSize(budget) });
        for (const batch of batchesBySize(items, (entry) => entry.bytes, budget)) {
          const numbering = { first: batch[0]!.index + 1, total: items.length };
          const outcome = await api.charts.exportAll({ charts: batch.map((entry) => entry.item), format, ...sizeInput(), folderName, numbering });
          folder = outcome.folder;
          written += outcome.files.length;
        }
        set({ chartExportDone: { kind: 'all', folder: folder ?? '', count: written } });
      } catch (error) {
        // What the earlier calls wrote stays, and the status line says so next to the error.
        set({ chartExportError: toErrorEnvelope(error), chartExportDone: folder !== null ? { kind: 'all', folder, count: written } : null });
      } finally {
        set({ chartExportBusy: false });
      }
    },
  };
};
