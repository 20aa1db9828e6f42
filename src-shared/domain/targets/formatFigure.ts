/**
 * Numbers as the board shows them: counts (家, 个, 项, 人) as whole numbers,
 * percentages with two decimals, money (亿元, 万元) with one or two, always
 * grouped with commas. The unit is not appended; the caller places it.
 */
export function figureDecimals(unit: string): number {
  if (unit === '%') return 2;
  if (unit === '亿元') return 2;
  if (unit === '万元' || unit === '元') return 1;
  return 0;
}

export function formatFigure(value: number, unit: string, decimals = figureDecimals(unit)): string {
  if (!Number.isFinite(value)) return '—';
  return value.toLocaleString('en-US', { minimumFractionDigits: decimals, maximumFractionDigits: decimals });
}

/** A rate (0.0523) as a percentage with one decimal: "5.2%". */
export function formatRate(rate: number, decimals = 1): string {
  if (!Number.isFinite(rate)) return '—';
  return `${(rate * 100).toFixed(decimals)}%`;
}

/** A unit written after a number: "1,000 家", "3.53%" (no space before %). */
export function withUnit(text: string, unit: string): string {
  if (!unit) return text;
  return unit === '%' ? `${text}%` : `${text} ${unit}`;
}
