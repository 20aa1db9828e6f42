import { isAnnualPeriod } from './observationChoice';

const MONTHS_EN = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'] as const;

function monthEn(month: number): string | null {
  return MONTHS_EN[month - 1] ?? null;
}

/**
 * A period label as the UI shows it. The stored label is data ('1-11月',
 * '上半年', '11月末', 'annual') and stays as typed, in SQL, in exports and in
 * Chinese text; English text reads it as 'Jan–Nov', 'H1', 'end of Nov',
 * 'full year'. A label it does not understand is shown as stored.
 */
export function periodLabel(period: string, language: 'zh' | 'en'): string {
  const text = period.trim();
  if (isAnnualPeriod(text)) return language === 'en' ? 'full year' : '全年';
  if (language === 'zh') return period;
  const range = /^(\d{1,2})\s*[-–—~至到]\s*(\d{1,2})\s*月(份)?$/.exec(text);
  if (range) {
    const from = monthEn(Number(range[1]));
    const to = monthEn(Number(range[2]));
    if (from && to) return from === to ? from : `${from}–${to}`;
  }
  const single = /^(\d{1,2})\s*月(份)?(末|底)?$/.exec(text);
  if (single) {
    const month = monthEn(Number(single[1]));
    if (month) return single[3] ? `end of ${month}` : month;
  }
  const quarters: Record<string, string> = { 上半年: 'H1', 下半年: 'H2', 一季度: 'Q1', 第一季度: 'Q1', 前三季度: 'Q1–Q3', 三季度: 'Q3', 第三季度: 'Q3' };
  return quarters[text] ?? period;
}
