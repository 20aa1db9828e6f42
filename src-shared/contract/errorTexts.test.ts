import { describe, expect, it } from 'vitest';
import { bilingual, errorText, errorTextPlaceholders, isErrorTextCode, localizedError, localizedMessage } from './errorTexts';
import { toErrorEnvelope } from './WorkbenchError';

describe('errorTexts', () => {
  it('gives every code the same placeholders in both languages', () => {
    for (const [code, names] of Object.entries(errorTextPlaceholders())) expect(names.zh, code).toEqual(names.en);
  });

  it('fills values, and phrases in the language asked for', () => {
    const params = { file: '指标.xlsx', where: bilingual(' (sheet "表1")', '（工作表“表1”）') };
    expect(errorText('import-empty-sheet', params, 'en')).toBe('指标.xlsx (sheet "表1"): no table found; the sheet is empty.');
    expect(errorText('import-empty-sheet', params, 'zh')).toBe('指标.xlsx（工作表“表1”）：没有找到表格，工作表是空的。');
  });

  it('makes a user error whose message is the English text and whose envelope carries the values', () => {
    const error = localizedError('import-decode', { file: 'a.csv', encoding: 'GB18030', line: 3, offset: 16 });
    expect(error.kind).toBe('user');
    expect(error.message).toBe('a.csv: bytes that are not valid GB18030 on line 3 (byte offset 16). Choose another encoding in the preview (--encoding on the command line).');
    const envelope = toErrorEnvelope(error);
    expect(envelope).toMatchObject({ code: 'import-decode', params: { file: 'a.csv', line: 3 } });
    expect(isErrorTextCode(envelope.code)).toBe(true);
    expect(errorText('import-decode', envelope.params!, 'zh')).toBe('a.csv：第 3 行（字节偏移 16）有不符合 GB18030 编码的字节。请在预览中选择其他编码（命令行用 --encoding）。');
    // It survives the wire (JSON) as it is.
    expect(JSON.parse(JSON.stringify(envelope))).toEqual(envelope);
  });

  it('keeps a shared code for callers that branch on it, with the text of its own', () => {
    const envelope = toErrorEnvelope(localizedError('notebook-is-folder', { path: '/tmp/笔记' }, undefined, 'notebook-missing'));
    expect(envelope).toMatchObject({ code: 'notebook-missing', text: 'notebook-is-folder', message: '/tmp/笔记 is a folder, not a notebook file.' });
    expect(localizedMessage(envelope, 'zh')).toBe('/tmp/笔记 是文件夹，不是笔记本文件。');
    // An error without values (DuckDB's own, or an older kind) has no localized text.
    expect(localizedMessage({ code: 'sql' }, 'zh')).toBeNull();
  });
});
