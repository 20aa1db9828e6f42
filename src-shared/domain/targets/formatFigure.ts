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

/**
 * A simulated probability of meeting a target, as a whole percentage. The
 * ends are never printed as certain: a share of simulated paths above 99 %
 * reads "> 99%" and below 1 % "< 1%", because the paths come from a model
 * whose spread is itself estimated from a few years (2,000 or 100,000 paths
 * all meeting a target says the model is sure, not that the planner can be).
 */
export function formatProbability(probability: number): string {
  if (!Number.isFinite(probability)) return '—';
  if (probability > 0.99) return '> 99%';
  if (probability < 0.01) return '< 1%';
  return `${Math.round(probability * 100)}%`;
}

/** A unit written after a number: "1,000 家", "3.53%" (no space before %). */
export function withUnit(text: string, unit: string): string {
  if (!unit) return text;
  return unit === '%' ? `${text}%` : `${text} ${unit}`;
}
