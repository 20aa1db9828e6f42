import type { Table } from 'apache-arrow';
import { cellNumber, cellPlainText, columnKind, isNumericKind, isYearColumn } from '../arrowCells';
import type { MarkdownBlock, MarkdownInline } from '../notebook/markdown';
import { formatScaled } from '../chart/valueScaling';
import { MAX_BRIEFING_TABLE_ROWS, type BriefingBlock, type BriefingTableColumn, type InlineRun } from './BriefingDocument';
import { isSourceIdColumn } from './briefingSources';

/**
 * Notebook content → briefing blocks: Markdown cells become headings,
 * paragraphs and lists; a result becomes a real table with its unit in the
 * caption. Pure: the caller runs the notebook and renders the charts.
 */

function runs(inlines: readonly MarkdownInline[], style: Omit<InlineRun, 'text'> = {}): InlineRun[][] {
  // A line break inside a paragraph starts a new paragraph: joining lines would run Chinese sentences together.
  const lines: InlineRun[][] = [[]];
  const visit = (items: readonly MarkdownInline[], current: Omit<InlineRun, 'text'>) => {
    for (const item of items) {
      if (item.type === 'text') lines.at(-1)!.push({ text: item.text, ...current });
      else if (item.type === 'code') lines.at(-1)!.push({ text: item.text, ...current, code: true });
      else if (item.type === 'strong') visit(item.children, { ...current, bold: true });
      else if (item.type === 'em') visit(item.children, { ...current, italic: true });
      else if (item.type === 'link') visit(item.children, current);
      else lines.push([]);
    }
  };
  visit(inlines, style);
  return lines.filter((line) => line.some((run) => run.text.trim() !== ''));
}

function plain(inlines: readonly MarkdownInline[]): string {
  return runs(inlines)
    .map((line) => line.map((run) => run.text).join(''))
    .join('');
}

/**
 * Markdown blocks as briefing blocks. `#` → level 1 (黑体), `##` → 2 (楷体),
 * deeper → 3; a level-1 heading repeating the document title is dropped.
 */
export function markdownBriefingBlocks(blocks: readonly MarkdownBlock[], documentTitle: string): BriefingBlock[] {
  const out: BriefingBlock[] = [];
  for (const block of blocks) {
    switch (block.type) {
      case 'heading': {
        const text = plain(block.children);
        if (block.level === 1 && text.trim() === documentTitle.trim()) break;
        out.push({ kind: 'heading', level: block.level === 1 ? 1 : block.level === 2 ? 2 : 3, text });
        break;
      }
      case 'paragraph':
        for (const line of runs(block.children)) out.push({ kind: 'paragraph', runs: line });
        break;
      case 'quote':
        for (const line of runs(block.children, { italic: true })) out.push({ kind: 'paragraph', runs: line });
        break;
      case 'list':
        out.push({ kind: 'list', ordered: block.ordered, items: block.items.map((item) => runs(item).flat()) });
        break;
      case 'code':
        for (const line of block.text.split('\n')) if (line.trim() !== '') out.push({ kind: 'paragraph', runs: [{ text: line, code: true }] });
        break;
      case 'table':
        out.push({
          kind: 'table',
          caption: '',
          columns: block.header.map((cell, index) => ({ name: plain(cell), align: block.align[index] ?? 'left' })),
          rows: block.rows.map((row) => row.map((cell) => plain(cell))),
        });
        break;
      default:
        break;
    }
  }
  return out;
}

const UNIT_COLUMNS = new Set(['单位', 'unit']);

/**
 * A result as a briefing table: numbers grouped with up to two decimals and
 * right-aligned, years as plain labels; a 单位 (unit) column holding a single
 * value is moved into the caption as （单位：亿元）. At most
 * MAX_BRIEFING_TABLE_ROWS rows, with the full count stated.
 */
export function resultTableBlock(caption: string, table: Table, totalRows: number, sourceNote?: string): Extract<BriefingBlock, { kind: 'table' }> {
  const fields = table.schema.fields;
  const rowCount = Math.min(table.numRows, MAX_BRIEFING_TABLE_ROWS);
  let unit: string | undefined;
  const skip = new Set<number>();
  fields.forEach((field, index) => {
    // Source ids feed the sources section; they are no figure to print.
    if (isSourceIdColumn(field.name)) skip.add(index);
    if (!UNIT_COLUMNS.has(field.name.toLowerCase())) return;
    const vector = table.getChildAt(index);
    const values = new Set<string>();
    for (let row = 0; row < rowCount; row++) values.add(cellPlainText(vector?.get(row), field));
    if (values.size === 1) {
      const only = [...values][0]!;
      if (only !== '') unit = only;
      skip.add(index);
    }
  });
  const kept = fields.map((field, index) => ({ field, index })).filter((entry) => !skip.has(entry.index));
  const columns: BriefingTableColumn[] = kept.map(({ field }) => {
    const numeric = isNumericKind(columnKind(field)) && !isYearColumn(field.name);
    return { name: field.name, align: numeric ? 'right' : isYearColumn(field.name) ? 'center' : 'left' };
  });
  const rows: string[][] = [];
  for (let row = 0; row < rowCount; row++) {
    rows.push(
      kept.map(({ field, index }) => {
        const value = table.getChildAt(index)?.get(row);
        if (value === null || value === undefined) return '—';
        if (isNumericKind(columnKind(field)) && !isYearColumn(field.name)) {
          const number = cellNumber(value, field);
          return number === null ? cellPlainText(value, field) : formatScaled(number, 2);
        }
        return cellPlainText(value, field);
      }),
    );
  }
  return {
    kind: 'table',
    caption,
    columns,
    rows,
    ...(unit ? { unit } : {}),
    ...(totalRows > rows.length ? { totalRows } : {}),
    ...(sourceNote ? { sourceNote } : {}),
  };
}

