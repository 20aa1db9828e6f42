import { displayWidth } from '../textWidth';

/**
 * Category labels of a bar chart, wrapped onto lines and kept horizontal:
 * Chinese names are read across, not tilted 45°. A line holds up to
 * `maxWidth` display columns (a Chinese character is two); Latin words and
 * numbers (`R&D`, `GDP`, `1-11月`'s digits) are never split.
 */
export function wrapCategoryLabel(label: string, maxWidth: number): string[] {
  // Tokens: a run of Latin letters, digits and their joiners, or a single other character.
  const tokens = label.match(/[A-Za-z0-9&.%+\-_/]+|\s+|./gsu) ?? [];
  const lines: string[] = [];
  let line = '';
  for (const token of tokens) {
    if (/^\s+$/.test(token)) {
      if (line !== '') line += ' ';
      continue;
    }
    if (line !== '' && displayWidth(line.trimEnd() + token) > maxWidth) {
      lines.push(line.trimEnd());
      line = '';
    }
    // Closing brackets and punctuation stay with the text before them.
    if (line === '' && lines.length > 0 && /^[)）、，,。；;：:]$/.test(token)) {
      lines[lines.length - 1] += token;
      continue;
    }
    line += token;
  }
  if (line.trim() !== '') lines.push(line.trimEnd());
  return lines;
}

/** Reference plot width in CSS pixels: a chart in a Word page's 156 mm text block (chartExportSize) less its margins. */
export const REFERENCE_PLOT_WIDTH = 536;

/**
 * How many display columns a category label may take per line when `count`
 * categories share the plot's width at a font of `fontPx` (a display column
 * is half a Chinese character, about 0.5 em). At least four (two characters), at most 20.
 */
export function categoryLineWidth(count: number, fontPx = 14, plotWidth = REFERENCE_PLOT_WIDTH): number {
  return Math.max(MIN_LINE_COLUMNS, Math.min(20, columnsPerCategory(count, fontPx, plotWidth)));
}

/** The display columns each of `count` categories has, 90 % of its share of the plot (a column is half an em). */
function columnsPerCategory(count: number, fontPx: number, plotWidth: number): number {
  return Math.floor(((plotWidth / Math.max(1, count)) * 0.9) / (fontPx / 2));
}

/** The narrowest line a category label gets: two Chinese characters. */
const MIN_LINE_COLUMNS = 4;
/** How many labels an axis shows when not every category fits: each then gets four Chinese characters a line. */
const THINNED_TICKS = 8;

/**
 * Which categories get a tick label, and their wrapped text. Every category,
 * as long as each label still gets `MIN_LINE_COLUMNS` (17 at the reference
 * width); beyond that every k-th category from the first, about
 * `THINNED_TICKS` of them, each with room to be read. Labels for all of 300
 * or 10,000 categories overlap into one black band (and made a 10,000-bar
 * figure 1.9 MB, mostly tick text).
 */
export function categoryTicks(categories: readonly string[], fontPx = 14, plotWidth = REFERENCE_PLOT_WIDTH): { tickvals: string[]; lines: string[][] } {
  const fits = columnsPerCategory(categories.length, fontPx, plotWidth) >= MIN_LINE_COLUMNS;
  const stride = fits ? 1 : Math.ceil(categories.length / THINNED_TICKS);
  const tickvals = categories.filter((_label, index) => index % stride === 0);
  const width = categoryLineWidth(tickvals.length, fontPx, plotWidth);
  return { tickvals, lines: tickvals.map((label) => clippedLines(wrapCategoryLabel(label, width), width)) };
}

/**
 * Reference plot height in CSS pixels: a chart in a Word page (156 × 96 mm,
 * about 394 CSS pixels tall) less its title (52) and, below the plot, the
 * value axis and a two-line source line (95).
 */
export const REFERENCE_PLOT_HEIGHT = 250;
/**
 * Display columns a row label of horizontal bars may take per line: twelve
 * Chinese characters (新增宁波市级以上研发机构), about a third of a Word
 * page's plot; and its most lines.
 */
export const ROW_LABEL_COLUMNS = 24;
const ROW_LABEL_MAX_LINES = 2;
/** A row holds a second line of its label only with room to spare: two lines in a row just two lines tall touch the next row's. */
const TWO_LINE_ROW = 2.2;

/**
 * Tick labels of horizontal bars, one row per category: each label gets
 * `ROW_LABEL_COLUMNS` a line, two lines when its row is tall enough
 * (`TWO_LINE_ROW`), then '…' (the whole name is in the hover text). The
 * plot holds one line of label per `fontPx × 1.2`; beyond that many rows,
 * every k-th category is labelled, so labels are never closer than a line.
 */
export function rowCategoryTicks(categories: readonly string[], fontPx = 14, plotHeight = REFERENCE_PLOT_HEIGHT): { tickvals: string[]; lines: string[][] } {
  const linePx = fontPx * 1.2;
  const capacity = Math.max(1, Math.floor(plotHeight / linePx));
  const stride = Math.ceil(categories.length / capacity);
  const rowLines = plotHeight / Math.max(1, categories.length) / linePx;
  const maxLines = rowLines >= TWO_LINE_ROW ? ROW_LABEL_MAX_LINES : 1;
  const tickvals = categories.filter((_label, index) => index % stride === 0);
  return { tickvals, lines: tickvals.map((label) => clippedLines(wrapCategoryLabel(label, ROW_LABEL_COLUMNS), ROW_LABEL_COLUMNS, maxLines)) };
}

/**
 * Whether names read better as rows of horizontal bars than under columns:
 * some name that would get a label would take more than two lines under its
 * column at the reference width (ten long Chinese names get three characters
 * a line there). Beyond 17 names only every k-th is labelled, and only those are read.
 */
export function namesWantRows(categories: readonly string[], fontPx = 14, plotWidth = REFERENCE_PLOT_WIDTH): boolean {
  const { lines } = categoryTicks(categories, fontPx, plotWidth);
  return lines.some((label) => label.length > 2);
}

/**
 * The most lines a category label takes. A longer name (a firm's full
 * registered name, a sentence pasted as a label) ends its last line with
 * '…' instead of pushing the plot into a strip above thirty lines of text;
 * the whole name is in the bar's hover text and in the data.
 */
export const MAX_LABEL_LINES = 6;

/** At most `max` of the wrapped `lines`, the last ending with '…' when some were cut, no wider than `width`. */
export function clippedLines(lines: string[], width: number, max = MAX_LABEL_LINES): string[] {
  if (lines.length <= max) return lines;
  const kept = lines.slice(0, max);
  let last = kept[max - 1]!;
  while (last !== '' && displayWidth(last + '…') > width) last = [...last].slice(0, -1).join('');
  kept[max - 1] = last + '…';
  return kept;
}
