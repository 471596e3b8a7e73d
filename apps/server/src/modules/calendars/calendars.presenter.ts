import type { Calendar, CalendarHoliday, HijriConfirmation } from '@pishkhan/contracts';
import { civilDateOf } from '@pishkhan/calendar';
import type { Actor } from '../../platform/actor.ts';
import { abilities } from '../../platform/policy/index.ts';
import { dateHoursOf, weekOf } from './calendar-definition.ts';
import { CALENDAR_ACTIONS, calendarPolicy } from './calendars.policy.ts';
import type { CalendarHistoryRow, CalendarRow, HijriConfirmationRow, HolidayRow } from './calendars.repository.ts';

const iso = (ms: number) => new Date(ms).toISOString();
type System = 'jalali' | 'gregorian';
const system = (row: CalendarRow): System => (row.display_calendar === 'gregorian' ? 'gregorian' : 'jalali');
const both = (day: number) => ({ jalali: civilDateOf(day, 'jalali'), gregorian: civilDateOf(day, 'gregorian') });

export function presentHoliday(row: HolidayRow, display: System): CalendarHoliday {
  return {
    id: row.id,
    kind: row.kind as CalendarHoliday['kind'],
    date: row.epoch_day === null ? null : civilDateOf(row.epoch_day, display),
    yearly: row.epoch_day === null ? { month: row.jalali_month!, day: row.jalali_day! } : null,
    hours: row.hours ? (JSON.parse(row.hours) as [string, string][]) : null,
    name: { fa: row.name_fa, en: row.name_en },
    region: row.region,
    createdAt: iso(row.created_at),
  };
}

export function presentCalendarSummary(actor: Actor, row: CalendarRow): Omit<Calendar, 'holidays' | 'week' | 'dateHours'> {
  return {
    id: row.id,
    name: row.name,
    timeZone: row.time_zone,
    displayCalendar: system(row),
    officialHolidays: row.official_holidays === 1,
    builtIn: (row.built_in as Calendar['builtIn']) ?? null,
    version: row.version,
    createdAt: iso(row.created_at),
    updatedAt: iso(row.updated_at),
    abilities: { ...abilities(calendarPolicy, actor, row, CALENDAR_ACTIONS), ...(row.built_in ? { delete: false } : {}) },
  };
}

export function presentCalendar(actor: Actor, row: CalendarRow, holidays: readonly HolidayRow[]): Calendar {
  return {
    ...presentCalendarSummary(actor, row),
    week: weekOf(row) as Calendar['week'],
    dateHours: dateHoursOf(row) as Calendar['dateHours'],
    holidays: holidays.map((h) => presentHoliday(h, system(row))),
  };
}

export function presentHijriConfirmation(row: HijriConfirmationRow, calendarIds: number[] = []): HijriConfirmation {
  return {
    hijriYear: row.hijri_year,
    hijriMonth: row.hijri_month,
    startsOn: both(row.epoch_day),
    previously: both(row.previous_epoch_day),
    calendarIds,
    confirmedAt: iso(row.created_at),
  };
}

export function presentHistory(row: CalendarHistoryRow) {
  return { id: row.id, version: row.version, action: row.action, actorUserId: row.actor_user_id, details: JSON.parse(row.details) as Record<string, unknown>, createdAt: iso(row.created_at) };
}