/** One entry of the sources section from a row of the workspace's `sources` table: 发布机构《标题》（2024年2月1日）. */
export function sourceEntry(row: { title?: unknown; issuer?: unknown; date?: unknown; source_id?: unknown }): string {
  const title = typeof row.title === 'string' && row.title ? `《${row.title.replace(/^《|》$/g, '')}》` : '';
  const issuer = typeof row.issuer === 'string' ? row.issuer : '';
  const date = typeof row.date === 'string' ? row.date.slice(0, 10) : '';
  const datePart = /^\d{4}-\d{2}-\d{2}$/.test(date) ? `（${Number(date.slice(0, 4))}年${Number(date.slice(5, 7))}月${Number(date.slice(8, 10))}日）` : date ? `（${date}）` : '';
  const text = `${issuer}${title}${datePart}`;
  return text || String(row.source_id ?? '');
}

const COMPARATOR_WORDS: Record<string, string> = { '>': '超过', '>=': '不少于', '=': '达到', '<': '低于', '<=': '不超过' };
const STATUS_WORDS: Record<string, string> = { actual: '实际', preliminary: '初步', estimate: '估计', derived: '推算' };
const PROJECTION_WORDS: Record<string, string> = { 'on-track': '有望完成', 'at-risk': '存在风险', 'off-track': '难以完成', met: '已完成', missed: '未完成' };

/**
 * A notebook target cell's one-row result as a briefing reads it: a two-column
 * table of what a director asks (the target, the latest actual with its time
 * and status, the projection, the growth still needed, the note and source),
 * every figure with its unit, instead of the result's twenty internal columns.
 * A result without the target columns comes back as an ordinary table.
 */
export function targetCardBlock(caption: string, table: Table, totalRows: number): Extract<BriefingBlock, { kind: 'table' }> {
  const fields = table.schema.fields;
  const value = (name: string): unknown => {
    const index = fields.findIndex((field) => field.name === name);
    return index === -1 ? undefined : table.getChildAt(index)?.get(0);
  };
  const has = (name: string) => fields.some((field) => field.name === name);
  if (table.numRows !== 1 || !has('target_value') || !has('target_unit')) return resultTableBlock(caption, table, totalRows);
  const text = (name: string): string | null => {
    const raw = value(name);
    return raw === null || raw === undefined || String(raw) === '' ? null : String(raw);
  };
  const number = (name: string): number | null => {
    const raw = value(name);
    const parsed = typeof raw === 'bigint' ? Number(raw) : typeof raw === 'number' ? raw : raw === null || raw === undefined ? null : Number(raw);
    return parsed === null || !Number.isFinite(parsed) ? null : parsed;
  };
  const withUnit = (amount: number | null, unit: string | null) => {
    if (amount === null) return null;
    const shown = formatScaled(amount, 2);
    return unit === '%' ? `${shown}%` : unit ? `${shown} ${unit}` : shown;
  };
  const rows: string[][] = [];
  const add = (label: string, content: string | null) => {
    if (content !== null && content !== '') rows.push([label, content]);
  };
  const targetYear = number('target_year');
  const comparator = text('comparator');
  add('目标', `${targetYear === null ? '' : `${targetYear}年`}${comparator ? (COMPARATOR_WORDS[comparator] ?? comparator) : ''} ${withUnit(number('target_value'), text('target_unit')) ?? ''}`.trim());
  const actual = withUnit(number('actual_value'), text('actual_unit'));
  const actualYear = number('actual_year');
  const period = text('actual_period');
  const status = text('actual_status');
  add(
    '最新实际值',
    actual === null
      ? '尚无实际值'
      : `${actual}（${actualYear ?? ''}年${period && period !== 'annual' ? period : ''}${status ? `，${STATUS_WORDS[status] ?? status}` : ''}）`,
  );
  const projected = withUnit(number('projected_value'), text('target_unit'));
  const projectedStatus = text('projected_status');
  if (projected !== null) add('预测', `${projected}（${number('projected_year') ?? targetYear ?? ''}年${projectedStatus ? `，${PROJECTION_WORDS[projectedStatus] ?? projectedStatus}` : ''}）`);
  const growth = number('required_growth');
  if (growth !== null) add('尚需年均增长', `${formatScaled(growth * 100, 1)}%`);
  add('预测说明', text('projection_note'));
  add('说明', text('target_note'));
  add('目标出处', text('target_source'));
  return { kind: 'table', caption, columns: [{ name: '项目', align: 'left' }, { name: '内容', align: 'left' }], rows };
}
