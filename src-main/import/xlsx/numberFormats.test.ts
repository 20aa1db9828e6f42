import { describe, expect, it } from 'vitest';
import { formatIsDate, serialDateText } from './numberFormats';

describe('number formats and date serials', () => {
  it('tells date formats from others', () => {
    expect(['yyyy"年"m"月"d"日"', 'm/d/yy h:mm', '[h]:mm:ss', '[$-804]yyyy/m/d', 'mmm-yy'].map(formatIsDate)).toEqual([true, true, true, true, true]);
    expect(['0.00%', '#,##0.00', 'General', '0.00E+00', '"年"0', '[Red]0.0', '@'].map(formatIsDate)).toEqual([false, false, false, false, false, false, false]);
  });

  it('turns serials into dates as Excel shows them, with its 1900-02-29', () => {
    expect(serialDateText(1, false)).toBe('1900-01-01');
    expect(serialDateText(59, false)).toBe('1900-02-28');
    expect(serialDateText(60, false)).toBe('1900-02-29');
    expect(serialDateText(61, false)).toBe('1900-03-01');
    expect(serialDateText(45296.5, false)).toBe('2024-01-05 12:00:00');
    expect(serialDateText(45296.99999999, false)).toBe('2024-01-06');
    expect(serialDateText(0, true)).toBe('1904-01-01');
    expect(serialDateText(-1, false)).toBeNull();
  });
});
