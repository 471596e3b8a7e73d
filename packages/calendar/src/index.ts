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
