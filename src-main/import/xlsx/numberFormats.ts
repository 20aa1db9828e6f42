/**
 * What a cell's number format says about its value: a date or time (shown
 * as text the way the previous reader gave it), or a percent.
 */

/** Built-in number formats that show dates or times (14–22, 45–47; 27–36 and 50–58 in Chinese, Japanese and Korean Excel). */
export function builtinIsDate(id: number): boolean {
  return (id >= 14 && id <= 22) || (id >= 27 && id <= 36) || (id >= 45 && id <= 47) || (id >= 50 && id <= 58);
}

/** Whether a number format code shows a date or time: y, m, d, h or s outside quotes, escapes and [colour]/[$-locale] brackets. */
export function formatIsDate(code: string): boolean {
  const bare = code
    .replace(/"[^"]*"/g, '')
    .replace(/\\./g, '')
    .replace(/\[(?![hms]+\])[^\]]*\]/gi, '')
    .replace(/General/gi, '')
    .replace(/[eE][+-]/g, '');
  const section = bare.split(';')[0] ?? '';
  return /[ymdhs]/i.test(section) || /\[[hms]+\]/i.test(section);
}

function pad(value: number): string {
  return String(value).padStart(2, '0');
}

/** A date serial as `YYYY-MM-DD` (with ` HH:MM:SS` when it has a time), in the workbook's 1900 or 1904 date system. */
export function serialDateText(serial: number, date1904: boolean): string | null {
  if (!Number.isFinite(serial) || serial < 0 || serial >= 2958466) return null;
  let days = Math.floor(serial);
  let seconds = Math.round((serial - days) * 86400);
  if (seconds >= 86400) {
    days += 1;
    seconds -= 86400;
  }
  let day: string;
  if (!date1904 && days === 60) {
    // Excel's 1900-02-29, a day that never was (kept from Lotus 1-2-3).
    day = '1900-02-29';
  } else {
    const epoch = date1904 ? Date.UTC(1904, 0, 1) : Date.UTC(1899, 11, 31);
    const date = new Date(epoch + (date1904 || days < 60 ? days : days - 1) * 86400000);
    day = `${date.getUTCFullYear()}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())}`;
  }
  if (seconds === 0) return day;
  return `${day} ${pad(Math.floor(seconds / 3600))}:${pad(Math.floor(seconds / 60) % 60)}:${pad(seconds % 60)}`;
}

const ISO_DATE = /^(\d{4}-\d{2}-\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2}))?)?/;

export function isoDateText(text: string): string {
  const match = ISO_DATE.exec(text.trim());
  if (!match) return text;
  const [, day, hours, minutes, seconds] = match;
  if (hours === undefined || (hours === '00' && minutes === '00' && (seconds ?? '00') === '00')) return day!;
  return `${day} ${hours}:${minutes}:${seconds ?? '00'}`;
}
