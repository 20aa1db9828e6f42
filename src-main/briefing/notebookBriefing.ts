import { chartExportSize } from '@shared/domain/chart/chartExportSize';
import { sourceLine, type ChartFigure } from '@shared/domain/chart/buildChartFigure';
import { type BriefingBlock, type BriefingDocument } from '@shared/domain/briefing/BriefingDocument';
import { markdownBriefingBlocks, resultTableBlock, targetCardBlock, sourceEntry } from '@shared/domain/briefing/notebookBriefingBlocks';
import { writeHtmlBriefing } from '@shared/domain/briefing/htmlBriefing';
import { parseMarkdown } from '@shared/domain/notebook/markdown';
import { cellName, type NotebookDocument } from '@shared/domain/notebook/NotebookDocument';
import { resultSourceIds } from '@shared/domain/briefing/briefingSources';
import { quoteLiteral } from '@shared/domain/sqlIdentifier';
import type { JsonValue } from '@shared/domain/notebook/NotebookDocument';
import type { ChartImageRenderer } from '../charts/ChartImageRenderer';
import { exportChartImage } from '../charts/exportChartImage';
import type { HeadlessCellEvent } from '../notebook/runNotebookHeadless';
import type { ExecSql } from '../workspace/workspaceSql';
import { writeDocxBriefing } from './docxBriefing';
import { localizedError } from '@shared/contract/errorTexts';

export type BriefingFormat = 'docx' | 'html' | 'pdf';
export const BRIEFING_FORMATS: readonly BriefingFormat[] = ['docx', 'html', 'pdf'];

/** Prints a self-contained HTML page to PDF (A4, the page's own @page margins, fonts embedded). */
export interface HtmlPdfPrinter {
  printHtml(html: string): Promise<Uint8Array>;
}

/** Rows of the workspace's `sources` table the notebook relies on. */
export type SourceRows = { source_id?: unknown; title?: unknown; issuer?: unknown; date?: unknown }[];

/** The code of a cell selection that names no cell (`--cells`, or the app's cell choice). */
export const BRIEFING_CELLS_ERROR = 'briefing-cells';

/**
 * `--cells 1-3,5,趋势图`: cell numbers (1-based, as `iwb run` prints them),
 * ranges and cell names. Returns a test for each cell; null selects all.
 * A part that names no cell throws a user error with code BRIEFING_CELLS_ERROR.
 */
export function cellSelection(text: string | null | undefined, document: NotebookDocument): ((index: number) => boolean) | null {
  if (text === null || text === undefined || text.trim() === '') return null;
  const chosen = new Set<number>();
  for (const part of text.split(',').map((item) => item.trim()).filter(Boolean)) {
    const range = /^(\d+)(?:-(\d+))?$/.exec(part);
    if (range) {
      const from = Number(range[1]);
      const to = Number(range[2] ?? range[1]);
      if (from < 1 || to > document.cells.length || from > to) throw localizedError('briefing-cells-outside', { part, count: document.cells.length }, undefined, BRIEFING_CELLS_ERROR);
      for (let number = from; number <= to; number++) chosen.add(number - 1);
      continue;
    }
    const index = document.cells.findIndex((cell) => cell.kind !== 'raw' && cellName(cell)?.toLowerCase() === part.toLowerCase());
    if (index === -1) throw localizedError('briefing-cells-unknown', { part }, undefined, BRIEFING_CELLS_ERROR);
    chosen.add(index);
  }
  return (index) => chosen.has(index);
}

/**
 * The figure for print inside a document: its title (with the subtitle)
 * and source line move to the numbered caption and the note below the image.
 */
export function figureForDocument(figure: ChartFigure): ChartFigure {
  const layout: { [key: string]: JsonValue } = { ...figure.layout };
  delete layout.title;
  const annotations = Array.isArray(layout.annotations) ? layout.annotations : [];
  const kept = annotations.filter((item) => !(item && typeof item === 'object' && !Array.isArray(item) && item.name === 'source'));
  if (kept.length > 0) layout.annotations = kept;
  else delete layout.annotations;
  const margin = layout.margin && typeof layout.margin === 'object' && !Array.isArray(layout.margin) ? { ...layout.margin } : {};
  margin.t = layout.showlegend === true ? 44 : 16;
  margin.b = 56;
  layout.margin = margin;
  return { data: figure.data, layout };
}

function titleFromFigure(figure: ChartFigure): string | null {
  const title = figure.layout.title;
  if (title && typeof title === 'object' && !Array.isArray(title) && typeof title.text === 'string') {
    return title.text
      .replace(/<[^>]+>/g, '')
      .replaceAll('&lt;', '<')
      .replaceAll('&gt;', '>')
      .replaceAll('&amp;', '&');
  }
  return null;
}

