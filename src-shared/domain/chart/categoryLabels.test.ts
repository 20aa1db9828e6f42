import { describe, expect, it } from 'vitest';
import { categoryLineWidth, categoryTicks, MAX_LABEL_LINES, namesWantRows, rowCategoryTicks, wrapCategoryLabel } from './categoryLabels';

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

describe('categoryTicks', () => {
  const names = (count: number) => Array.from({ length: count }, (_unused, index) => `慈溪市某某科技有限公司${index}`);

  it('labels every category while each label still gets two characters a line', () => {
    const ticks = categoryTicks(names(17));
    expect(ticks.tickvals).toEqual(names(17));
    expect(ticks.lines[0]).toEqual(['慈溪', '市某', '某科', '技有', '限公', '司0']);
  });

  it('beyond that, labels every k-th category from the first, each with room to be read', () => {
    const ticks = categoryTicks(names(300));
    expect(ticks.tickvals).toEqual(['慈溪市某某科技有限公司0', '慈溪市某某科技有限公司38', '慈溪市某某科技有限公司76', '慈溪市某某科技有限公司114', '慈溪市某某科技有限公司152', '慈溪市某某科技有限公司190', '慈溪市某某科技有限公司228', '慈溪市某某科技有限公司266']);
    expect(ticks.lines[1]).toEqual(['慈溪市某', '某科技有', '限公司38']);
    expect(categoryTicks(names(10_000)).tickvals).toHaveLength(8);
    expect(categoryTicks(names(18)).tickvals).toEqual(names(18).filter((_name, index) => index % 3 === 0));
  });

  it('ends a name longer than six lines with …, on a line no wider than the others', () => {
    const long = '宁波市慈溪市某某智能家电科技股份有限公司第二研发中心（工程技术）';
    const { lines } = categoryTicks([long, ...names(29)]);
    expect(lines[0]).toHaveLength(MAX_LABEL_LINES);
    expect(lines[0]).toEqual(['宁波市慈', '溪市某某', '智能家电', '科技股份', '有限公司', '第二研…']);
    // Six lines exactly are kept whole.
    expect(categoryTicks(['慈溪市某某科技有限公司研发中心第一二三四五六七八', ...names(29)]).lines[0]).toEqual(['慈溪市某', '某科技有', '限公司研', '发中心第', '一二三四', '五六七八']);
  });
});

describe('rowCategoryTicks', () => {
  it('gives each row label twelve characters a line and two lines while the rows are tall enough', () => {
    const { tickvals, lines } = rowCategoryTicks(['宁波市级企业技术研发中心（慈溪）新认定', '坎墩'], 14, 300);
    expect(tickvals).toEqual(['宁波市级企业技术研发中心（慈溪）新认定', '坎墩']);
    expect(lines).toEqual([['宁波市级企业技术研发中心', '（慈溪）新认定'], ['坎墩']]);
  });
  it('keeps the ten target names of sample notebook 00 whole on one line each', () => {
    const names = ['有效高新技术企业', '规上工业研发费用', 'R&D经费占GDP比重', '新增省科技型中小企业', '新增宁波市级以上研发机构', '研发机构覆盖率', '研发活动覆盖率', '产业创新集群', '小家电公共服务中心', '镇街科技服务站覆盖率'];
    expect(rowCategoryTicks(names, 14, 300).lines).toEqual(names.map((name) => [name]));
  });
  it('gives thin rows one line, ending a longer name with …', () => {
    const names = Array.from({ length: 15 }, (_, index) => `第${index + 1}个很长的高新技术企业名称称`);
    const { tickvals, lines } = rowCategoryTicks(names, 14, 300);
    expect(tickvals).toHaveLength(15);
    expect(lines.every((label) => label.length === 1 && label[0]!.endsWith('…'))).toBe(true);
  });
  it('labels every row while the plot holds a line each, then every k-th, never closer than a line', () => {
    const names = (count: number) => Array.from({ length: count }, (_, index) => `企业${index}`);
    // 300 px hold 17 lines of 16.8 px.
    expect(rowCategoryTicks(names(17), 14, 300).tickvals).toHaveLength(17);
    expect(rowCategoryTicks(names(18), 14, 300).tickvals).toEqual(names(18).filter((_, index) => index % 2 === 0));
    const many = rowCategoryTicks(names(1000), 14, 300).tickvals;
    expect(many[0]).toBe('企业0');
    expect(many).toHaveLength(17);
    expect(many[1]).toBe('企业59');
  });
});

describe('namesWantRows', () => {
  it('says rows when some name would take more than two lines under its column', () => {
    expect(namesWantRows(['全市', '宗汉', '坎墩'])).toBe(false);
    expect(namesWantRows(['高新技术企业', '科技型中小企业', '研发机构'])).toBe(false);
    expect(namesWantRows(Array.from({ length: 10 }, (_, index) => `慈溪市第${index + 1}镇高新技术产业园区`))).toBe(true);
  });
});
