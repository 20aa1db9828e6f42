import { z } from 'zod';
import { method } from '../contractKit';

/** Briefings (简报): a saved notebook, run afresh, as a document in the layout of official documents. */
export const BRIEFING_EXPORT_FORMATS = ['docx', 'html', 'pdf'] as const;
export type BriefingExportFormat = (typeof BRIEFING_EXPORT_FORMATS)[number];

export const ExportBriefingInput = z
  .object({
    /** The saved notebook file; it is run afresh, as `iwb run --export` does. */
    path: z.string().min(1).max(4000),
    format: z.enum(BRIEFING_EXPORT_FORMATS),
    /** Cells for the briefing: numbers, ranges and names (`1-3,5,趋势图`); all when absent. */
    cells: z.string().max(1000).optional(),
    /** Parameter values to run with, as NAME=VALUE overrides. */
    parameters: z.array(z.tuple([z.string().min(1).max(200), z.string().max(10_000)])).max(200).default([]),
    destination: z.enum(['bytes', 'dialog']).default('bytes'),
  })
  .strict();

export interface BriefingExportOutcome {
  fileName: string;
  mimeType: string;
  byteLength: number;
  figures: number;
  tables: number;
  bytes?: Uint8Array;
  savedTo?: string | null;
}

export const briefingContract = {
  briefing: {
    /** A notebook as a briefing document (DOCX, HTML or PDF), as `iwb run --export` makes it. */
    export: method<typeof ExportBriefingInput, BriefingExportOutcome>(ExportBriefingInput),
  },
} as const;
