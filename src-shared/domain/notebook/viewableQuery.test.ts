import { describe, expect, it } from 'vitest';
import { nonQueryKeyword } from './viewableQuery';

describe('nonQueryKeyword', () => {
  it.each([
    ['SET threads = 2', 'SET'],
    ["COPY t TO 'x.csv'", 'COPY'],
    ['load httpfs', 'LOAD'],
    ["ATTACH 'x.duckdb' AS x", 'ATTACH'],
    ['select 1; create table t as select 1', 'CREATE'],
  ])('names the statement %j cannot be a view of', (sql, keyword) => {
    expect(nonQueryKeyword(sql)).toBe(keyword);
  });

  it.each(['select 1', '-- 说明\nWITH a AS (select 1) select * from a', 'from observations', 'SET threads = 2; select 1', '(select 1) union (select 2)', 'values (1)', '/* x */ pivot t on a using sum(b)'])(
    'accepts the query %j',
    (sql) => {
      expect(nonQueryKeyword(sql)).toBeNull();
    },
  );
});
