import { isAnnualPeriod, periodMonth } from './observationChoice';

const MONTHS_EN = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'] as const;

/**
 * A period label as the UI shows it. The stored label is data ('1-11月',
 * '上半年', '11月末', 'annual') and stays as typed, in SQL, in exports and in
 * Chinese text; English text says what the board reads it as (`periodMonth`,
 * the one parser of period labels): 'Jan–Nov', 'H1', 'Q1–Q3', 'end of Nov',
 * 'full year'. A label the board does not understand is shown as stored.
 */
export function periodLabel(period: string, language: 'zh' | 'en'): string {
  const text = period.trim();
  if (isAnnualPeriod(text)) return language === 'en' ? 'full year' : '全年';
  if (language === 'zh') return period;
  const month = periodMonth(text);
  if (month === null) return period;
  const name = MONTHS_EN[month - 1]!;
  if (/月(份)?末$/.test(text)) return `end of ${name}`;
  if (/上半年|H1/i.test(text)) return 'H1';
  if (/一季度|Q1/i.test(text) && month === 3) return 'Q1';
  if (/三季度|Q3/i.test(text)) return 'Q1–Q3';
  return month === 1 ? 'Jan' : `Jan–${name}`;
}

/**
 * The stored period for what a planner typed: the whole year as shown in
 * either language (全年, full year) or as data ('annual', 'Y') is 'annual',
 * the label every bundled row uses; anything else is kept as typed.
 */
export function periodFromLabel(typed: string): string {
  const text = typed.trim();
  return isAnnualPeriod(text) || text.toLowerCase() === periodLabel('annual', 'en') ? 'annual' : text;
}
