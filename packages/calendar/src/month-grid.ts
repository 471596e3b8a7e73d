import { civilDateOf, epochDayOf, gregorianMonthLength, jalaliMonthLength, weekdayOf, type CalendarSystem, type CivilDate, type Weekday } from './civil-date.ts';

/** One cell of a month view: the date in both calendars, its weekday, and whether it belongs to the month shown. */
export interface GridDay {
  epochDay: number;
  jalali: CivilDate;
  gregorian: CivilDate;
  weekday: Weekday;
  inMonth: boolean;
}

/** A month view: whole Saturday-first weeks covering the month, 4 to 6 rows of 7 days. */
export interface MonthGrid {
  calendar: CalendarSystem;
  year: number;
  month: number;
  weeks: GridDay[][];
}

/**
 * The Saturday-first weeks of a Jalali or Gregorian month, each day with its date in the other
 * calendar, for the web app's pickers and the admin's month view of a business calendar.
 */
export function monthGrid(calendar: CalendarSystem, year: number, month: number): MonthGrid {
  const first = epochDayOf({ calendar, year, month, day: 1 });
  const length = calendar === 'jalali' ? jalaliMonthLength(year, month) : gregorianMonthLength(year, month);
  const lead = (((first + 5) % 7) + 7) % 7; // days from the Saturday on or before the 1st
  const start = first - lead;
  const cells = Math.ceil((lead + length) / 7) * 7;
  const weeks: GridDay[][] = [];
  for (let i = 0; i < cells; i++) {
    const day = start + i;
    if (i % 7 === 0) weeks.push([]);
    weeks[weeks.length - 1]!.push({
      epochDay: day,
      jalali: civilDateOf(day, 'jalali'),
      gregorian: civilDateOf(day, 'gregorian'),
      weekday: weekdayOf(day),
      inMonth: day >= first && day < first + length,
    });
  }
  return { calendar, year, month, weeks };
}
