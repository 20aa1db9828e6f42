/**
 * Numbers as statistical tables write them: `1,234.5`, full-width
 * `１２３．４`, `6.40%`, `(1,200)` for negatives, and `—`, `/`, `空白` for
 * missing values.
 */

export type ParsedCell =
  | { kind: 'missing' }
  | { kind: 'number'; value: number; percent: boolean }
  | { kind: 'text'; text: string };

/** Texts that mean "no value" in Chinese statistical tables (compared after trimming and width-folding). */
export const MISSING_MARKERS: readonly string[] = ['', '—', '——', '–', '-', '--', '－', '/', '／', '…', '...', '……', '空白', '空', '无数据', 'N/A', 'n/a', 'NA', '#N/A', 'null', 'NULL'];
const missing = new Set(MISSING_MARKERS);

/** Full-width digits and signs and what they fold to; the import's SQL folds with the same table (`translate`). */
export const WIDTH_FOLDS: Readonly<Record<string, string>> = {
  ...Object.fromEntries(Array.from({ length: 10 }, (_, digit) => [String.fromCharCode(0xff10 + digit), String(digit)])),
  '\uff0e': '.',
  '\uff0c': ',',
  '\uff05': '%',
  '\uff0b': '+',
  '\uff0d': '-',
  '\u2212': '-',
  '\uff08': '(',
  '\uff09': ')',
  '\uffe5': '¥',
  '\u3000': ' ',
};
/** The characters JavaScript's `\s` matches besides the ASCII space, so SQL can fold them to spaces as the JS readers do. */
export const OTHER_SPACES = '\t\n\v\f\r\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000\ufeff';
const FULL_WIDTH = new RegExp(`[${Object.keys(WIDTH_FOLDS).join('')}]`, 'g');

/** Full-width digits and signs to ASCII. */
export function foldWidth(text: string): string {
  return text.replace(FULL_WIDTH, (char) => WIDTH_FOLDS[char]!);
}

/** A cell's text as the readers compare it: width folded, each run of spaces one space, trimmed. */
export function foldCellText(text: string): string {
  return foldWidth(text).replace(/[\s\u00a0]+/g, ' ').trim();
}

const PLAIN = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;
/** Thousands separators in threes only (`1,234.5`, not `1,2345`), RE2 and JavaScript alike: the import's SQL checks the same. */
export const GROUPED_NUMBER_PATTERN = '^[+-]?\\d{1,3}(?:,\\d{3})+(?:\\.\\d*)?$';
const GROUPED = new RegExp(GROUPED_NUMBER_PATTERN);

/** Whether a text is one of the missing-value markers. */
export function isMissingText(text: string): boolean {
  return missing.has(foldWidth(text).replace(/\s+/g, ' ').trim());
}

/**
 * Reads a text cell: a number (thousands separators, full-width digits,
 * percent sign, accounting parentheses, a leading ¥), a missing marker, or
 * plain text. A percent is returned in percentage points: `6.40%` is 6.4
 * with `percent: true`.
 */
export function parseNumberText(raw: string): ParsedCell {
  let text = foldCellText(raw);
  if (missing.has(text)) return { kind: 'missing' };
  let negative = false;
  if (/^\(.*\)$/.test(text)) {
    negative = true;
    text = text.slice(1, -1).trim();
  }
  text = text.replace(/^[¥$]\s?/, '');
  let percent = false;
  if (text.endsWith('%')) {
    percent = true;
    text = text.slice(0, -1).trim();
  }
  text = text.replace(/ /g, '');
  let numeric: string | null = null;
  if (PLAIN.test(text)) numeric = text;
  else if (GROUPED.test(text)) numeric = text.replaceAll(',', '');
  if (numeric === null || (negative && /^[+-]/.test(numeric))) return { kind: 'text', text: raw };
  const value = Number(numeric);
  if (!Number.isFinite(value)) return { kind: 'text', text: raw };
  return { kind: 'number', value: negative ? -value : value, percent };
}

/** A number from Excel's binary value, shown with a percent format: 0.064 as 6.4 (percentage points). */
export function percentPoints(fraction: number): number {
  return Number((fraction * 100).toPrecision(15));
}

/**
 * A number a planner types into a form field whose unit is `unit`, read by
 * the same rule as pasted and imported cells (`parseNumberText`: 1,234.5,
 * full-width digits, (1,200) for a negative); a percent sign only where the
 * unit is %. Null for anything else, a missing marker included: a form asks
 * for a figure.
 */
export function readTypedNumber(text: string, unit: string): number | null {
  const parsed = parseNumberText(text);
  if (parsed.kind !== 'number') return null;
  if (parsed.percent && unit !== '%') return null;
  return parsed.value;
}
