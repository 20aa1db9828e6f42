import { describe, expect, it } from 'vitest';
import { sqlReferences } from './sqlReferences';

describe('sqlReferences', () => {
  it('collects identifiers lower-cased, quoted or not, and skips strings and comments', () => {
    const found = sqlReferences(`SELECT o.Year, "研发投入".value -- from hidden_in_comment
      FROM Observations o JOIN "研发投入" ON true /* not_this /* nested */ nor_this */
      WHERE note = 'not_a_name' AND x = E'it\\'s' AND y = $$dollar_text$$`);
    expect([...found.identifiers].sort()).toEqual(
      ['and', 'from', 'join', 'note', 'o', 'observations', 'on', 'select', 'true', 'value', 'where', 'x', 'y', 'year', '研发投入'].sort(),
    );
  });

  it('finds parameters read with getvariable and flags computed names', () => {
    expect(sqlReferences("select * from t where year = getvariable('年份') and v > GetVariable( 'min_value' )")).toMatchObject({
      variables: new Set(['年份', 'min_value']),
      readsAnyVariable: false,
    });
    expect(sqlReferences("select getvariable('a' || 'b')").readsAnyVariable).toBe(true);
    expect(sqlReferences("select 'getvariable(''x'')'").variables.size).toBe(0);
  });

  it('finds what CREATE statements create, qualified or not', () => {
    const found = sqlReferences(`create or replace temp table Scratch as select 1;
      CREATE VIEW IF NOT EXISTS main."年度汇总" AS select 2; create macro plus1(x) as x + 1; create index i on t(x)`);
    expect([...found.creates].sort()).toEqual(['plus1', 'scratch', '年度汇总']);
  });
});
