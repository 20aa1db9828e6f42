/**
 * A briefing (简报) as plain data: what the notebook export produces and the
 * DOCX, HTML and PDF writers consume. Figures and tables are numbered by the
 * writers in document order (图1, 表1 …), so the model never stores numbers.
 */

export interface InlineRun {
  text: string;
  bold?: boolean;
  italic?: boolean;
  code?: boolean;
}

export interface BriefingTableColumn {
  name: string;
  align: 'left' | 'right' | 'center';
}

export type BriefingBlock =
  | { kind: 'heading'; level: 1 | 2 | 3; text: string }
  | { kind: 'paragraph'; runs: InlineRun[] }
  | { kind: 'list'; ordered: boolean; items: InlineRun[][] }
  | {
      kind: 'figure';
      caption: string;
      /** PNG with its DPI declared (see pngMetadata.withPngDpi). */
      png: Uint8Array;
      widthMm: number;
      heightMm: number;
      sourceNote?: string;
    }
  | {
      kind: 'table';
      caption: string;
      /** Shown after the caption as （单位：亿元）. */
      unit?: string;
      columns: BriefingTableColumn[];
      rows: string[][];
      sourceNote?: string;
      /** When the table shows only the first rows of a larger result: the full row count, stated under the table. */
      totalRows?: number;
    };

export interface BriefingDocument {
  title: string;
  subtitle?: string;
  /** Issuing body, e.g. 慈溪市科学技术局. */
  issuer?: string;
  /** ISO date, YYYY-MM-DD. */
  date: string;
  blocks: BriefingBlock[];
  /** Listed at the end under 数据来源. */
  sources: string[];
}

/** Rows beyond this go to the CSV outputs, not into a Word table. */
export const MAX_BRIEFING_TABLE_ROWS = 200;

/** The caption label with its number: 图1, 表2. */
export function numberedLabels(blocks: readonly BriefingBlock[]): Map<BriefingBlock, string> {
  const labels = new Map<BriefingBlock, string>();
  let figures = 0;
  let tables = 0;
  for (const block of blocks) {
    if (block.kind === 'figure') labels.set(block, `图${++figures}`);
    if (block.kind === 'table') labels.set(block, `表${++tables}`);
  }
  return labels;
}

/** 2024-02-01 → 2024年2月1日, the date style of official documents. */
export function chineseDate(isoDate: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(isoDate);
  if (!match) return isoDate;
  return `${match[1]}年${Number(match[2])}月${Number(match[3])}日`;
}
