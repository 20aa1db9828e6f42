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
