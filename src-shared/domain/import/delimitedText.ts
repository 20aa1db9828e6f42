/**
 * Reading delimited text (CSV, TSV) held in memory, as Excel does: RFC 4180
 * quoting with doubled quotes, CRLF or LF line ends (read by
 * `csv/delimitedReader`). Used for previews and for sniffing the dialect; big files are read by DuckDB itself.
 */
import { readDelimited, type DelimitedRows } from '../csv/delimitedReader';

export type Delimiter = ',' | '\t' | ';' | '|';
export const DELIMITERS: readonly Delimiter[] = [',', '\t', ';', '|'];

export type ParsedRows = Omit<DelimitedRows, 'problem'>;

/**
 * Splits text into rows of fields (the lenient dialect of
 * `csv/delimitedReader`). When `complete` is false the text is a sample cut
 * at an arbitrary point and its last, possibly partial, row is dropped.
 */
export function parseDelimited(text: string, delimiter: Delimiter, complete: boolean, maxRows = Number.POSITIVE_INFINITY): ParsedRows {
  const { rows, lines, openQuote } = readDelimited(text, { delimiter, complete, maxRows });
  return { rows, lines, openQuote };
}

/**
 * Picks the delimiter whose field counts are most consistent over the
 * sample's rows (and more than one field); a comma when nothing fits.
 */
export function sniffDelimiter(text: string): Delimiter {
  const sample = text.slice(0, 65536);
  let best: { delimiter: Delimiter; score: number } = { delimiter: ',', score: 0 };
  for (const delimiter of DELIMITERS) {
    const { rows } = parseDelimited(sample, delimiter, false, 200);
    const counts = rows.filter((row) => row.some((field) => field.trim() !== '')).map((row) => row.length);
    if (counts.length === 0) continue;
    const tally = new Map<number, number>();
    for (const count of counts) tally.set(count, (tally.get(count) ?? 0) + 1);
    let modeCount = 0;
    let mode = 1;
    for (const [count, times] of tally) {
      if (times > modeCount || (times === modeCount && count > mode)) {
        modeCount = times;
        mode = count;
      }
    }
    if (mode < 2) continue;
    // Consistency first, then width: a title line or footnote does not spoil a delimiter.
    const score = (modeCount / counts.length) * 1000 + Math.min(mode, 100);
    if (score > best.score) best = { delimiter, score };
  }
  return best.delimiter;
}

/** Human name of a delimiter for messages and the UI. */
export function delimiterName(delimiter: Delimiter): string {
  return delimiter === '\t' ? 'Tab' : delimiter;
}
