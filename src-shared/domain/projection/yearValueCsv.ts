import { ProjectionInputError, type AnnualPoint } from './annualSeries';

/**
 * Reads a series file of `year,value` rows, strictly: an optional header
 * line `year,value`, then one row per year with exactly two fields, a whole
 * year and a plain number (no thousands separators or units). A UTF-8 byte
 * order mark, CRLF line ends, spaces around fields, double quotes around a
 * field and blank lines are tolerated. Errors name the file and line.
 */
export function parseYearValueCsv(text: string, fileName: string): AnnualPoint[] {
  const lines = text.replace(/^\uFEFF/, '').split(/\r\n|\n|\r/);
  const points: AnnualPoint[] = [];
  const lineOfYear = new Map<number, number>();
  lines.forEach((raw, index) => {
    const lineNumber = index + 1;
    if (raw.trim() === '') return;
    const fields = raw.split(',').map((field) => unquote(field.trim()));
    const where = `${fileName} line ${lineNumber}`;
    if (fields.length !== 2) throw new ProjectionInputError(`${where}: expected 2 fields (year,value), found ${fields.length}`);
    const [yearText, valueText] = fields as [string, string];
    if (points.length === 0 && lineOfYear.size === 0 && yearText.toLowerCase() === 'year' && valueText.toLowerCase() === 'value') return;
    if (!/^-?\d{1,4}$/.test(yearText)) throw new ProjectionInputError(`${where}: "${yearText}" is not a year`);
    if (!/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(valueText)) {
      throw new ProjectionInputError(`${where}: "${valueText}" is not a number${valueText === '' ? ' (the value is empty)' : ''}`);
    }
    const year = Number(yearText);
    const previous = lineOfYear.get(year);
    if (previous !== undefined) throw new ProjectionInputError(`${where}: the year ${year} appears twice (first on line ${previous})`);
    lineOfYear.set(year, lineNumber);
    points.push({ year, value: Number(valueText) });
  });
  if (points.length === 0) throw new ProjectionInputError(`${fileName}: no year,value rows`);
  return points;
}

function unquote(field: string): string {
  return field.length >= 2 && field.startsWith('"') && field.endsWith('"') ? field.slice(1, -1).trim() : field;
}
