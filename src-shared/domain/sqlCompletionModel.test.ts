import { describe, expect, it } from 'vitest';
import { completionCandidates, referencedRelations, type CatalogRelation } from './sqlCompletionModel';

const relations: CatalogRelation[] = [
  { schema: 'main', name: 'observations', kind: 'view', columns: [{ name: 'indicator_code', type: 'VARCHAR' }, { name: 'value', type: 'DOUBLE' }] },
  { schema: 'main', name: '指标', kind: 'table', columns: [{ name: '年份', type: 'INTEGER' }, { name: '数值 (亿元)', type: 'DOUBLE' }, { name: 'Year', type: 'INTEGER' }] },
  { schema: 'temp', name: 'scratch', kind: 'table', columns: [{ name: 'x', type: 'INTEGER' }] },
];
const functions = [
  { name: 'round', kind: 'scalar', signatures: ['round(DOUBLE, INTEGER) → DOUBLE'], description: 'Rounds x to s decimal places' },
  { name: 'read_csv', kind: 'table', signatures: ['read_csv(VARCHAR)'], description: null },
];
const catalog = { relations, functions };
const at = (text: string, explicit = false) => completionCandidates(text.replace('|', ''), text.indexOf('|'), catalog, explicit);

describe('referencedRelations', () => {
  it('finds tables and aliases in FROM and JOIN, ignoring keywords after them', () => {
    const found = referencedRelations('select * from observations o join "指标" AS z on true where 1=1', relations);
    expect(found.map(({ relation, alias }) => [relation.name, alias])).toEqual([
      ['observations', 'o'],
      ['指标', 'z'],
    ]);
    expect(referencedRelations('select * from temp.scratch where x > 1', relations).map(({ relation, alias }) => [relation.name, alias])).toEqual([
      ['scratch', null],
    ]);
  });
});

describe('completionCandidates', () => {
  it('offers the columns of the tables the statement reads, quoting names that need it', () => {
    const result = at('select 年| from 指标');
    expect(result?.from).toBe(7);
    const columns = result!.options.filter((option) => option.type === 'column');
    expect(columns.map((option) => [option.label, option.apply])).toEqual([
      ['年份', '年份'],
      ['数值 (亿元)', '"数值 (亿元)"'],
      ['Year', '"Year"'],
    ]);
    expect(result!.options.some((option) => option.label === 'round' && option.apply === 'round(')).toBe(true);
  });

  it("offers an alias's columns after a dot", () => {
    const result = at('select o.| from observations o');
    expect(result?.options.map((option) => option.label)).toEqual(['indicator_code', 'value']);
    expect(result?.from).toBe(9);
  });

  it('offers tables first after FROM, with schema prefixes outside main, and table functions', () => {
    const result = at('select * from ob|');
    const tables = result!.options.filter((option) => option.type !== 'function');
    expect(tables.map((option) => [option.label, option.apply, option.boost])).toEqual([
      ['observations', 'observations', 10],
      ['指标', '指标', 10],
      ['temp.scratch', 'temp.scratch', 10],
    ]);
    expect(result!.options.find((option) => option.label === 'read_csv')?.apply).toBe('read_csv(');
    expect(result!.options.some((option) => option.label === 'round')).toBe(false);
  });

  it('offers columns of all tables while the statement has no FROM yet', () => {
    const result = at('select 数|');
    expect(result!.options.filter((option) => option.type === 'column').map((option) => option.label)).toEqual([
      'indicator_code',
      'value',
      '年份',
      '数值 (亿元)',
      'Year',
      'x',
    ]);
  });

  it('stays quiet on an empty word unless asked', () => {
    expect(at('select |')).toBeNull();
    expect(at('select |', true)?.options.length).toBeGreaterThan(0);
  });
});
