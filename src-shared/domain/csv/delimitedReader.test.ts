import { describe, expect, it } from 'vitest';
import { readDelimited } from './delimitedReader';

describe('readDelimited', () => {
  it('reads RFC 4180 quotes (delimiters, doubled quotes, line breaks inside) over CRLF, LF and CR line ends', () => {
    const read = readDelimited('a,"b,1","say ""hi"""\r\n2,"two\nlines",x\r3,,\n');
    expect(read.rows).toEqual([
      ['a', 'b,1', 'say "hi"'],
      ['2', 'two\nlines', 'x'],
      ['3', '', ''],
    ]);
    expect(read.lines).toEqual([1, 2, 4]);
    expect(read.openQuote).toBe(false);
    expect(read.problem).toBeNull();
  });

  it('drops a leading BOM and takes the delimiter it is given', () => {
    expect(readDelimited('\uFEFF地区\t值\n宁波\t"1\t2"', { delimiter: '\t' }).rows).toEqual([
      ['地区', '值'],
      ['宁波', '1\t2'],
    ]);
    expect(readDelimited('a;b', { delimiter: ';' }).rows).toEqual([['a', 'b']]);
  });

  it('keeps blank lines as rows unless told to skip them; a quoted empty field is not blank', () => {
    expect(readDelimited('a\n\nb').rows).toEqual([['a'], [''], ['b']]);
    expect(readDelimited('a\n\n""\nb', { skipBlankLines: true }).rows).toEqual([['a'], [''], ['b']]);
    expect(readDelimited('a\n\n""\nb', { skipBlankLines: true }).lines).toEqual([1, 3, 4]);
  });

  it('reads stray quotes leniently by default, as Excel and DuckDB do', () => {
    expect(readDelimited('15.6" 屏幕,a, "b"').rows).toEqual([['15.6" 屏幕', 'a', 'b']]);
  });

  it('in strict mode names the problem and its line', () => {
    expect(readDelimited('a\n1,"open', { strict: true }).problem).toEqual({ code: 'unclosed-quote', line: 2 });
    expect(readDelimited('a\n1,x"y', { strict: true }).problem).toEqual({ code: 'quote-in-unquoted-field', line: 2 });
    expect(readDelimited('a\n"x"y', { strict: true }).problem).toEqual({ code: 'text-after-closing-quote', line: 2, character: 'y' });
  });

  it('drops the partial last row of a cut sample and reports the open quote', () => {
    const read = readDelimited('a,b\n1,"cut her', { complete: false });
    expect(read.rows).toEqual([['a', 'b']]);
    expect(read.openQuote).toBe(true);
    expect(readDelimited('1\n2\n3\n', { maxRows: 2 }).rows).toEqual([['1'], ['2']]);
  });
});
