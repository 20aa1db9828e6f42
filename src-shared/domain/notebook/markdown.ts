/**
 * A small Markdown reader for notebook text cells: headings, paragraphs,
 * lists, quotes, code, rules, tables, **bold**, *italic*, `code` and links.
 * It produces a tree of plain data that the UI turns into elements; raw
 * HTML is never interpreted (it stays visible text), so a notebook from
 * someone else cannot inject markup or scripts. Single line breaks are kept
 * as breaks: joining lines with spaces would put spaces between Chinese
 * characters.
 */

export type MarkdownInline =
  | { type: 'text'; text: string }
  | { type: 'strong'; children: MarkdownInline[] }
  | { type: 'em'; children: MarkdownInline[] }
  | { type: 'code'; text: string }
  | { type: 'link'; children: MarkdownInline[]; href: string }
  | { type: 'break' };

export type MarkdownBlock =
  | { type: 'heading'; level: 1 | 2 | 3 | 4 | 5 | 6; children: MarkdownInline[] }
  | { type: 'paragraph'; children: MarkdownInline[] }
  | { type: 'list'; ordered: boolean; start: number; items: MarkdownInline[][] }
  | { type: 'quote'; children: MarkdownInline[] }
  | { type: 'code'; language: string; text: string }
  | { type: 'rule' }
  | { type: 'table'; align: ('left' | 'center' | 'right' | null)[]; header: MarkdownInline[][]; rows: MarkdownInline[][][] };

const HEADING = /^(#{1,6})\s+(.*?)\s*#*\s*$/;
const BULLET = /^\s{0,3}[-*+]\s+(.*)$/;
const ORDERED = /^\s{0,3}(\d{1,9})[.)]\s+(.*)$/;
const QUOTE = /^\s{0,3}>\s?(.*)$/;
const FENCE = /^\s{0,3}(`{3,}|~{3,})\s*([^`\s]*)/;
const RULE = /^\s{0,3}([-*_])(\s*\1){2,}\s*$/;
const TABLE_DIVIDER = /^\s*\|?\s*:?-{1,}:?\s*(\|\s*:?-{1,}:?\s*)*\|?\s*$/;

function splitRow(line: string): string[] {
  let text = line.trim();
  if (text.startsWith('|')) text = text.slice(1);
  if (text.endsWith('|') && !text.endsWith('\\|')) text = text.slice(0, -1);
  const cells: string[] = [];
  let current = '';
  for (let index = 0; index < text.length; index++) {
    if (text[index] === '\\' && text[index + 1] === '|') {
      current += '|';
      index += 1;
    } else if (text[index] === '|') {
      cells.push(current.trim());
      current = '';
    } else {
      current += text[index];
    }
  }
  cells.push(current.trim());
  return cells;
}

