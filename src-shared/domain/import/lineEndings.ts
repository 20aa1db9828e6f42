/** A line ending: LF (Unix), CRLF (Windows) or CR (old Mac). */
export type LineEnding = 'LF' | 'CRLF' | 'CR';

/**
 * The first line whose ending differs from the first line's, in text (or a
 * byte string decoded as latin1: line ends are ASCII in every encoding the
 * importer reads except UTF-16). Quoted fields are not tracked: this
 * explains a reader's failure, it does not parse. Null when all agree.
 */
export function firstMixedLineEnding(text: string): { line: number; ending: LineEnding; usual: LineEnding } | null {
  let usual: LineEnding | null = null;
  let line = 1;
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    if (code !== 10 && code !== 13) continue;
    let ending: LineEnding = 'LF';
    if (code === 13) {
      ending = text.charCodeAt(index + 1) === 10 ? 'CRLF' : 'CR';
      if (ending === 'CRLF') index++;
    }
    if (usual === null) usual = ending;
    else if (ending !== usual) return { line, ending, usual };
    line++;
  }
  return null;
}
