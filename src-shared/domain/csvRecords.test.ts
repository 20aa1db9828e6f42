import { describe, expect, it } from 'vitest';
import { CsvSyntaxError, parseCsv } from './csvRecords';

describe('parseCsv', () => {
  it('reads quoted fields with commas, quotes and line breaks, and keeps line numbers', () => {
    const text = '\uFEFFa,b,c\n1,"x, y","he said ""hi"""\r\n\n2,"two\nlines",\n3,“弯引号”,end';
    expect(parseCsv(text)).toEqual([
      { line: 1, fields: ['a', 'b', 'c'] },
      { line: 2, fields: ['1', 'x, y', 'he said "hi"'] },
      { line: 4, fields: ['2', 'two\nlines', ''] },
      { line: 6, fields: ['3', '“弯引号”', 'end'] },
    ]);
  });

  it('says where a malformed field is', () => {
    expect(() => parseCsv('a,b\n1,"open')).toThrow(new CsvSyntaxError(2, 'a quoted field is not closed'));
    expect(() => parseCsv('a,b\n1,x"y')).toThrow('line 2: a quote inside an unquoted field');
    expect(() => parseCsv('a\n"x"y')).toThrow('line 2: unexpected character "y" after a closing quote');
  });
});
