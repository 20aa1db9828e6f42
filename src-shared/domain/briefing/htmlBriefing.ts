import { chineseDate, numberedLabels, type BriefingBlock, type BriefingDocument, type InlineRun } from './BriefingDocument';
import { keepNumberWithUnit, tableColumnWidths } from './tableColumnWidths';

/** Display columns across the 156 mm text width at 10.5 pt (one column is half a Chinese character): the Word briefing's room. */
const TABLE_ROOM = Math.floor(156 / ((10.5 * 25.4) / 72 / 2));

/**
 * The briefing as one self-contained HTML file (images inlined as data
 * URIs, no external resources), for reading in a browser, for email, and as
 * the source Chromium prints to PDF. All text is escaped: nothing from a
 * notebook becomes markup.
 */

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[char]!);
}

function base64(bytes: Uint8Array): string {
  let binary = '';
  for (let index = 0; index < bytes.length; index += 0x8000) binary += String.fromCharCode(...bytes.subarray(index, index + 0x8000));
  return btoa(binary);
}

function inline(runs: readonly InlineRun[]): string {
  return runs
    .map((run) => {
      let html = escapeHtml(run.text);
      if (run.code) html = `<code>${html}</code>`;
      if (run.italic) html = `<em>${html}</em>`;
      if (run.bold) html = `<strong>${html}</strong>`;
      return html;
    })
    .join('');
}

const STYLE = `
@page { size: A4; margin: 37mm 26mm 35mm 28mm; }
body { font-family: "FangSong", "仿宋", "Noto Serif CJK SC", "Noto Sans SC", serif; font-size: 16pt; line-height: 28pt; color: #000; max-width: 156mm; margin: 24px auto; }
h1.title { font-family: "SimSun", "宋体", "Noto Serif CJK SC", serif; font-size: 22pt; line-height: 1.6; text-align: center; margin: 0 0 12pt; }
p.subtitle { font-family: "KaiTi", "楷体", "Noto Serif CJK SC", serif; text-align: center; margin: 0; }
p.byline { text-align: center; font-size: 12pt; margin: 6pt 0 18pt; }
h2 { font-family: "SimHei", "黑体", "Noto Sans CJK SC", "Noto Sans SC", sans-serif; font-size: 16pt; font-weight: normal; margin: 8pt 0 0; text-indent: 2em; }
h3 { font-family: "KaiTi", "楷体", "Noto Serif CJK SC", serif; font-size: 16pt; font-weight: normal; margin: 0; text-indent: 2em; }
h4 { font-size: 16pt; margin: 0; text-indent: 2em; }
p.body { text-indent: 2em; margin: 0; text-align: justify; }
ol, ul { margin: 0 0 0 2em; }
figure { margin: 12pt 0; text-align: center; break-inside: avoid; }
figure img { max-width: 100%; height: auto; }
figcaption, .table-caption { font-family: "SimHei", "黑体", "Noto Sans CJK SC", "Noto Sans SC", sans-serif; font-size: 12pt; line-height: 1.5; text-align: center; }
.note { font-size: 10.5pt; line-height: 1.5; color: #333; text-align: left; text-indent: 0; margin: 2pt 0 8pt; }
table { border-collapse: collapse; table-layout: fixed; width: 100%; font-size: 10.5pt; line-height: 1.5; margin: 4pt 0; }
th, td { border: 1px solid #000; padding: 2pt 4pt; }
th { background: #e7ebf0; font-family: "SimHei", "黑体", "Noto Sans CJK SC", sans-serif; font-weight: normal; }
td.right { text-align: right; font-variant-numeric: tabular-nums; }
td.center { text-align: center; }
thead { display: table-header-group; }
tr { break-inside: avoid; }
.sources { font-size: 12pt; line-height: 1.6; }
`;

function block(item: BriefingBlock, label: string | undefined): string {
  switch (item.kind) {
    case 'heading':
      return `<h${item.level + 1}>${escapeHtml(item.text)}</h${item.level + 1}>`;
    case 'paragraph':
      return `<p class="body">${inline(item.runs)}</p>`;
    case 'list': {
      const tag = item.ordered ? 'ol' : 'ul';
      return `<${tag}>${item.items.map((entry) => `<li>${inline(entry)}</li>`).join('')}</${tag}>`;
    }
    case 'figure': {
      const caption = `${label} ${item.caption}`;
      return (
        `<figure><img src="data:image/png;base64,${base64(item.png)}" alt="${escapeHtml(caption)}" style="width:${item.widthMm}mm"/>` +
        `<figcaption>${escapeHtml(caption)}</figcaption>${item.sourceNote ? `<p class="note">${escapeHtml(item.sourceNote)}</p>` : ''}</figure>`
      );
    }
    case 'table': {
      const title = item.unit ? `${label} ${item.caption}（单位：${item.unit}）` : `${label} ${item.caption}`;
      // The same column widths as the Word briefing: an id, a number with its unit or a short phrase is never broken.
      const widths = tableColumnWidths(item.columns.map((column) => column.name), item.rows, TABLE_ROOM);
      const cols = widths.map((width) => `<col style="width:${((100 * width) / TABLE_ROOM).toFixed(2)}%"/>`).join('');
      const head = item.columns.map((column) => `<th>${escapeHtml(column.name)}</th>`).join('');
      const rows = item.rows
        .map((row) => `<tr>${item.columns.map((column, index) => `<td class="${column.align}">${escapeHtml(keepNumberWithUnit(row[index] ?? ''))}</td>`).join('')}</tr>`)
        .join('');
      const notes: string[] = [];
      if (item.totalRows !== undefined && item.totalRows > item.rows.length) notes.push(`注：仅列出前 ${item.rows.length} 行，共 ${item.totalRows.toLocaleString('en-US')} 行。`);
      if (item.sourceNote) notes.push(item.sourceNote);
      return (
        `<div class="table-caption">${escapeHtml(title)}</div><table><colgroup>${cols}</colgroup><thead><tr>${head}</tr></thead><tbody>${rows}</tbody></table>` +
        (notes.length > 0 ? `<p class="note">${escapeHtml(notes.join(' '))}</p>` : '')
      );
    }
  }
}

export function writeHtmlBriefing(document: BriefingDocument): string {
  const labels = numberedLabels(document.blocks);
  const byline = [document.issuer, chineseDate(document.date)].filter(Boolean).join('　');
  const parts = [
    '<!doctype html>',
    '<html lang="zh-CN"><head><meta charset="utf-8"/>',
    // Self-contained: nothing may be loaded from anywhere.
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; img-src data:; style-src 'unsafe-inline'"/>`,
    `<title>${escapeHtml(document.title)}</title><style>${STYLE}</style></head><body>`,
    `<h1 class="title">${escapeHtml(document.title)}</h1>`,
    document.subtitle ? `<p class="subtitle">${escapeHtml(document.subtitle)}</p>` : '',
    `<p class="byline">${escapeHtml(byline)}</p>`,
    ...document.blocks.map((item) => block(item, labels.get(item))),
  ];
  if (document.sources.length > 0) {
    parts.push('<h2>数据来源</h2><ol class="sources">', ...document.sources.map((source) => `<li>${escapeHtml(source)}</li>`), '</ol>');
  }
  parts.push('</body></html>\n');
  return parts.join('\n');
}
