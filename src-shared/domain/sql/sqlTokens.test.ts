import { describe, expect, it } from 'vitest';
import { scanSql, sqlCodeTokens } from './sqlTokens';

const kinds = (sql: string) => sqlCodeTokens(sql).map((token) => [token.kind, token.text]);

describe('scanSql', () => {
  it('reads words, numbers and punctuation with offsets into the text', () => {
    expect(scanSql('select 指标_1, 2.5e3 from t;').tokens).toEqual([
      { kind: 'word', text: 'select', start: 0, end: 6 },
      { kind: 'word', text: '指标_1', start: 7, end: 11 },
      { kind: 'punct', text: ',', start: 11, end: 12 },
      { kind: 'number', text: '2.5e3', start: 13, end: 18 },
      { kind: 'word', text: 'from', start: 19, end: 23 },
      { kind: 'word', text: 't', start: 24, end: 25 },
      { kind: 'punct', text: ';', start: 25, end: 26 },
    ]);
  });

  it('nests block comments as DuckDB does, so a */ inside a nested comment does not end the outer one', () => {
    const sql = 'select /* a /* b */ still comment */ x';
    const { tokens, problems } = scanSql(sql);
    expect(tokens.map((token) => token.kind)).toEqual(['word', 'comment', 'word']);
    expect(tokens[1]).toMatchObject({ text: '/* a /* b */ still comment */', start: 7, end: 36 });
    expect(problems).toEqual([]);
  });

  it('ends a line comment at the newline', () => {
    expect(kinds('a -- b; c\nd')).toEqual([
      ['word', 'a'],
      ['word', 'd'],
    ]);
  });

  it("reads '' inside strings and backslash escapes only in E'' strings", () => {
    expect(kinds("'it''s', E'a\\'b', 'c\\'")).toEqual([
      ['string', "it's"],
      ['punct', ','],
      ['string', "a'b"],
      ['punct', ','],
      ['string', 'c\\'],
    ]);
    // `e` ending a word is not an escape-string prefix.
    expect(kinds("name'x'")).toEqual([
      ['word', 'name'],
      ['string', 'x'],
    ]);
  });

  it('reads $$ and $tag$ dollar quotes whole, and leaves $1 parameters alone', () => {
    expect(kinds("$$ a; 'b' $$ $fn$ c $$ d $fn$ $1")).toEqual([
      ['string', " a; 'b' "],
      ['string', ' c $$ d '],
      ['punct', '$'],
      ['number', '1'],
    ]);
  });

  it('reads "quoted ""identifiers""" with doubled quotes', () => {
    expect(scanSql('select "quoted ""identifiers"""').tokens[1]).toEqual({ kind: 'quoted', text: 'quoted "identifiers"', start: 7, end: 31 });
  });

  it('reports an unterminated string, identifier, comment or dollar quote at its opening offset, running to the end', () => {
    const string = scanSql("select 'abc; def");
    expect(string.problems).toEqual([{ code: 'unterminated-string', offset: 7 }]);
    expect(string.tokens[1]).toEqual({ kind: 'string', text: 'abc; def', start: 7, end: 16 });
    expect(scanSql('x "ab').problems).toEqual([{ code: 'unterminated-identifier', offset: 2 }]);
    expect(scanSql('x /* a /* b */').problems).toEqual([{ code: 'unterminated-comment', offset: 2 }]);
    expect(scanSql('x $q$ body').problems).toEqual([{ code: 'unterminated-dollar-quote', offset: 2 }]);
    expect(scanSql("x E'ab\\").problems).toEqual([{ code: 'unterminated-string', offset: 2 }]);
  });
});
