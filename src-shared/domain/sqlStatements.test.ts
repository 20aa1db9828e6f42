import { describe, expect, it } from 'vitest';
import { lineColumnAt, splitSqlStatements, statementAt } from './sqlStatements';

describe('splitSqlStatements', () => {
  it('splits at top-level semicolons and keeps offsets into the original text', () => {
    const sql = 'select 1;\n  select 2 ;select 3';
    expect(splitSqlStatements(sql)).toEqual([
      { text: 'select 1', start: 0, end: 8 },
      { text: 'select 2', start: 12, end: 20 },
      { text: 'select 3', start: 22, end: 30 },
    ]);
  });

  it('ignores semicolons inside strings, identifiers, comments and dollar quotes', () => {
    const sql = `select 'a;b', "c;d", E'x\\';y' -- e;f\n/* g; /* nested; */ h; */ from t; select $$i;j$$, $tag$k;l$tag$`;
    const statements = splitSqlStatements(sql);
    expect(statements.map((statement) => statement.text)).toEqual([
      `select 'a;b', "c;d", E'x\\';y' -- e;f\n/* g; /* nested; */ h; */ from t`,
      'select $$i;j$$, $tag$k;l$tag$',
    ]);
  });

  it('drops empty statements and comment-only segments', () => {
    expect(splitSqlStatements(';; -- only a comment\n;  ')).toEqual([]);
    expect(splitSqlStatements("select ''''; ").map((statement) => statement.text)).toEqual(["select ''''"]);
  });

  it('keeps an unterminated string to the end rather than splitting inside it', () => {
    expect(splitSqlStatements("select 'abc; def").map((statement) => statement.text)).toEqual(["select 'abc; def"]);
  });
});

describe('statementAt', () => {
  const sql = 'select 1;\nselect 2;\n\nselect 3';
  it('finds the statement under the cursor', () => {
    expect(statementAt(sql, 3)?.text).toBe('select 1');
    expect(statementAt(sql, 12)?.text).toBe('select 2');
    expect(statementAt(sql, sql.length)?.text).toBe('select 3');
  });
  it('takes the statement before the cursor when the cursor sits after its semicolon', () => {
    expect(statementAt(sql, 9)?.text).toBe('select 1');
  });
});

describe('lineColumnAt', () => {
  it('gives 1-based line and column', () => {
    expect(lineColumnAt('ab\ncd\nef', 0)).toEqual({ line: 1, column: 1 });
    expect(lineColumnAt('ab\ncd\nef', 4)).toEqual({ line: 2, column: 2 });
    expect(lineColumnAt('ab\ncd\nef', 6)).toEqual({ line: 3, column: 1 });
  });
});
