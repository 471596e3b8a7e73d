import type { Lang } from './i18n.ts';

/** How a user reads dates and numbers: their preferences (Jalali and Persian digits by default in fa). */
export interface DisplayPrefs {
  language: Lang;
  calendar: 'jalali' | 'gregorian';
  digits: 'persian' | 'latin';
  timeZone: string;
}

export const DEFAULT_PREFS: DisplayPrefs = { language: 'fa', calendar: 'jalali', digits: 'persian', timeZone: 'Asia/Tehran' };

export function locale(p: DisplayPrefs): string {
  const calendar = p.calendar === 'jalali' ? 'persian' : 'gregory';
  const nu = p.digits === 'persian' ? 'arabext' : 'latn';
  return `${p.language === 'fa' ? 'fa-IR' : 'en-GB'}-u-ca-${calendar}-nu-${nu}`;
}

export function formatNumber(value: number, p: DisplayPrefs): string {
  return new Intl.NumberFormat(locale(p), { useGrouping: false }).format(value);
}

/** A count (queue sidebar), grouped in the user's digits: "1,000" / "۱٬۰۰۰". */
export function formatCount(value: number, p: DisplayPrefs): string {
  return new Intl.NumberFormat(locale(p)).format(value);
}

/** Digits of any text (a ticket number like "#10001") in the user's digit form. */
export function localDigits(text: string, p: DisplayPrefs): string {
  if (p.digits === 'latin') return text.replace(/[۰-۹]/g, (d) => String(d.charCodeAt(0) - 0x06f0));
  return text.replace(/[0-9]/g, (d) => String.fromCharCode(0x06f0 + Number(d)));
}

/** Date and time in the user's calendar and zone, built from parts (the 'full' styles order parts oddly). */
export function formatDateTime(instant: string | Date, p: DisplayPrefs, withTime = true): string {
  const date = typeof instant === 'string' ? new Date(instant) : instant;
  const parts = new Intl.DateTimeFormat(locale(p), {
    timeZone: p.timeZone,
    year: 'numeric',
    month: 'long',
    day: 'numeric',
    ...(withTime ? { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' as const } : {}),
  }).formatToParts(date);
  const get = (type: string) => parts.find((x) => x.type === type)?.value ?? '';
  const day = `${get('day')} ${get('month')} ${get('year')}`;
  return withTime ? `${day}، ${get('hour')}:${get('minute')}`.replace('،', p.language === 'fa' ? '،' : ',') : day;
}

const UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ['year', 365 * 86_400],
  ['month', 30 * 86_400],
  ['week', 7 * 86_400],
  ['day', 86_400],
  ['hour', 3_600],
  ['minute', 60],
  ['second', 1],
];

/** "۵ دقیقه پیش" / "5 minutes ago". */
export function relativeTime(instant: string | Date, now: Date, p: DisplayPrefs): string {
  const seconds = Math.round(((typeof instant === 'string' ? new Date(instant) : instant).getTime() - now.getTime()) / 1000);
  const format = new Intl.RelativeTimeFormat(locale(p), { numeric: 'auto' });
  for (const [unit, size] of UNITS) {
    if (Math.abs(seconds) >= size || unit === 'second') return format.format(Math.trunc(seconds / size), unit);
  }
  return format.format(0, 'second');
}
