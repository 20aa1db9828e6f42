import { describe, expect, it } from 'vitest';
import { tsvField, tsvFromRows } from './tsvText';

describe('TSV for pasting into Excel/WPS', () => {
  it('quotes only fields that need it', () => {
    expect(tsvField('慈溪市')).toBe('慈溪市');
    expect(tsvField('a\tb')).toBe('"a\tb"');
    expect(tsvField('第一行\n第二行')).toBe('"第一行\n第二行"');
    expect(tsvField('say "hi"')).toBe('"say ""hi"""');
  });
  it('joins fields with tabs and rows with CRLF, keeping empty cells', () => {
    expect(tsvFromRows([['年份', '数值'], ['2023', '817.5'], ['2022', '']])).toBe('年份\t数值\r\n2023\t817.5\r\n2022\t');
  });
});
