/**
 * Reading figures as the bureau writes them ("165.3亿元", "6.40%", "近两千万元",
 * "超过千家", "全覆盖") and checking derived values' formulas. Used by the
 * dataset tests to prove that every bundled number is what the seed says.
 */

const DIGITS: Record<string, number> = { 零: 0, 〇: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };
const SMALL_UNITS: Record<string, number> = { 十: 10, 百: 100, 千: 1000 };

/**
 * The number a figure text states, in the figure's own unit: "24480.1万元" is
 * 24480.1 (万元), "两千万元" is 2000 (万元), "破百亿" is 100 (亿), "全覆盖" is
 * 100 (%). Arabic digits win over Chinese numerals; 万 and 亿 are read as part
 * of the unit, never as multipliers. Null when the text states no number.
 */
export function parseFigureText(text: string): number | null {
  if (text.includes('全覆盖')) return 100;
  const arabic = /\d+(?:,\d{3})*(?:\.\d+)?/.exec(text);
  if (arabic) return Number(arabic[0].replaceAll(',', ''));
  const run = /[零〇一二两三四五六七八九十百千]+/.exec(text);
  return run ? parseChineseNumber(run[0]) : null;
}

/** 一 to 九千九百九十九 (with 两, and a bare 十/百/千 meaning one of it). */
export function parseChineseNumber(text: string): number | null {
  let total = 0;
  let pending: number | null = null;
  for (const char of text) {
    if (char in DIGITS) {
      if (pending !== null) return null;
      pending = DIGITS[char]!;
    } else if (char in SMALL_UNITS) {
      total += (pending ?? 1) * SMALL_UNITS[char]!;
      pending = null;
    } else {
      return null;
    }
  }
  return total + (pending ?? 0);
}

/**
 * Evaluates the arithmetic after the last "=" of a recorded formula, e.g.
 * "x[2023] / (1 + g[2023] / 100) = 165.3 / (1 + 6.40 / 100)". Numbers,
 * + - * / and parentheses only; anything else is an error naming the spot.
 */
export function evaluateFormula(formula: string): number {
  const expression = formula.slice(formula.lastIndexOf('=') + 1);
  let position = 0;
  const fail = (what: string): never => {
    throw new Error(`Formula "${formula}": ${what} at character ${formula.length - expression.length + position + 1}`);
  };
  const skipSpaces = () => {
    while (expression[position] === ' ') position++;
  };
  const primary = (): number => {
    skipSpaces();
    if (expression[position] === '(') {
      position++;
      const value = sum();
      skipSpaces();
      if (expression[position] !== ')') fail('expected ")"');
      position++;
      return value;
    }
    if (expression[position] === '-') {
      position++;
      return -primary();
    }
    const match = /^\d+(?:\.\d+)?/.exec(expression.slice(position));
    if (!match) return fail('expected a number');
    position += match[0].length;
    return Number(match[0]);
  };
  const product = (): number => {
    let value = primary();
    for (;;) {
      skipSpaces();
      const operator = expression[position];
      if (operator !== '*' && operator !== '/') return value;
      position++;
      const right = primary();
      value = operator === '*' ? value * right : value / right;
    }
  };
  const sum = (): number => {
    let value = product();
    for (;;) {
      skipSpaces();
      const operator = expression[position];
      if (operator !== '+' && operator !== '-') return value;
      position++;
      const right = product();
      value = operator === '+' ? value + right : value - right;
    }
  };
  const value = sum();
  skipSpaces();
  if (position < expression.length) fail(`unexpected "${expression[position]}"`);
  return value;
}

/** Decimal places a value is written with: 155.36 → 2, 13 → 0. */
export function decimalPlaces(value: number): number {
  const text = String(value);
  const dot = text.indexOf('.');
  return dot === -1 ? 0 : text.length - dot - 1;
}
