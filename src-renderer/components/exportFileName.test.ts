import { describe, expect, it } from 'vitest';
import { translator } from '../i18n/translate';
import { exportFileBase } from './exportFileName';

describe('exportFileBase', () => {
  it('uses local time, padded, to the second', () => {
    expect(exportFileBase('查询结果', new Date(2026, 0, 5, 9, 3, 7))).toBe('查询结果_20260105_090307');
    expect(exportFileBase('query_result', new Date(2026, 11, 31, 23, 59, 59))).toBe('query_result_20261231_235959');
  });

  it('has a word in each UI language, and the English one is not Chinese', () => {
    expect(translator('zh-CN')('export.fileBase')).toBe('查询结果');
    expect(translator('en')('export.fileBase')).toBe('query_result');
  });
});
