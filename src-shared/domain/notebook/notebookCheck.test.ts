import { describe, expect, it } from 'vitest';
import { checkNotebook } from './notebookCheck';
import { parseNotebook } from './notebookText';

const check = (body: string, header = 'iwb-notebook: 1') =>
  checkNotebook(parseNotebook(`---\n${header}\n---\n${body}`)).map((item) => [item.severity, item.line, item.message]);

describe('checkNotebook', () => {
  it('finds nothing wrong with a sound notebook', () => {
    expect(check("\n```parameter y\ncontrol: slider\nvalue: 2023\nmin: 2019\nmax: 2024\n```\n\n```sql a\nselect getvariable('y') as y\n```\n\n```chart\nkind: bar\nsource: a\nx: y\ny: y\n```\n")).toEqual([]);
  });

  it('reports a broken parameter cell once, not again as "no parameter" where it is read', () => {
    expect(check("\n```parameter p\ncontrol: slider\nvalue: abc\nmin: 0\nmax: 10\n```\n\n```sql a\nselect getvariable('p') as v\n```\n")).toEqual([
      ['error', 7, 'the value of a slider parameter must be a number'],
    ]);
  });

  it('says a date parameter\'s value is no day of the calendar, not that it is written wrong', () => {
    expect(check('\n```parameter d\ncontrol: date\nvalue: 2023-02-30\n```\n')).toEqual([
      ['error', 7, 'the value of a date parameter, 2023-02-30, is no day of the calendar: 2023-02 has 28 days'],
    ]);
  });

  it('names the line of each problem', () => {
    const body = [
      '', // 4
      '```sql a', // 5
      "select * from b where x = getvariable('missing')",
      '```',
      '',
      '```sql b', // 9
      'select 1',
      '```',
      '',
      '```sql A', // 13
      'select 2',
      '```',
      '',
      '```chart', // 17
      'kind: line',
      'source: nowhere',
      'x: x',
      'y: y',
      '```',
      '',
      '```parameter p', // 24
      'control: slider',
      'value: 30',
      'min: 1',
      'max: 10',
      '```',
      '',
      '```parameter q', // 31
      'control: select',
      'value: 3',
      'options: [1, 2]',
      '```',
      '',
      '```parameter r', // 37
      'control: number',
      'value: x',
      '```',
      '',
      '```sql 1bad', // 42
      'select 1',
      '```',
      '',
      '```gantt', // 46
      'a: 1',
      '```',
      '',
    ].join('\n');
    expect(check(body, 'iwb-notebook: 2')).toEqual([
      ['warning', 2, 'written by a newer version (format 2; this app writes 1); parts it does not know are kept as they are'],
      ['error', 5, 'the sql cell "a" uses "b", which the cell on line 9 defines further down; cells run from top to bottom'],
      ['error', 5, `the sql cell "a" reads getvariable('missing'), but there is no parameter "missing"`],
      ['error', 13, 'the name "A" is already used by the cell on line 5'],
      ['error', 17, 'the chart\'s source "nowhere" is not the name of a cell above it'],
      ['warning', 24, 'parameter "p": the value 30 is above max 10'],
      ['error', 31, 'parameter "q": the value 3 is not one of the options'],
      ['error', 39, 'the value of a number parameter must be a number'],
      ['error', 42, '"1bad" is not a usable name: start with a letter or _, then letters, digits or _ (at most 64)'],
      ['warning', 46, '"gantt" cells are not known to this version; the cell is kept as it is and not run'],
    ]);
  });
});
