import { z } from 'zod';
import { method } from '../contractKit';
import { CHART_PRESETS, VALUE_SCALINGS } from '../../domain/chart/ChartSpec';
import { CHART_SIZE_PRESETS } from '../../domain/chart/chartExportSize';

/**
 * Chart export: the renderer sends the Plotly figure it shows (built by
 * buildChartFigure), the main side renders it in headless Chromium with the
 * bundled font and returns the bytes (browser mode: a download), saves them
 * through the native save dialog, or copies the PNG to the clipboard
 * (desktop app).
 */

const Text = z.string().max(1000);
const Column = z.string().min(1).max(1000);

/** ChartOptions (src-shared/domain/chart/ChartSpec.ts) on the wire; notebook chart cells carry the same fields. */
export const ChartOptionsSchema = z.object({
  y2: z.array(Column).max(50).optional(),
  stacked: z.boolean().optional(),
  subtitle: Text.nullable().optional(),
  sourceNote: Text.nullable().optional(),
  unit2: z.string().max(100).nullable().optional(),
  xTitle: Text.nullable().optional(),
  yTitle: Text.nullable().optional(),
  y2Title: Text.nullable().optional(),
  scaling: z.enum(VALUE_SCALINGS as ['auto', 'none', 'wan', 'yi']).optional(),
  dataLabels: z.boolean().optional(),
  preset: z.enum(CHART_PRESETS as ['print', 'screen']).optional(),
  targets: z.array(z.object({ value: z.number().finite(), label: Text.optional() }).strict()).max(20).optional(),
  bands: z.array(z.object({ from: z.number().finite(), to: z.number().finite(), label: Text.optional() }).strict()).max(20).optional(),
  low: Column.nullable().optional(),
  high: Column.nullable().optional(),
  totalLabel: Text.nullable().optional(),
});

/** A Plotly figure as JSON; it is only ever drawn inside the sandboxed render page. */
export const ChartFigureSchema = z
  .object({
    data: z.array(z.record(z.string(), z.unknown())).max(500),
    layout: z.record(z.string(), z.unknown()),
  })
  .strict();

export const CHART_EXPORT_FORMATS = ['png', 'svg', 'pdf'] as const;
export type ChartExportFormat = (typeof CHART_EXPORT_FORMATS)[number];

const SizeFields = {
  format: z.enum(CHART_EXPORT_FORMATS),
  size: z.enum(CHART_SIZE_PRESETS as ['word', 'slide', 'custom']).default('word'),
  /** For `custom`. */
  widthPx: z.number().int().min(100).max(10_000).optional(),
  heightPx: z.number().int().min(100).max(10_000).optional(),
  dpi: z.number().min(72).max(1200).optional(),
};

/** A file name without folders; the extension is set from the format. */
const FileStem = z
  .string()
  .min(1)
  .max(200)
  .regex(/^[^\\/:*?"<>|]+$/, 'must not contain \\ / : * ? " < > |');

export const ExportChartInput = z
  .object({
    figure: ChartFigureSchema,
    name: FileStem,
    ...SizeFields,
    /** `bytes`: return them (browser mode downloads them); `dialog`: native save dialog; `clipboard`: copy the PNG (desktop app). */
    destination: z.enum(['bytes', 'dialog', 'clipboard']).default('bytes'),
  })
  .strict();

export const ExportChartsInput = z
  .object({
    charts: z.array(z.object({ figure: ChartFigureSchema, name: FileStem }).strict()).min(1).max(200),
    ...SizeFields,
    /** The folder made in the export folder (Downloads) for the files: the notebook's name. */
    folderName: FileStem.optional(),
    /** When the charts come in several calls (browser mode's body limit): the first one's number and how many in all, so the files number 01…N across the calls. */
    numbering: z.object({ first: z.number().int().min(1).max(200), total: z.number().int().min(1).max(200) }).strict().optional(),
  })
  .strict()
  .refine((input) => !input.numbering || input.numbering.first + input.charts.length - 1 <= input.numbering.total, {
    message: 'goes past its total: first plus the number of charts, less one, must be at most total',
    path: ['numbering'],
  });

export interface ChartExportOutcome {
  fileName: string;
  mimeType: string;
  widthPx: number;
  heightPx: number;
  /** PNG only: the resolution written into the file. */
  dpi: number | null;
  byteLength: number;
  /** For `bytes`. */
  bytes?: Uint8Array;
  /** For `dialog`: where it was saved, null when the dialog was cancelled. */
  savedTo?: string | null;
  copied?: boolean;
}

export interface ChartsExportOutcome {
  folder: string;
  files: string[];
}

export const chartsContract = {
  charts: {
    export: method<typeof ExportChartInput, ChartExportOutcome>(ExportChartInput),
    /** All charts of a notebook at once, written into one folder. */
    exportAll: method<typeof ExportChartsInput, ChartsExportOutcome>(ExportChartsInput),
  },
} as const;
