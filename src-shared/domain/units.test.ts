import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { KNOWN_UNITS, UnitConversionError, canConvert, compatibleUnits, convertUnit, formatNumber, formatValue, unitChange } from './units';

describe('convertUnit', () => {
  it('converts between money units exactly', () => {
    expect(convertUnit(817.5, '亿元', '万元')).toBe(8_175_000);
    expect(convertUnit(24480.1, '万元', '亿元')).toBe(2.44801);
    expect(convertUnit(7427.16, '万元', '元')).toBe(74_271_600);
    expect(convertUnit(1, '亿元', '元')).toBe(100_000_000);
    expect(convertUnit(5, '千元', '万元')).toBe(0.5);
    expect(convertUnit(3.53, '%', '%')).toBe(3.53);
    expect(convertUnit(1000, '家', '家')).toBe(1000);
  });

  it('refuses units that measure different things, with both names in the message', () => {
    expect(() => convertUnit(1, '家', '亿元')).toThrow(new UnitConversionError('Cannot convert 家 to 亿元: they measure different things'));
    expect(() => convertUnit(1, '家', '个')).toThrow('Cannot convert 家 to 个');
    expect(() => convertUnit(1, '%', '万元')).toThrow(UnitConversionError);
    expect(() => convertUnit(1, '斤', '万元')).toThrow('Unknown unit "斤"');
    expect(() => convertUnit(Number.NaN, '万元', '亿元')).toThrow('not a finite number');
  });

  it('round-trips every money pair for any value with up to 15 significant digits', () => {
    const money = ['元', '千元', '万元', '百万元', '亿元'];
    fc.assert(
      fc.property(
        fc.integer({ min: -999_999_999_999_999, max: 999_999_999_999_999 }),
        fc.integer({ min: 0, max: 8 }),
        fc.constantFrom(...money),
        fc.constantFrom(...money),
        (digits, decimals, from, to) => {
          const value = digits / 10 ** decimals;
          expect(convertUnit(convertUnit(value, from, to), to, from)).toBe(value);
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('round-trips the seed figures with at most 4 decimals (as typed by a user)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10_000_000_000 }), fc.constantFrom(...['元', '千元', '万元', '百万元', '亿元']), (tenThousandths, unit) => {
        const value = tenThousandths / 10_000;
        expect(convertUnit(convertUnit(value, '万元', unit), unit, '万元')).toBe(value);
      }),
    );
  });

  it('lists compatible units', () => {
    expect(compatibleUnits('亿元')).toEqual(['元', '千元', '万元', '百万元', '亿元']);
    expect(compatibleUnits('家')).toEqual(['家']);
    expect(compatibleUnits('斤')).toEqual([]);
    expect(canConvert('万元', '亿元')).toBe(true);
    expect(KNOWN_UNITS).toContain('台套');
  });
});

describe('formatValue', () => {
  it('uses thousands separators and the unit', () => {
    expect(formatValue(24480.1, '万元')).toBe('24,480.1 万元');
    expect(formatValue(817.5, '亿元')).toBe('817.5 亿元');
    expect(formatValue(1000, '家')).toBe('1,000 家');
    expect(formatValue(3.53, '%')).toBe('3.53%');
    expect(formatValue(8_175_000, '万元')).toBe('8,175,000 万元');
    expect(formatValue(1025.850232, '亿元', { maximumFractionDigits: 2 })).toBe('1,025.85 亿元');
    expect(formatValue(6.4, '%', { minimumFractionDigits: 2 })).toBe('6.40%');
    expect(formatNumber(-1234567.5)).toBe('-1,234,567.5');
    expect(formatValue(12, '')).toBe('12');
  });
});

describe('unitChange', () => {
  it('keeps the same unit, converts one of the same kind, and refuses no unit or another kind', () => {
    expect(unitChange('亿元', '亿元')).toBe('same');
    expect(unitChange(null, null)).toBe('same');
    expect(unitChange('万元', '亿元')).toBe('convert');
    expect(unitChange(null, '亿元')).toBe('no-unit');
    expect(unitChange('万元', '家')).toBe('mismatch');
    expect(unitChange('亿元', null)).toBe('mismatch');
  });
});
