import type { CivilDateValue, CreateCalendarBody, UpdateCalendarBody, WeekHours } from '@pishkhan/contracts';
import { epochDayOf, isValidCivilDate, parseTime, WEEKDAYS, type TimeRange } from '@pishkhan/calendar';
import { DomainError } from '../../platform/http/errors.ts';
import { invalidInput } from '../../platform/http/input-issues.ts';
import { CalendarErrors } from './calendars.errors.ts';
import type { CalendarTables } from './calendars.tables.ts';

/** The day number of a date a person entered; 400 when the date does not exist in its calendar. */
export function checkedDay(field: string, date: CivilDateValue): number {
  if (!isValidCivilDate(date)) throw invalidInput(field, 'civil_date');
  return epochDayOf(date);
}

/** Each interval ends after it starts (the schema already holds them to HH:MM). */
export function checkRanges(field: string, ranges: readonly (readonly [string, string])[]): void {
  ranges.forEach(([s, e], i) => {
    if (parseTime(e) <= parseTime(s)) throw invalidInput(`${field}[${i}]`, 'time_range');
  });
}

function checkTimeZone(zone: string): void {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
  } catch {
    throw invalidInput('timeZone', 'time_zone');
  }
}

function checkWeek(week: WeekHours): void {
  let any = false;
  for (const d of WEEKDAYS) {
    checkRanges(`week.${d}`, week[d] ?? []);
    if ((week[d] ?? []).length > 0) any = true;
  }
  if (!any) throw new DomainError(CalendarErrors['calendar.no_working_time']);
}

type Columns = Partial<Pick<CalendarTables['calendars'], 'name' | 'time_zone' | 'week' | 'date_hours' | 'display_calendar' | 'official_holidays'>>;

/** The columns a create or edit sets, checked: zone known, intervals ordered, dates real, some working time. */
export function calendarColumns(body: Omit<CreateCalendarBody, 'name'> & { name?: string } | Omit<UpdateCalendarBody, 'version'>): Columns {
  const out: Columns = {};
  if (body.name !== undefined) out.name = body.name;
  if (body.timeZone !== undefined) {
    checkTimeZone(body.timeZone);
    out.time_zone = body.timeZone;
  }
  if (body.week !== undefined) {
    checkWeek(body.week);
    out.week = JSON.stringify(body.week);
  }
  if (body.dateHours !== undefined) {
    body.dateHours.forEach((d, i) => {
      checkedDay(`dateHours[${i}].date`, d.date);
      checkRanges(`dateHours[${i}].hours`, d.hours ?? []);
      checkRanges(`dateHours[${i}].breaks`, d.breaks ?? []);
    });
    out.date_hours = JSON.stringify(body.dateHours);
  }
  if (body.displayCalendar !== undefined) out.display_calendar = body.displayCalendar;
  if (body.officialHolidays !== undefined) out.official_holidays = body.officialHolidays ? 1 : 0;
  return out;
}

export type { TimeRange };
