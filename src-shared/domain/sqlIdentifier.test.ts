import { describe, expect, it } from 'vitest';
import { quoteIdentifier, quoteLiteral, sqlValueLiteral } from './sqlIdentifier';

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
