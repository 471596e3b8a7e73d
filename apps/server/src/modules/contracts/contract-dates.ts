import { civilDateOf, epochDayOf, isoDateOf, isValidCivilDate, jalaliMonthLength, offsetAt, parseIsoDate, wallToInstant, type YearMonthDay } from '@pishkhan/calendar';

/** Contract days are days in the desk's zone: Iran's. */
export const CONTRACT_ZONE = 'Asia/Tehran';
const DAY = 86_400_000;

/** The ISO date (Gregorian) of an instant in Tehran. */
export function dayOf(instant: number): string {
  return isoDateOf(Math.floor((instant + offsetAt(CONTRACT_ZONE, instant)) / DAY));
}

/** The instant a day starts in Tehran. */
export function startOfDay(iso: string): number {
  return wallToInstant(CONTRACT_ZONE, epochDayOf(parseIsoDate(iso)) * DAY);
}

/** The day after, as ISO. */
export function nextDay(iso: string, days = 1): string {
  return isoDateOf(epochDayOf(parseIsoDate(iso)) + days);
}

export function isValidIsoDate(iso: string): boolean {
  try {
    return isValidCivilDate(parseIsoDate(iso));
  } catch {
    return false;
  }
}

export function jalaliOf(iso: string): YearMonthDay {
  const { year, month, day } = civilDateOf(epochDayOf(parseIsoDate(iso)), 'jalali');
  return { year, month, day };
}

/** A Jalali month as the instants [from, to) in Tehran. */
export function jalaliMonthBounds(year: number, month: number): { from: number; to: number } {
  const first = epochDayOf({ calendar: 'jalali', year, month, day: 1 });
  const length = jalaliMonthLength(year, month);
  return { from: wallToInstant(CONTRACT_ZONE, first * DAY), to: wallToInstant(CONTRACT_ZONE, (first + length) * DAY) };
}

/** `YYYY-MM` of the Jalali month an instant falls in (Tehran). */
export function jalaliMonthOf(instant: number): string {
  const j = jalaliOf(dayOf(instant));
  return `${j.year}-${String(j.month).padStart(2, '0')}`;
}