export function parseMarkdown(source: string): MarkdownBlock[] {
  const lines = source.replaceAll('\r\n', '\n').split('\n');
  const blocks: MarkdownBlock[] = [];
  let index = 0;
  const isBlockStart = (line: string) =>
    HEADING.test(line) || BULLET.test(line) || ORDERED.test(line) || QUOTE.test(line) || FENCE.test(line) || RULE.test(line);

  while (index < lines.length) {
    const line = lines[index]!;
    if (line.trim() === '') {
      index += 1;
      continue;
    }
    const fence = FENCE.exec(line);
    if (fence) {
      const marker = fence[1]!;
      const body: string[] = [];
      index += 1;
      while (index < lines.length && !lines[index]!.trim().startsWith(marker)) body.push(lines[index++]!);
      index += 1;
      blocks.push({ type: 'code', language: fence[2] ?? '', text: body.join('\n') });
      continue;
    }
    const heading = HEADING.exec(line);
    if (heading) {
      blocks.push({ type: 'heading', level: heading[1]!.length as 1 | 2 | 3 | 4 | 5 | 6, children: parseInline(heading[2]!) });
      index += 1;
      continue;
    }
    if (RULE.test(line)) {
      blocks.push({ type: 'rule' });
      index += 1;
      continue;
    }
    if (line.includes('|') && index + 1 < lines.length && TABLE_DIVIDER.test(lines[index + 1]!) && lines[index + 1]!.includes('-')) {
      const header = splitRow(line);
      const align = splitRow(lines[index + 1]!).map((cell) => {
        const left = cell.startsWith(':');
        const right = cell.endsWith(':');
        return left && right ? 'center' : right ? 'right' : left ? 'left' : null;
      });
      const rows: MarkdownInline[][][] = [];
      index += 2;
      while (index < lines.length && lines[index]!.includes('|') && lines[index]!.trim() !== '') {
        rows.push(splitRow(lines[index]!).map(parseInline));
        index += 1;
      }
      blocks.push({ type: 'table', align, header: header.map(parseInline), rows });
      continue;
    }
    const bullet = BULLET.exec(line);
    const ordered = ORDERED.exec(line);
    if (bullet || ordered) {
      const pattern = bullet ? BULLET : ORDERED;
      const items: string[] = [];
      while (index < lines.length && lines[index]!.trim() !== '') {
        const match = pattern.exec(lines[index]!);
        if (match) items.push(bullet ? match[1]! : match[2]!);
        else if (isBlockStart(lines[index]!)) break;
        else items[items.length - 1] += `\n${lines[index]!.trim()}`;
        index += 1;
      }
      blocks.push({ type: 'list', ordered: !bullet, start: ordered ? Number(ordered[1]) : 1, items: items.map(parseInline) });
      continue;
    }
    if (QUOTE.test(line)) {
      const quoted: string[] = [];
      while (index < lines.length && QUOTE.test(lines[index]!)) quoted.push(QUOTE.exec(lines[index++]!)![1]!);
      blocks.push({ type: 'quote', children: parseInline(quoted.join('\n')) });
      continue;
    }
    const paragraph: string[] = [];
    while (index < lines.length && lines[index]!.trim() !== '' && !isBlockStart(lines[index]!)) paragraph.push(lines[index++]!.trim());
    blocks.push({ type: 'paragraph', children: parseInline(paragraph.join('\n')) });
  }
  return blocks;
}

/** Inline markup: `code` first (its content is literal), then links, then ** and * / _ emphasis. */
export function parseInline(text: string): MarkdownInline[] {
  const out: MarkdownInline[] = [];
  let plain = '';
  const flush = () => {
    if (plain) {
      const pieces = plain.split('\n');
      pieces.forEach((piece, index) => {
        if (index > 0) out.push({ type: 'break' });
        if (piece) out.push({ type: 'text', text: piece });
      });
    }
    plain = '';
  };
  let index = 0;
  while (index < text.length) {
    const char = text[index]!;
    if (char === '\\' && index + 1 < text.length && /[\\`*_[\]()#+\-.!|>~]/.test(text[index + 1]!)) {
      plain += text[index + 1];
      index += 2;
      continue;
    }
    if (char === '`') {
      const run = /^`+/.exec(text.slice(index))![0];
      const close = text.indexOf(run, index + run.length);
      if (close !== -1) {
        flush();
        out.push({ type: 'code', text: text.slice(index + run.length, close).replace(/^ (.*) $/, '$1') });
        index = close + run.length;
        continue;
      }
    }
    if (char === '[') {
      const link = /^\[([^\]\n]+)\]\(([^)\s]+)\)/.exec(text.slice(index));
      if (link) {
        flush();
        out.push({ type: 'link', children: parseInline(link[1]!), href: link[2]! });
        index += link[0].length;
        continue;
      }
    }
    if ((char === '*' || char === '_') && text[index + 1] === char) {
      const marker = char + char;
      const close = text.indexOf(marker, index + 2);
      if (close > index + 2) {
        flush();
        out.push({ type: 'strong', children: parseInline(text.slice(index + 2, close)) });
        index = close + 2;
        continue;
      }
    }
    if (char === '*' || (char === '_' && !/[\p{L}\p{N}]/u.test(text[index - 1] ?? ' '))) {
      const close = text.indexOf(char, index + 1);
      if (close > index + 1 && text[index + 1] !== ' ' && text[close + 1] !== char) {
        flush();
        out.push({ type: 'em', children: parseInline(text.slice(index + 1, close)) });
        index = close + 1;
        continue;
      }
    }
    plain += char;
    index += 1;
  }
  flush();
  return out;
}
