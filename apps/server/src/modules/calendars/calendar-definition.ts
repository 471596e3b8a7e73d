import {
  civilDateOf,
  epochDayOf,
  hijriMonthStart,
  iranianHolidays,
  type CalendarDefinition,
  type DateHours,
  type Holiday,
  type HijriMonthStart,
  type IranHoliday,
  type TimeRange,
} from '@pishkhan/calendar';
import type { CalendarRow, HijriConfirmationRow, HolidayRow } from './calendars.repository.ts';

/** Jalali years of official holidays compiled around today (due times reach a few years at most). */
export const OFFICIAL_YEARS_BEFORE = 3;
export const OFFICIAL_YEARS_AFTER = 10;

type StoredDateHours = { date: { calendar: 'jalali' | 'gregorian'; year: number; month: number; day: number }; hours?: TimeRange[]; breaks?: TimeRange[] };

export function weekOf(row: CalendarRow): CalendarDefinition['week'] {
  return JSON.parse(row.week) as CalendarDefinition['week'];
}

export function dateHoursOf(row: CalendarRow): StoredDateHours[] {
  return JSON.parse(row.date_hours) as StoredDateHours[];
}

/** Where Hijri months start in Iran: an admin's confirmation first, then the official table, then the estimate. */
export function hijriStarts(confirmations: readonly HijriConfirmationRow[]): (year: number, month: number) => HijriMonthStart {
  const confirmed = new Map(confirmations.map((c) => [c.hijri_year * 12 + c.hijri_month - 1, c.epoch_day]));
  return (year, month) => {
    const day = confirmed.get(year * 12 + month - 1);
    return day === undefined ? hijriMonthStart(year, month) : { epochDay: day, estimated: false };
  };
}

/** Iran's official holidays of one Jalali year, with the confirmed Hijri month starts applied. */
export function officialHolidaysOf(jalaliYear: number, confirmations: readonly HijriConfirmationRow[]): IranHoliday[] {
  return iranianHolidays(jalaliYear, hijriStarts(confirmations));
}

/**
 * The stored calendar as `packages/calendar` data: its week and date hours, its stored holidays
 * (a closure of some hours becomes a break that date), and — when it follows them — Iran's official
 * holidays for the Jalali years `[fromYear, toYear]`.
 */
export function definitionOf(
  row: CalendarRow,
  holidays: readonly HolidayRow[],
  confirmations: readonly HijriConfirmationRow[],
  years: { fromYear: number; toYear: number },
): CalendarDefinition {
  const out: Holiday[] = [];
  const dateHours = new Map<number, DateHours>();
  for (const d of dateHoursOf(row)) dateHours.set(epochDayOf(d.date), { date: d.date, ...(d.hours ? { hours: d.hours } : {}), ...(d.breaks ? { breaks: d.breaks } : {}) });
  for (const h of holidays) {
    if (h.epoch_day === null) {
      out.push({ kind: 'yearly', month: h.jalali_month!, day: h.jalali_day!, name: h.name_fa });
    } else if (h.hours) {
      const prev = dateHours.get(h.epoch_day) ?? { date: civilDateOf(h.epoch_day, 'gregorian') };
      dateHours.set(h.epoch_day, { ...prev, breaks: [...(prev.breaks ?? []), ...(JSON.parse(h.hours) as TimeRange[])] });
    } else {
      out.push({ kind: 'date', date: civilDateOf(h.epoch_day, 'gregorian'), name: h.name_fa });
    }
  }
  if (row.official_holidays === 1) {
    for (let y = years.fromYear; y <= years.toYear; y++) {
      for (const h of officialHolidaysOf(y, confirmations)) out.push({ kind: 'date', date: h.date, name: h.name.fa });
    }
  }
  return { name: row.name, timeZone: row.time_zone, week: weekOf(row), holidays: out, dateHours: [...dateHours.values()] };
}
