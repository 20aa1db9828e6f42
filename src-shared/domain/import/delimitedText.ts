/**
 * Reading delimited text (CSV, TSV) held in memory, as Excel does: RFC 4180
 * quoting with doubled quotes, CRLF or LF line ends. Used for previews and
 * for sniffing the dialect; big files are read by DuckDB itself.
 */

export type Delimiter = ',' | '\t' | ';' | '|';
export const DELIMITERS: readonly Delimiter[] = [',', '\t', ';', '|'];

export interface ParsedRows {
  rows: string[][];
  /** 1-based line on which each row starts. */
  lines: number[];
  /** The text ended inside a quoted field (a cut sample, or a damaged file). */
  openQuote: boolean;
}

/**
 * Splits text into rows of fields. When `complete` is false the text is a
 * sample cut at an arbitrary point and its last, possibly partial, row is dropped.
 */
export function parseDelimited(text: string, delimiter: Delimiter, complete: boolean, maxRows = Number.POSITIVE_INFINITY): ParsedRows {
  const rows: string[][] = [];
  const lines: number[] = [];
  let field = '';
  let row: string[] = [];
  let line = 1;
  let rowLine = 1;
  let inQuotes = false;
  let fieldStarted = false;
  let index = 0;
  const length = text.length;
  const endRow = () => {
    row.push(field);
    rows.push(row);
    lines.push(rowLine);
    row = [];
    field = '';
    fieldStarted = false;
  };
  while (index < length && rows.length < maxRows) {
    const char = text[index]!;
    if (inQuotes) {
      if (char === '"') {
        if (text[index + 1] === '"') {
          field += '"';
          index += 2;
          continue;
        }
        inQuotes = false;
        index += 1;
        continue;
      }
      if (char === '\n') line += 1;
      field += char;
      index += 1;
      continue;
    }
    // A quote opens a quoted field at the field's start, or after one space there (`a, "b"`), as DuckDB reads it.
    if (char === '"' && (!fieldStarted || field === ' ')) {
      inQuotes = true;
      fieldStarted = true;
      field = '';
      index += 1;
      continue;
    }
    if (char === delimiter) {
      row.push(field);
      field = '';
      fieldStarted = false;
      index += 1;
      continue;
    }
    if (char === '\r' || char === '\n') {
      endRow();
      if (char === '\r' && text[index + 1] === '\n') index += 1;
      index += 1;
      line += 1;
      rowLine = line;
      continue;
    }
    field += char;
    fieldStarted = true;
    index += 1;
  }
  const openQuote = inQuotes;
  if (complete && rows.length < maxRows && (field !== '' || row.length > 0 || fieldStarted)) endRow();
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
