import { describe, expect, it } from 'vitest';
import { SCOPES } from './datasetRecords';
import { placeLabel, scopeLabel } from './placeLabel';

describe('placeLabel', () => {
  it('keeps the Chinese words in Chinese and reads every bundled scope in English', () => {
    expect(placeLabel({ region: '慈溪市', scope: '全市' }, 'zh')).toBe('慈溪市 · 全市');
    expect(placeLabel({ region: '慈溪市', scope: '市级' }, 'en')).toBe('Cixi · city level (without Qianwan)');
    expect(placeLabel({ region: '浙江省', scope: '全省' }, 'en')).toBe('Zhejiang · whole province');
    for (const scope of SCOPES) expect(scopeLabel(scope, 'en')).toMatch(/^[A-Za-z ()]+$/);
  });

  it('shows a place it does not know as written', () => {
    expect(placeLabel({ region: '观海卫镇', scope: '镇级' }, 'en')).toBe('观海卫镇 · 镇级');
  });
});
