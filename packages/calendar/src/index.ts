export {
  WEEKDAYS,
  toJalali,
  toGregorian,
  isJalaliLeapYear,
  jalaliMonthLength,
  gregorianMonthLength,
  isValidCivilDate,
  epochDayOf,
  civilDateOf,
  weekdayOf,
  isoDateOf,
  parseIsoDate,
} from './civil-date.ts';
export type { YearMonthDay, CalendarSystem, CivilDate, Weekday } from './civil-date.ts';
export { monthGrid } from './month-grid.ts';
export type { GridDay, MonthGrid } from './month-grid.ts';
export { IRANIAN_WEEK, DEFAULT_CALENDAR, ALWAYS_OPEN, parseTime } from './definition.ts';
export type { TimeRange, Holiday, DateHours, CalendarDefinition } from './definition.ts';
export { compileCalendar, CompiledCalendar } from './compile.ts';
export type { CompileOptions } from './compile.ts';
export {
  addBusinessTime,
  subtractBusinessTime,
  businessTimeBetween,
  isWorkingTime,
  isHoliday,
  isHolidayDate,
  isWorkingDate,
  workingIntervals,
} from './business-time.ts';
export type { BusinessDuration, WorkingInterval } from './business-time.ts';
export { intersectCalendars } from './intersect.ts';
export { hijriMonthStart, estimateHijriMonthStart, officialHijriMonths } from './iran/hijri.ts';
export type { HijriMonthStart } from './iran/hijri.ts';
export { IRAN_HOLIDAY_RULES, iranianHolidays, iranianHolidayDates } from './iran/holidays.ts';
export type { IranHolidayRule, IranHoliday } from './iran/holidays.ts';
export { offsetAt, wallToInstant } from './zone.ts';
