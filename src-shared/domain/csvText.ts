/** One CSV field per RFC 4180: quoted when it holds a comma, quote, line break or edge spaces. */
export function csvField(text: string): string {
  return /[",\r\n]|^\s|\s$/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** A CSV line (without terminator). */
export function csvLine(fields: readonly string[]): string {
  return fields.map(csvField).join(',');
}
