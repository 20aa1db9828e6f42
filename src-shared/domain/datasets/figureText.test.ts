import { describe, expect, it } from 'vitest';
import { decimalPlaces, evaluateFormula, parseChineseNumber, parseFigureText } from './figureText';

describe('parseFigureText', () => {
  it('reads the forms the seed uses', () => {
    expect(parseFigureText('165.3亿元')).toBe(165.3);
    expect(parseFigureText('6.40%')).toBe(6.4);
    expect(parseFigureText('24480.1万元')).toBe(24480.1);
    expect(parseFigureText('1,000家')).toBe(1000);
    expect(parseFigureText('近两千万元')).toBe(2000);
    expect(parseFigureText('超过千家')).toBe(1000);
    expect(parseFigureText('研发费用破百亿')).toBe(100);
    expect(parseFigureText('打造十个')).toBe(10);
    expect(parseFigureText('四大公共服务中心')).toBe(4);
    expect(parseFigureText('研发活动全覆盖')).toBe(100);
    expect(parseFigureText('万人计划5项')).toBe(5);
    expect(parseFigureText('研究院')).toBeNull();
  });

  it('reads Chinese numerals', () => {
    expect(parseChineseNumber('三千五百二十')).toBe(3520);
    expect(parseChineseNumber('十二')).toBe(12);
    expect(parseChineseNumber('两百')).toBe(200);
    expect(parseChineseNumber('三五')).toBeNull();
  });
});

describe('evaluateFormula', () => {
  it('evaluates the arithmetic after the last "="', () => {
    expect(evaluateFormula('x[2023] / (1 + g[2023] / 100) = 165.3 / (1 + 6.40 / 100)')).toBeCloseTo(155.357, 3);
    expect(evaluateFormula('a + b = 8 + 5')).toBe(13);
    expect(evaluateFormula('2 * 3 - -1')).toBe(7);
  });

  it('names the spot of a malformed formula', () => {
    expect(() => evaluateFormula('x = 1 + ')).toThrow('Formula "x = 1 + ": expected a number at character 9');
    expect(() => evaluateFormula('x = (1 + 2')).toThrow('expected ")"');
    expect(() => evaluateFormula('x = 1 % 2')).toThrow('unexpected "%"');
  });

  it('counts decimal places', () => {
    expect(decimalPlaces(155.36)).toBe(2);
    expect(decimalPlaces(13)).toBe(0);
  });
});
