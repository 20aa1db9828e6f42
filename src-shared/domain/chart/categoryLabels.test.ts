import { describe, expect, it } from 'vitest';
import { categoryLineWidth, wrapCategoryLabel } from './categoryLabels';

describe('wrapCategoryLabel', () => {
  it('wraps Chinese names by characters within the width', () => {
    expect(wrapCategoryLabel('新增宁波市级以上研发机构', 8)).toEqual(['新增宁波', '市级以上', '研发机构']);
    expect(wrapCategoryLabel('产业创新集群', 12)).toEqual(['产业创新集群']);
  });
  it('never splits a Latin word or number, and keeps a closing bracket on its line', () => {
    expect(wrapCategoryLabel('R&D经费占GDP比重', 6)).toEqual(['R&D经', '费占', 'GDP比', '重']);
    expect(wrapCategoryLabel('镇(街道)服务站', 6)).toEqual(['镇(街', '道)服', '务站']);
    expect(wrapCategoryLabel('覆盖率（全市）', 6)).toEqual(['覆盖率', '（全市）']);
    expect(wrapCategoryLabel('High-tech enterprises', 10)).toEqual(['High-tech', 'enterprises']);
  });
});

describe('categoryLineWidth', () => {
  it('gives each of many categories a narrow line, a few categories a wide one', () => {
    expect(categoryLineWidth(10)).toBe(6);
    expect(categoryLineWidth(3)).toBe(20);
    expect(categoryLineWidth(40)).toBe(4);
  });
});
