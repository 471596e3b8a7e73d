import { d2g, d2j, g2d, isLeapJalaaliYear, isValidJalaaliDate, j2d, jalaaliMonthLength } from 'jalaali-js';

/** A calendar date without a time: year, month (1–12) and day (1–31) in one calendar system. */
export interface YearMonthDay {
  year: number;
  month: number;
  day: number;
}

/** Which calendar system a date is written in. */
export type CalendarSystem = 'jalali' | 'gregorian';

/** A date as a person enters or reads it: Jalali or Gregorian, as the calendar's users prefer. */
export interface CivilDate extends YearMonthDay {
  calendar: CalendarSystem;
}

/** Days of the week, in the Iranian order (the week starts on Saturday). */
export const WEEKDAYS = ['sat', 'sun', 'mon', 'tue', 'wed', 'thu', 'fri'] as const;
/** A day of the week. */
export type Weekday = (typeof WEEKDAYS)[number];

/** Julian day number of 1970-01-01, the epoch of our day numbers. */
const EPOCH_JDN = 2440588;

/** Gregorian → Jalali (jalaali-js, Borkowski's algorithm; Jalali years −61…3177, else RangeError). */
export function toJalali(date: YearMonthDay): YearMonthDay {
  const j = d2j(g2d(date.year, date.month, date.day));
  return { year: j.jy, month: j.jm, day: j.jd };
}

/** Jalali → Gregorian; RangeError outside the supported Jalali years −61…3177. */
export function toGregorian(date: YearMonthDay): YearMonthDay {
  const g = d2g(j2d(date.year, date.month, date.day));
  return { year: g.gy, month: g.gm, day: g.gd };
}

/** Is this Jalali year a leap year (Esfand has 30 days)? */
export function isJalaliLeapYear(year: number): boolean {
  return isLeapJalaaliYear(year);
}

/** Days in a Jalali month: 31 for months 1–6, 30 for 7–11, 29 or 30 (leap) for Esfand. */
export function jalaliMonthLength(year: number, month: number): number {
  return jalaaliMonthLength(year, month);
}

/** Days in a Gregorian month. */
export function gregorianMonthLength(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** Is this a real date of its calendar (Jalali within −61…3177)? */
export function isValidCivilDate(date: CivilDate): boolean {
  const { year, month, day } = date;
  if (!Number.isInteger(year) || !Number.isInteger(month) || !Number.isInteger(day)) return false;
  if (date.calendar === 'jalali') return isValidJalaaliDate(year, month, day);
  return month >= 1 && month <= 12 && day >= 1 && day <= gregorianMonthLength(year, month);
}

/**
 * Day number of a date: days since 1970-01-01 (Gregorian). The common currency of this package:
 * both calendars convert through it, and it never depends on a time zone.
 */
export function epochDayOf(date: CivilDate): number {
  if (!isValidCivilDate(date)) throw new RangeError(`not a valid ${date.calendar} date: ${date.year}-${date.month}-${date.day}`);
  if (date.calendar === 'jalali') return j2d(date.year, date.month, date.day) - EPOCH_JDN;
  return Math.round(Date.UTC(date.year, date.month - 1, date.day) / 86_400_000);
}

/** The date of a day number in the given calendar. */
export function civilDateOf(epochDay: number, calendar: CalendarSystem): CivilDate {
  if (calendar === 'jalali') {
    const j = d2j(epochDay + EPOCH_JDN);
    return { calendar, year: j.jy, month: j.jm, day: j.jd };
  }
  const d = new Date(epochDay * 86_400_000);
  return { calendar, year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}

/** The weekday of a day number (1970-01-01 was a Thursday). */
export function weekdayOf(epochDay: number): Weekday {
  return WEEKDAYS[(((epochDay + 5) % 7) + 7) % 7]!;
}

/** `YYYY-MM-DD` of a Gregorian date, e.g. for logs and test names. */
export function isoDateOf(epochDay: number): string {
  return new Date(epochDay * 86_400_000).toISOString().slice(0, 10);
}

/** A Gregorian `YYYY-MM-DD` string as a civil date. */
export function parseIsoDate(text: string): CivilDate {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!m) throw new RangeError(`not a YYYY-MM-DD date: ${text}`);
  return { calendar: 'gregorian', year: Number(m[1]), month: Number(m[2]), day: Number(m[3]) };
}
