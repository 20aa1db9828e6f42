import { describe, expect, it } from 'vitest';
import { buildResultViewSql, resultViewKey } from './resultViewSql';

const types = new Map([
  ['name', 'VARCHAR'],
  ['value', 'DECIMAL(10,1)'],
  ['年份', 'INTEGER'],
]);

describe('buildResultViewSql', () => {
  it('binds every filter value as a parameter cast to the column type', () => {
    expect(
      buildResultViewSql(
        {
          sort: [{ column: 'value', direction: 'desc' }, { column: 'name', direction: 'asc' }],
          filters: [
            { column: 'name', operator: 'contains', value: "高新'" },
            { column: '年份', operator: 'between', value: '2019', value2: '2023' },
            { column: 'value', operator: 'isNotNull' },
          ],
        },
        types,
      ),
    ).toEqual({
      where: `WHERE strpos(lower(CAST("name" AS VARCHAR)), lower($1)) > 0 AND "年份" BETWEEN CAST($2 AS INTEGER) AND CAST($3 AS INTEGER) AND "value" IS NOT NULL`,
      orderBy: 'ORDER BY "value" DESC NULLS LAST, "name" COLLATE zh ASC NULLS LAST, rowid',
      params: ["高新'", '2019', '2023'],
    });
  });

  it('keeps the original order when nothing is sorted', () => {
    expect(buildResultViewSql({ sort: [], filters: [] }, types)).toEqual({ where: '', orderBy: 'ORDER BY rowid', params: [] });
  });

  it.each([
    [{ sort: [{ column: 'x', direction: 'asc' as const }], filters: [] }, 'Unknown column "x" in sort'],
    [{ sort: [], filters: [{ column: 'x', operator: 'isNull' as const }] }, 'Unknown column "x" in filter'],
    [{ sort: [], filters: [{ column: 'value', operator: 'gt' as const }] }, 'Filter "gt" on column "value" needs a value'],
    [{ sort: [], filters: [{ column: 'value', operator: 'between' as const, value: '1' }] }, 'Filter "between" on column "value" needs two values'],
    [
      { sort: [{ column: 'name', direction: 'asc' as const }, { column: 'name', direction: 'desc' as const }], filters: [] },
      'Column "name" is sorted twice',
    ],
  ])('rejects %j', (spec, message) => {
    expect(() => buildResultViewSql(spec, types)).toThrow(message);
  });

  it('gives equal specs equal cache keys and different specs different keys', () => {
    const a = resultViewKey({ sort: [{ column: 'name', direction: 'asc' }], filters: [] });
    expect(resultViewKey({ sort: [{ column: 'name', direction: 'asc' }], filters: [] })).toBe(a);
    expect(resultViewKey({ sort: [{ column: 'name', direction: 'desc' }], filters: [] })).not.toBe(a);
  });
});
