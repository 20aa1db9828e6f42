/**
 * The one reader of delimited text (CSV, TSV) held in memory: RFC 4180
 * quoting with doubled quotes, CRLF, LF or CR line ends, a delimiter of the
 * caller's choice, a leading UTF-8 BOM dropped. The bundled dataset files,
 * import previews and the history grid's paste all read through it; big files
 * are read by DuckDB itself (see `import/csvRecords.ts` for where their
 * records end).
 *
 * Two dialects:
 * - lenient (default), as Excel and DuckDB read: a quote opens a quoted field
 *   at the field's start or after one space there (`a, "b"`), a quote
 *   anywhere else is an ordinary character (`15.6" 屏幕`);
 * - strict, for files the project writes itself: a quote in an unquoted field
 *   or a character after a closing quote is a problem, reported with the line.
 */

export interface DelimitedReadOptions {
  /** Field separator, one character; a comma unless given. */
  delimiter?: string;
  /** False when the text is a sample cut at an arbitrary point: its last, possibly partial, row is dropped. */
  complete?: boolean;
  /** Stop after this many rows. */
  maxRows?: number;
  /** Report malformed quoting instead of reading it leniently. */
  strict?: boolean;
  /** Leave out empty lines (a row of one empty, unquoted field). */
  skipBlankLines?: boolean;
}

export type DelimitedProblemCode = 'unclosed-quote' | 'quote-in-unquoted-field' | 'text-after-closing-quote';

export interface DelimitedProblem {
  code: DelimitedProblemCode;
  /** 1-based line the problem is on (for an unclosed quote, the line its row starts on). */
  line: number;
  /** The offending character, for `text-after-closing-quote`. */
  character?: string;
}

export interface DelimitedRows {
  rows: string[][];
  /** 1-based line on which each row starts. */
  lines: number[];
  /** The text ended inside a quoted field (a cut sample, or a damaged file). */
  openQuote: boolean;
  /** In strict mode, the first problem met; reading stops there. */
  problem: DelimitedProblem | null;
}

export function readDelimited(text: string, options: DelimitedReadOptions = {}): DelimitedRows {
  const delimiter = options.delimiter ?? ',';
  const complete = options.complete ?? true;
  const maxRows = options.maxRows ?? Number.POSITIVE_INFINITY;
  const strict = options.strict ?? false;
  const source = text.startsWith('\uFEFF') ? text.slice(1) : text;
  const length = source.length;
  const rows: string[][] = [];
  const lines: number[] = [];
  let row: string[] = [];
  let field = '';
  let fieldStarted = false;
  let fieldQuoted = false;
  let inQuotes = false;
  let line = 1;
  let rowLine = 1;
  let index = 0;
  const result = (problem: DelimitedProblem | null): DelimitedRows => ({ rows, lines, openQuote: inQuotes, problem });
  const endField = () => {
    row.push(field);
    field = '';
    fieldStarted = false;
    fieldQuoted = false;
  };
  const endRow = () => {
    const blank = row.length === 0 && field === '' && !fieldQuoted;
    endField();
    if (!(blank && options.skipBlankLines)) {
      rows.push(row);
      lines.push(rowLine);
    }
    row = [];
  };

  while (index < length && rows.length < maxRows) {
    const char = source[index]!;
    if (inQuotes) {
      if (char === '"' && source[index + 1] === '"') {
        field += '"';
        index += 2;
        continue;
      }
      if (char === '"') {
        inQuotes = false;
        index += 1;
        const next = source[index];
        if (strict && next !== undefined && next !== delimiter && next !== '\n' && next !== '\r') {
          return result({ code: 'text-after-closing-quote', line, character: next });
        }
        continue;
      }
      if (char === '\n') line += 1;
      field += char;
      index += 1;
      continue;
    }
    if (char === '"') {
      const opens = strict ? !fieldStarted : !fieldStarted || field === ' ';
      if (opens) {
        inQuotes = true;
        fieldStarted = true;
        fieldQuoted = true;
        field = '';
        index += 1;
        continue;
      }
      if (strict) return result({ code: 'quote-in-unquoted-field', line });
    }
    if (char === delimiter) {
      endField();
      index += 1;
      continue;
    }
    if (char === '\r' || char === '\n') {
      endRow();
      index += char === '\r' && source[index + 1] === '\n' ? 2 : 1;
      line += 1;
      rowLine = line;
      continue;
    }
    field += char;
    fieldStarted = true;
    index += 1;
  }
  if (inQuotes && strict) return result({ code: 'unclosed-quote', line: rowLine });
  if (complete && rows.length < maxRows && (field !== '' || row.length > 0 || fieldStarted)) endRow();
  return result(null);
}
