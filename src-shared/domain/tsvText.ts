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