export interface NotebookBriefingOptions {
  cells?: string | null;
  /** ISO date for the byline. */
  date: string;
  renderer: () => Promise<ChartImageRenderer>;
  /** The `sources` rows with these ids, for the sources section; null when the workspace has no such table. */
  querySources: (sourceIds: string[]) => Promise<SourceRows | null>;
  issuer?: string;
}

/**
 * Builds a briefing from a notebook run (hand `observe` to
 * runNotebookHeadless): Markdown → headings and paragraphs; named results →
 * tables; charts → 300-dpi PNGs 156 mm wide with numbered captions; a
 * sources section listing exactly the sources the shown results name in
 * their source-id columns (`source_id`, `…_source_id`; a chart counts its
 * source cell's), each once.
 */
export class NotebookBriefingBuilder {
  private readonly blocks: BriefingBlock[] = [];
  private title = '';
  private selected: ((index: number) => boolean) | null = null;
  /** Source ids each named result names, so a chart shown without its table still lists its sources. */
  private readonly idsByCell = new Map<string, string[]>();
  /** Source ids of the blocks shown, in the order met. */
  private readonly used = new Set<string>();
  private readonly size = chartExportSize('word');

  constructor(private readonly options: NotebookBriefingOptions) {}

  readonly observe = async (event: HeadlessCellEvent): Promise<void> => {
    if (event.kind === 'start') {
      this.title = event.document.title ?? event.name.replace(/\.iwb\.md$/, '');
      this.selected = cellSelection(this.options.cells, event.document);
      return;
    }
    const ids = event.kind === 'result' ? resultSourceIds(event.table) : [];
    if (event.kind === 'result') {
      const name = cellName(event.cell);
      if (name !== null) this.idsByCell.set(name.toLowerCase(), ids);
    }
    if (this.selected && !this.selected(event.index)) return;
    for (const id of event.kind === 'chart' ? (this.idsByCell.get(event.cell.chart.source.toLowerCase()) ?? []) : ids) this.used.add(id);
    if (event.kind === 'markdown') {
      this.blocks.push(...markdownBriefingBlocks(parseMarkdown(event.cell.text), this.title));
    } else if (event.kind === 'result') {
      const name = cellName(event.cell) ?? `结果 ${event.index + 1}`;
      if (event.table.numCols > 0) this.blocks.push((event.cell.kind === 'target' ? targetCardBlock : resultTableBlock)(name, event.table, event.rowCount));
    } else {
      const renderer = await this.options.renderer();
      const image = await exportChartImage(renderer, figureForDocument(event.figure), 'png', this.size);
      const chart = event.cell.chart;
      this.blocks.push({
        kind: 'figure',
        caption: (chart.title ?? titleFromFigure(event.figure) ?? cellName(event.cell) ?? '图表') + (chart.subtitle ? `（${chart.subtitle}）` : ''),
        png: image.bytes,
        widthMm: 156,
        heightMm: Math.round((156 * image.heightPx * 10) / image.widthPx) / 10,
        ...(chart.sourceNote ? { sourceNote: sourceLine(chart.sourceNote) } : {}),
      });
    }
  };

  async document(): Promise<BriefingDocument> {
    let sources: string[] = [];
    if (this.used.size > 0) {
      const rows = await this.options.querySources([...this.used]);
      sources = [...new Set((rows ?? []).map(sourceEntry).filter(Boolean))];
    }
    return {
      title: this.title,
      date: this.options.date,
      ...(this.options.issuer ? { issuer: this.options.issuer } : {}),
      blocks: this.blocks,
      sources,
    };
  }
}

/** The briefing as file bytes in the format asked for. */
export async function writeBriefing(document: BriefingDocument, format: BriefingFormat, printer: () => Promise<HtmlPdfPrinter>): Promise<Uint8Array> {
  if (format === 'docx') return writeDocxBriefing(document);
  const html = writeHtmlBriefing(document);
  if (format === 'html') return new TextEncoder().encode(html);
  return (await printer()).printHtml(html);
}

/** SQL for the sources section: the `sources` rows with these ids, oldest first. */
export function sourcesSql(sourceIds: readonly string[]): string {
  return `SELECT source_id, title, issuer, CAST(date AS VARCHAR) AS date FROM sources WHERE source_id IN (${sourceIds.map(quoteLiteral).join(', ')}) ORDER BY date, source_id`;
}

/** The sources section's rows, or null when the workspace has no `sources` table with a `source_id`. */
export async function workspaceSources(exec: ExecSql, sourceIds: readonly string[]): Promise<SourceRows | null> {
  const found = await exec(`SELECT 1 FROM information_schema.columns WHERE column_name = 'source_id' AND table_name = 'sources'`);
  if (found.length === 0) return null;
  return sourceIds.length === 0 ? [] : await exec(sourcesSql(sourceIds));
}
