import { describe, expect, it } from 'vitest';
import { canonicalUnit, isUnitHeader, isUnitText, splitLabelUnit, splitNumberUnit, unitFromText } from './unitText';

describe('units written in text', () => {
  it('splits a header into its name and the unit in parentheses', () => {
    expect(splitLabelUnit('高新技术产业投资（亿元）')).toEqual({ label: '高新技术产业投资', unit: '亿元' });
    expect(splitLabelUnit('R&D经费占GDP比重(%)')).toEqual({ label: 'R&D经费占GDP比重', unit: '%' });
    expect(splitLabelUnit('研发费用（单位：万元）')).toEqual({ label: '研发费用', unit: '万元' });
    expect(splitLabelUnit('比重（％）')).toEqual({ label: '比重', unit: '%' });
    expect(splitLabelUnit('慈溪市（本级）')).toEqual({ label: '慈溪市（本级）', unit: null });
  });

  it('reads a unit line, a header and a unit on its own', () => {
    expect(unitFromText('单位：亿元', true)).toBe('亿元');
    expect(unitFromText('（计量单位: 家）', true)).toBe('家');
    expect(unitFromText('金额（亿元）')).toBe('亿元');
    expect(unitFromText('金额（亿元）', true)).toBeNull();
    expect(unitFromText('慈溪市科技主要指标', true)).toBeNull();
    expect(unitFromText('万元')).toBe('万元');
  });

  it('knows a unit column by its header', () => {
    expect(['单位', '计量单位', ' unit ', 'Unit'].map(isUnitHeader)).toEqual([true, true, true, true]);
    expect(['单位名称', 'units', '金额（亿元）'].map(isUnitHeader)).toEqual([false, false, false]);
  });

  it('knows a unit on its own from other words', () => {
    expect(isUnitText('亿元')).toBe(true);
    expect(isUnitText('%')).toBe(true);
    expect(isUnitText('金额')).toBe(false);
    expect(isUnitText('亿元 ')).toBe(false);
  });

  it('splits a cell into its number and the unit written after it, short forms made whole', () => {
    expect(splitNumberUnit('12亿')).toEqual({ number: '12', unit: '亿元' });
    expect(splitNumberUnit('3,500 万元')).toEqual({ number: '3,500', unit: '万元' });
    expect(splitNumberUnit('(1,200)（万元）')).toEqual({ number: '(1,200)', unit: '万元' });
    expect(splitNumberUnit('1,200家')).toEqual({ number: '1,200', unit: '家' });
    expect(splitNumberUnit('5百万')).toEqual({ number: '5', unit: '百万元' });
    // A percent sign is the number's own (percentage points); words that are no unit stay in the text.
    expect(splitNumberUnit('6.4%')).toEqual({ number: '6.4%', unit: null });
    expect(splitNumberUnit('12吨')).toEqual({ number: '12吨', unit: null });
    // 万亿 is no catalog unit: 1.2万 is left, which is not a number, and the import names the cell.
    expect(splitNumberUnit('1.2万亿')).toEqual({ number: '1.2万', unit: '亿元' });
    expect(splitNumberUnit('亿元')).toEqual({ number: '亿元', unit: null });
  });

  it('writes short forms of units as the catalog does', () => {
    expect(canonicalUnit('亿')).toBe('亿元');
    expect(canonicalUnit('％')).toBe('%');
    expect(canonicalUnit('家')).toBe('家');
  });
});
