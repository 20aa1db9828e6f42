import { describe, expect, it } from 'vitest';
import { nameIn, translator } from './translate';

describe('translator', () => {
  it('says one of a count in the singular in English, any other number in the plural; Chinese has no plural', () => {
    const en = translator('en');
    expect(en('charts.briefing.done', { path: 'a.docx', figures: 1, tables: 2 })).toBe('Briefing written: a.docx (1 figure, 2 tables)');
    expect(en('charts.briefing.done', { path: 'a.docx', figures: 0, tables: '1' })).toBe('Briefing written: a.docx (0 figures, 1 table)');
    expect(en('charts.briefing.done', { path: 'a.docx', figures: 11, tables: 21 })).toBe('Briefing written: a.docx (11 figures, 21 tables)');
    expect(en('target.pace.points', { points: 1 })).toBe('1 percentage point to go');
    expect(en('import.notes', { count: 1 })).toBe('1 footnote row skipped');
    expect(translator('zh-CN')('charts.briefing.done', { path: 'a.docx', figures: 1, tables: 2 })).toBe('简报已生成：a.docx（1 张图，2 张表）');
  });
});

describe('nameIn', () => {
  it('shows the name of the UI language, and the Chinese name where no English one was given', () => {
    const named = { nameZh: '有效高新技术企业', nameEn: 'Valid high-tech enterprises' };
    expect(nameIn('zh-CN', named)).toBe('有效高新技术企业');
    expect(nameIn('en', named)).toBe('Valid high-tech enterprises');
    expect(nameIn('en', { ...named, nameEn: ' ' })).toBe('有效高新技术企业');
  });
});
