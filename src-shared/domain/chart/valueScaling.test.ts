import { describe, expect, it } from 'vitest';
import { axisTitle, formatScaled, scaleUnit } from './valueScaling';

describe('scaleUnit', () => {
  it('shows values in 元 above 10⁸ as 亿元', () => {
    expect(scaleUnit('元', 12_345_678_901)).toEqual({ divisor: 1e8, unit: '亿元' });
  });
  it('shows values in 元 between 10⁴ and 10⁸ as 万元', () => {
    expect(scaleUnit('元', 56_000)).toEqual({ divisor: 1e4, unit: '万元' });
  });
  it('turns 万元 above 10⁴ into 亿元 and keeps small 万元', () => {
    expect(scaleUnit('万元', 1_003_000)).toEqual({ divisor: 1e4, unit: '亿元' });
    expect(scaleUnit('万元', 9_999)).toEqual({ divisor: 1, unit: '万元' });
  });
  it('never scales rates or scales down', () => {
    expect(scaleUnit('%', 1e9)).toEqual({ divisor: 1, unit: '%' });
    expect(scaleUnit('亿元', 3)).toEqual({ divisor: 1, unit: '亿元' });
    expect(scaleUnit('亿元', 3, 'wan')).toEqual({ divisor: 1, unit: '亿元' });
  });
  it('forces 万 or 亿, and keeps the unit with none', () => {
    expect(scaleUnit('家', 1200, 'wan')).toEqual({ divisor: 1e4, unit: '万家' });
    expect(scaleUnit(null, 5e9, 'yi')).toEqual({ divisor: 1e8, unit: '亿' });
    expect(scaleUnit('元', 5e9, 'none')).toEqual({ divisor: 1, unit: '元' });
  });
});

describe('axis text', () => {
  it('puts the unit in full-width brackets', () => {
    expect(axisTitle('研发经费', '亿元')).toBe('研发经费（亿元）');
    expect(axisTitle(null, '%')).toBe('（%）');
    expect(axisTitle('年份', '')).toBe('年份');
  });
  it('replaces the unit a header states with the axis unit instead of adding a second', () => {
    expect(axisTitle('金额（亿元）', '亿元')).toBe('金额（亿元）');
    expect(axisTitle('金额(元)', '亿元')).toBe('金额（亿元）');
    expect(axisTitle('完成度（%）', '%')).toBe('完成度（%）');
  });
  it('formats with grouping and no trailing zeros', () => {
    expect(formatScaled(123456.5)).toBe('123,456.5');
    expect(formatScaled(3.5300001)).toBe('3.53');
    expect(formatScaled(-1200)).toBe('-1,200');
  });
});
