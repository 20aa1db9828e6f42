import { readDelimited } from './csv/delimitedReader';

/**
 * Tab-separated text as Excel and WPS paste it: a field holding a tab, line
 * break or quote is wrapped in quotes with quotes doubled; rows end in CRLF.
 */
export function tsvField(text: string): string {
  return /[\t\r\n"]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export function tsvFromRows(rows: readonly (readonly string[])[]): string {
  return rows.map((row) => row.map(tsvField).join('\t')).join('\r\n');
}

/**
 * A block pasted from Excel or WPS back into rows of fields: the inverse of
 * `tsvFromRows`, CRLF or LF, quoted fields kept whole. The line end Excel
 * adds after the last row does not make an extra empty row.
 */
export function rowsFromTsv(text: string): string[][] {
  const trimmed = text.replace(/\r?\n$/, '');
  if (trimmed === '') return [];
  return readDelimited(trimmed, { delimiter: '\t' }).rows;
}
