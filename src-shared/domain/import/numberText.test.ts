import { describe, expect, it } from 'vitest';
import { readTypedNumber } from './numberText';

describe('readTypedNumber', () => {
  it('reads what a planner types as pasted cells are read', () => {
    expect(readTypedNumber('1,523', '家')).toBe(1523);
    expect(readTypedNumber(' ９８．６５ ', '亿元')).toBe(98.65);
    expect(readTypedNumber('(1,200)', '万元')).toBe(-1200);
    expect(readTypedNumber('-4.5', '%')).toBe(-4.5);
  });

  it('takes a percent sign only for a percentage', () => {
    expect(readTypedNumber('3.5%', '%')).toBe(3.5);
    expect(readTypedNumber('3.5%', '亿元')).toBeNull();
  });

  it('refuses what Number() would have let through, and blanks', () => {
    // Number('1,2,3'.replaceAll(',', '')) was 123 and Number('0x10') 16: neither is a figure a planner means.
    for (const text of ['1,2,3', '0x10', '', '—', 'abc', '12吨', 'Infinity']) expect(readTypedNumber(text, '家'), text).toBeNull();
  });
});
