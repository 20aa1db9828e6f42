import { displayWidth } from '../textWidth';

/** Display columns (half a Chinese character) of cell padding on top of the text. */
const PADDING = 2;

/**
 * Column widths of a briefing table sized to their content, as a browser lays
 * out an automatic table. Each column wants its longest line (`max`) and needs
 * at least its longest unbreakable word (`min`: a number, a Latin word or id,
 * two Chinese characters; a header may wrap onto two lines). The table fills
 * `room`: when every column fits at `max` the spare room is shared in
 * proportion to `max`; when not, each column gets its `min` plus a share of
 * what is left in proportion to how much more it wants; when even the `min`s
 * do not fit, they are scaled down. Widths are in display columns (a Chinese
 * character is two) and add up to `room`.
 */
export function tableColumnWidths(header: readonly string[], rows: readonly (readonly string[])[], room: number): number[] {
  if (header.length === 0) return [];
  const wants = header.map((name, column) => {
    let min = Math.max(4, longestWord(name), Math.ceil(displayWidth(name) / 2));
    let max = displayWidth(name);
    for (const row of rows) {
      const text = row[column] ?? '';
      min = Math.max(min, longestWord(text), shortPhrase(text));
      for (const line of text.split('\n')) max = Math.max(max, displayWidth(line));
    }
    return { min: min + PADDING, max: Math.max(min, max) + PADDING };
  });
  const sumMin = wants.reduce((sum, want) => sum + want.min, 0);
  const sumMax = wants.reduce((sum, want) => sum + want.max, 0);
  if (sumMax <= room) return wants.map((want) => want.max + ((room - sumMax) * want.max) / sumMax);
  if (sumMin >= room) return wants.map((want) => (want.min * room) / sumMin);
  const share = (room - sumMin) / (sumMax - sumMin);
  return wants.map((want) => want.min + (want.max - want.min) * share);
}

/** A number with the unit after it (`1,000 家`, `98.65 亿元`): kept on one line by `keepNumberWithUnit`. */
const NUMBER_WITH_UNIT = /[A-Za-z0-9.,%+\-_/&:]+(?:[ \u00a0]?(?:百万元|亿元|万元|千元|元|台套|家|个|项|人|件|次))?/g;

/** A short phrase (up to five Chinese characters, no spaces: 尚无实际值, 已达到) is read as one word: it never wraps. */
const SHORT_PHRASE_WIDTH = 10;

/** A cell's short phrase kept whole (headers may still wrap onto two lines). */
function shortPhrase(text: string): number {
  let widest = 0;
  for (const line of text.split('\n')) {
    const width = displayWidth(line);
    if (width <= SHORT_PHRASE_WIDTH && !/\s/.test(line)) widest = Math.max(widest, width);
  }
  return widest;
}

/** The widest piece of text that cannot break across lines: a Latin word, an id, or a number with its unit. */
function longestWord(text: string): number {
  let longest = 0;
  for (const word of text.match(NUMBER_WITH_UNIT) ?? []) longest = Math.max(longest, displayWidth(word));
  return longest;
}

/** The space between a number and its unit made non-breaking, so `320 家` never ends one line and starts the next. */
export function keepNumberWithUnit(text: string): string {
  return text.replace(/(\d) (?=百万元|亿元|万元|千元|元|台套|家|个|项|人|件|次)/g, '$1\u00a0');
}
