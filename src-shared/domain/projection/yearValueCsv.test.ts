import { describe, expect, it } from 'vitest';
import { parseYearValueCsv } from './yearValueCsv';

describe('parseYearValueCsv', () => {
  it('reads rows with or without a header, tolerating a BOM, CRLF, quotes and blank lines', () => {
    expect(parseYearValueCsv('\uFEFFyear,value\r\n2021, 5.5\r\n"2022","6"\r\n\r\n', 's.csv')).toEqual([
      { year: 2021, value: 5.5 },
      { year: 2022, value: 6 },
    ]);
    expect(parseYearValueCsv('2023,-1e3\n', 's.csv')).toEqual([{ year: 2023, value: -1000 }]);
  });

  it.each([
    ['year,value\n2021,1,2\n', 's.csv line 2: expected 2 fields (year,value), found 3'],
    ['2021;1\n', 's.csv line 1: expected 2 fields (year,value), found 1'],
    ['2021,1\n20x2,3\n', 's.csv line 2: "20x2" is not a year'],
    ['2021,1,000\n', 's.csv line 1: expected 2 fields (year,value), found 3'],
    ['2021,1亿\n', 's.csv line 1: "1亿" is not a number'],
    ['2021,\n', 's.csv line 1: "" is not a number (the value is empty)'],
    ['2021,1\n2022,2\n2021,3\n', 's.csv line 3: the year 2021 appears twice (first on line 1)'],
    ['year,value\n', 's.csv: no year,value rows'],
    ['2021,1\nyear,value\n', 's.csv line 2: "year" is not a year'],
  ])('rejects %j', (text, message) => {
    expect(() => parseYearValueCsv(text, 's.csv')).toThrow(message);
  });
});
