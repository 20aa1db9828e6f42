import { describe, expect, it } from 'vitest';
import { tableFromArrays, vectorFromArray, Field, Decimal, DateDay, Float64 } from 'apache-arrow';
import { cellDisplayText, cellJsonLiteral, cellNumber, cellPlainText, decimalText, groupThousands } from './arrowCells';

describe('groupThousands', () => {
  it.each([
    ['0', '0'],
    ['999', '999'],
    ['1000', '1,000'],
    ['-1234567.891', '-1,234,567.891'],
    ['24480.1', '24,480.1'],
    ['abc', 'abc'],
  ])('%s -> %s', (input, output) => expect(groupThousands(input)).toBe(output));
});

describe('decimalText', () => {
  const decimal = (unscaled: bigint) => {
    const words = new Uint32Array(4);
    const view = new DataView(words.buffer);
    view.setBigInt64(0, unscaled, true);
    view.setBigInt64(8, unscaled < 0n ? -1n : 0n, true);
    return words;
  };
  it('places the decimal point by scale, keeping leading zeros and sign', () => {
    expect(decimalText(decimal(8175n), 1)).toBe('817.5');
    expect(decimalText(decimal(-5n), 3)).toBe('-0.005');
    expect(decimalText(decimal(353n), 2)).toBe('3.53');
    expect(decimalText(decimal(100n), 0)).toBe('100');
  });
});

describe('cell formatting', () => {
  const floatField = new Field('v', new Float64());
  it('groups and trims floats for display but keeps them exact in plain text', () => {
    expect(cellDisplayText(1234567.5, floatField)).toBe('1,234,567.5');
    expect(cellDisplayText(0.1 + 0.2, floatField)).toBe('0.3');
    expect(cellPlainText(0.1 + 0.2, floatField)).toBe('0.30000000000000004');
    expect(cellJsonLiteral(Number.NaN, floatField)).toBe('null');
    expect(cellNumber(null, floatField)).toBeNull();
  });

  it('shows integer year columns without thousands separators', () => {
    const table = tableFromArrays({ year: Int32Array.from([2024]), 年份: Int32Array.from([2023]), amount: Int32Array.from([2024]) });
    const [year, nian, amount] = table.schema.fields;
    expect(cellDisplayText(2024, year!)).toBe('2024');
    expect(cellDisplayText(2023, nian!)).toBe('2023');
    expect(cellDisplayText(2024, amount!)).toBe('2,024');
  });

  it('formats dates as ISO days', () => {
    const vector = vectorFromArray([new Date(Date.UTC(2024, 1, 29))], new DateDay());
    const field = new Field('d', new DateDay());
    expect(cellPlainText(vector.get(0), field)).toBe('2024-02-29');
  });

  it('gives decimals as exact JSON number literals', () => {
    const field = new Field('d', new Decimal(2, 38, 128));
    const words = new Uint32Array([353, 0, 0, 0]);
    expect(cellJsonLiteral(words, field)).toBe('3.53');
    expect(cellNumber(words, field)).toBe(3.53);
  });

  it('reads 64-bit decimals (DECIMAL(p <= 18)) as signed two-word integers', () => {
    const field = new Field('d', new Decimal(3, 18, 64));
    const negative = new Uint32Array(new Int32Array([-1234, -1]).buffer);
    expect(cellPlainText(negative, field)).toBe('-1.234');
    expect(cellPlainText(new Uint32Array([5678, 0]), field)).toBe('5.678');
    // The largest DECIMAL(18,3): 999999999999999.999, beyond a 32-bit word and a double's exact range.
    const largest = 999_999_999_999_999_999n;
    const words = new Uint32Array([Number(largest & 0xffffffffn), Number(largest >> 32n)]);
    expect(cellPlainText(words, field)).toBe('999999999999999.999');
    expect(cellPlainText(new Uint32Array(new Int32Array([-1, -1]).buffer), new Field('d', new Decimal(0, 18, 64)))).toBe('-1');
  });
});
