import type { CalendarMonth, CalendarSystemName } from '@pishkhan/contracts';
import { compileCalendar, epochDayOf, monthGrid, type CivilDate } from '@pishkhan/calendar';
import { definitionOf, officialHolidaysOf } from './calendar-definition.ts';
import type { CalendarRow, HijriConfirmationRow, HolidayRow } from './calendars.repository.ts';

type DayHoliday = CalendarMonth['weeks'][number][number]['holidays'][number];

const hhmm = (minutes: number) => `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
const plain = (d: CivilDate) => ({ calendar: d.calendar, year: d.year, month: d.month, day: d.day });

/**
 * The month view of a calendar (the admin's page and the web pickers): Saturday-first weeks, each
 * day with its working intervals on the wall clock, the holidays that fall on it and whether one
 * rests on an estimated Hijri month start.
 */
export function calendarMonth(
  row: CalendarRow,
  holidays: readonly HolidayRow[],
  confirmations: readonly HijriConfirmationRow[],
  system: CalendarSystemName,
  year: number,
  month: number,
): CalendarMonth {
  const grid = monthGrid(system, year, month);
  const days = grid.weeks.flat();
  const jalaliYears = [...new Set(days.map((d) => d.jalali.year))];
  const compiled = compileCalendar(
    definitionOf(row, holidays, confirmations, { fromYear: Math.min(...jalaliYears), toYear: Math.max(...jalaliYears) }),
  );
  const byDay = new Map<number, DayHoliday[]>();
  const add = (day: number, h: DayHoliday) => byDay.set(day, [...(byDay.get(day) ?? []), h]);
  if (row.official_holidays === 1) {
    for (const y of jalaliYears) {
      for (const h of officialHolidaysOf(y, confirmations)) add(epochDayOf(h.date), { name: h.name, kind: 'official', estimated: h.estimated, region: null });
    }
  }
  for (const d of days) {
    for (const h of holidays) {
      const on = h.epoch_day === null ? d.jalali.month === h.jalali_month && d.jalali.day === h.jalali_day : h.epoch_day === d.epochDay;
      if (on) add(d.epochDay, { name: { fa: h.name_fa, en: h.name_en }, kind: h.kind as DayHoliday['kind'], estimated: false, region: h.region });
    }
  }
  const weeks = grid.weeks.map((week) =>
    week.map((d) => {
      const minutes = compiled.localMinutes(d.epochDay);
      const working: [string, string][] = [];
      for (let i = 0; i < minutes.length; i += 2) working.push([hhmm(minutes[i]!), hhmm(minutes[i + 1]!)]);
      const list = byDay.get(d.epochDay) ?? [];
      return { jalali: plain(d.jalali), gregorian: plain(d.gregorian), weekday: d.weekday, inMonth: d.inMonth, working, holidays: list, estimated: list.some((h) => h.estimated) };
    }),
  );
  return { calendarId: row.id, version: row.version, calendar: system, year, month, weeks };
}
