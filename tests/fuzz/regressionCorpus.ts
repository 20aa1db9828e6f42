/**
 * Inputs that once ended in an internal error, a hang or a wrong message,
 * kept so they are tried on every run. Generated here (no hand-edited
 * binaries); each names the issue it came from.
 */
export interface CorpusEntry {
  name: string;
  /** issue 18, or the fuzz seed that found it */
  origin: string;
}

export interface SeriesCorpusEntry extends CorpusEntry {
  text: string;
  args: string[];
}

export const seriesCorpus: SeriesCorpusEntry[] = [
  {
    name: 'logistic path reaching its ceiling in floating point, simulated',
    origin: 'issue 18: exit 70 with a stack',
    text: 'year,value\n2019,10\n2020,50\n2021,90\n2022,99\n2023,99.99\n',
    args: ['--method', 'logistic', '--to', '2060', '--simulate', '200'],
  },
  {
    name: 'logistic series on its bound',
    origin: 'issue 18',
    text: 'year,value\n2019,10\n2020,20\n2021,40\n2022,80\n2023,100\n',
    args: ['--method', 'logistic', '--capacity', '100', '--simulate', '200'],
  },
  { name: 'tiny positive values', origin: 'fuzz', text: 'year,value\n2019,1e-300\n2020,1e-200\n2023,1e-100\n', args: ['--method', 'logistic', '--to', '2030', '--simulate', '50'] },
];

export interface TextCorpusEntry extends CorpusEntry {
  fileName: string;
  text: () => string;
}

export const csvCorpus: TextCorpusEntry[] = [
  { name: 'LF and CRLF mixed', origin: 'issue 18: DuckDB "state machine reached an invalid state"', fileName: 'mixed.csv', text: () => 'a,b\n1,2\r\n3,4\n5,6\r\n' },
  {
    name: '50,000 columns',
    origin: 'issue 18: reported as "the file has no rows"',
    fileName: 'wide.csv',
    text: () => `${Array.from({ length: 50_000 }, (_, i) => `c${i}`).join(',')}\n${Array.from({ length: 50_000 }, (_, i) => i).join(',')}\n`,
  },
  { name: 'NUL in a header cell', origin: 'issue 18 (xlsx twin)', fileName: 'nul.csv', text: () => 'a\u0000b,c\n1,2\n' },
];

export const notebookCorpus: TextCorpusEntry[] = [
  {
    name: 'many cells',
    origin: 'issue 18: ran past 60 s under iwb run',
    fileName: 'many.iwb.md',
    text: () => `---\niwb-notebook: 1\n---\n${Array.from({ length: 8000 }, (_, i) => `\`\`\`sql c${i}\nselect * from c${i + 1}\n\`\`\`\n`).join('')}`,
  },
  { name: 'named SET cell', origin: 'issue 18: blank window', fileName: 'set.iwb.md', text: () => '---\niwb-notebook: 1\n---\n```sql settings\nSET threads = 2\n```\n' },
];

export const apiCorpus: { name: string; origin: string; method: string; input: unknown }[] = [
  { name: 'arguments under __proto__', origin: 'issue 18: passed validation and ran a query', method: 'query.run', input: JSON.parse('{"__proto__":{"queryId":"q1","sql":"select 1"}}') },
  { name: 'null arguments', origin: 'issue 18: read as {}', method: 'schema.list', input: null },
];
