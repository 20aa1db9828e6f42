import { readDelimited, type DelimitedProblem } from './csv/delimitedReader';

/** One parsed CSV record with the 1-based line it starts on (for error messages). */
export interface CsvRecord {
  line: number;
  fields: string[];
}

/** A CSV file could not be read; `line` is 1-based. */
export class CsvSyntaxError extends Error {
  constructor(
    readonly line: number,
    message: string,
  ) {
    super(`line ${line}: ${message}`);
  }
}

const PROBLEM_TEXT: Record<DelimitedProblem['code'], (problem: DelimitedProblem) => string> = {
  'unclosed-quote': () => 'a quoted field is not closed',
  'quote-in-unquoted-field': () => 'a quote inside an unquoted field (quote the whole field and double the quote)',
  'text-after-closing-quote': (problem) => `unexpected character "${problem.character ?? ''}" after a closing quote`,
};

/**
 * Parses RFC 4180 CSV (quoted fields may hold commas, quotes and line
 * breaks) with the strict dialect of `csv/delimitedReader`. A leading UTF-8
 * BOM is dropped; blank lines are skipped.
 */
export function parseCsv(text: string): CsvRecord[] {
  const read = readDelimited(text, { strict: true, skipBlankLines: true });
  if (read.problem) throw new CsvSyntaxError(read.problem.line, PROBLEM_TEXT[read.problem.code](read.problem));
  return read.rows.map((fields, index) => ({ line: read.lines[index]!, fields }));
}
