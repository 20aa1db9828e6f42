import { describe, expect, it } from 'vitest';
import { enCatalog } from '../../src-renderer/i18n/catalog';
import { errorText, errorTextPlaceholders, type ErrorTextCode } from '../../src-shared/contract/errorTexts';

/**
 * The window's only font is the bundled Noto Sans SC, whose curly quotes and
 * apostrophes are full-width: "Cixi’s" reads "Cixi ’ s". English text uses
 * straight ones (Chinese text keeps its “” quotes, which are right there).
 */
const CURLY = /[‘’“”]/;

describe('English UI text', () => {
  it('uses straight quotes and apostrophes', () => {
    expect(Object.entries(enCatalog).filter(([, text]) => CURLY.test(text)).map(([key]) => key)).toEqual([]);
    const codes = Object.keys(errorTextPlaceholders()) as ErrorTextCode[];
    expect(codes.filter((code) => CURLY.test(errorText(code, {}, 'en')))).toEqual([]);
  });
});
