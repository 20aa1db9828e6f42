import { describe, expect, it } from 'vitest';
import { quoteIdentifier, quoteLiteral, sqlValueLiteral, uniqueColumnNames } from './sqlIdentifier';

describe('quoteLiteral', () => {
  it("doubles single quotes and refuses NUL", () => {
    expect(quoteLiteral("it's")).toBe("'it''s'");
    expect(() => quoteLiteral('a\u0000b')).toThrow('String literals cannot contain NUL characters');
  });
});

describe('sqlValueLiteral', () => {
  it('writes NULL, booleans, finite numbers and strings', () => {
    expect([null, true, false, 0, -1.5, '慈溪', "o'k"].map(sqlValueLiteral)).toEqual(['NULL', 'TRUE', 'FALSE', '0', '-1.5', "'慈溪'", "'o''k'"]);
  });
  it('refuses a number it cannot store', () => {
    expect(() => sqlValueLiteral(Number.NaN)).toThrow(new RangeError('Cannot store NaN'));
    expect(() => sqlValueLiteral(Number.POSITIVE_INFINITY)).toThrow(new RangeError('Cannot store Infinity'));
  });
});

describe('quoteIdentifier', () => {
  it('quotes a name that needs it', () => {
    expect(quoteIdentifier('研发 经费')).toBe('"研发 经费"');
  });
});

describe('uniqueColumnNames', () => {
  it('keeps names that are already unique, in order', () => {
    expect(uniqueColumnNames(['年份', '指标', 'value'])).toEqual(['年份', '指标', 'value']);
  });
  it('suffixes a repeated name, ignoring ASCII case, and skips suffixes already taken', () => {
    // DuckDB's own CREATE TABLE AS names for this list (checked against DuckDB in columnNames.test.ts).
    expect(uniqueColumnNames(['a', 'a', 'a_1', 'A', 'a:1', 'b', 'B'])).toEqual(['a', 'a_1', 'a_1_1', 'A_2', 'a:1', 'b', 'B_1']);
    expect(uniqueColumnNames(['id', 'ID', 'Id'])).toEqual(['id', 'ID_1', 'Id_2']);
  });
  it('treats case outside ASCII as different names, as DuckDB does', () => {
    expect(uniqueColumnNames(['Ä', 'ä', '年份', '年份'])).toEqual(['Ä', 'ä', '年份', '年份_1']);
  });
});
