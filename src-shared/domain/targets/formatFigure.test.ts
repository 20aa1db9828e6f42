import { describe, expect, it } from 'vitest';
import { formatFigure, formatProbability, formatRate, withUnit } from './formatFigure';

describe('formatFigure', () => {
  it('rounds counts to whole numbers, percentages to two decimals, groups thousands', () => {
    expect(formatFigure(1003.6, '家')).toBe('1,004');
    expect(formatFigure(3.5349, '%')).toBe('3.53');
    expect(formatFigure(99.456, '亿元')).toBe('99.46');
    expect(formatFigure(12345.67, '万元')).toBe('12,345.7');
    expect(formatFigure(Number.NaN, '家')).toBe('—');
    expect(formatRate(0.05234)).toBe('5.2%');
    expect(withUnit('3.53', '%')).toBe('3.53%');
    expect(withUnit('1,000', '家')).toBe('1,000 家');
  });
});

describe('formatProbability', () => {
  it('never prints a simulated probability as certain', () => {
    expect(formatProbability(1)).toBe('> 99%');
    expect(formatProbability(0.996)).toBe('> 99%');
    expect(formatProbability(0)).toBe('< 1%');
    expect(formatProbability(0.004)).toBe('< 1%');
  });
  it('rounds the rest to whole percentages, the edges included', () => {
    expect(formatProbability(0.99)).toBe('99%');
    expect(formatProbability(0.01)).toBe('1%');
    expect(formatProbability(0.4249)).toBe('42%');
    expect(formatProbability(Number.NaN)).toBe('—');
  });
});
