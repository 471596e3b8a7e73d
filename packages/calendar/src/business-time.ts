import { epochDayOf, type CivilDate } from './civil-date.ts';
import type { CompiledCalendar } from './compile.ts';
import { offsetAt, wallToInstant } from './zone.ts';

const DAY_MS = 86_400_000;
const MINUTE_MS = 60_000;
/** How many compiled years a single question may reach through before we call the calendar empty. */
const MAX_GROWTH = 40;

/** A span of business time: working minutes, or whole business days (which keep the time of day). */
export type BusinessDuration = { minutes: number } | { businessDays: number };

/** A working period: `[start, end)` in UTC epoch ms. */
export interface WorkingInterval {
  start: number;
  end: number;
}

function noWorkingTime(c: CompiledCalendar): never {
  throw new RangeError(`calendar "${c.definition.name}" has no working time within ${MAX_GROWTH} years`);
}

/** Index of the first interval ending after t (c.ends.length when none is compiled). */
function firstEndAfter(c: CompiledCalendar, t: number): number {
  const ends = c.ends;
  let lo = 0;
  let hi = ends.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (ends[mid]! > t) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/** Working ms from the start of the compiled days up to t (t must be covered). */
function cumulative(c: CompiledCalendar, t: number): number {
  const i = firstEndAfter(c, t);
  if (i === c.ends.length) return i === 0 ? 0 : c.cumEnd[i - 1]!;
  const before = i === 0 ? 0 : c.cumEnd[i - 1]!;
  const s = c.starts[i]!;
  return t > s ? before + (t - s) : before;
}

/** Index of the first interval i with cumEnd[i] ≥ target (strict: > target). */
function firstCumEnd(c: CompiledCalendar, target: number, strict: boolean): number {
  const cum = c.cumEnd;
  let lo = 0;
  let hi = cum.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (strict ? cum[mid]! > target : cum[mid]! >= target) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/** The first working moment at or after t: t itself during working time, else the next period's start. */
function nextWorkingMoment(c: CompiledCalendar, t: number): number {
  for (let grown = 0; grown <= MAX_GROWTH; grown++) {
    const i = firstEndAfter(c, t);
    if (i < c.ends.length) return Math.max(t, c.starts[i]!);
    c.grow(1);
  }
  return noWorkingTime(c);
}

/** The last working moment at or before t: t itself inside a period or on its edges, else the previous period's end. */
function previousWorkingMoment(c: CompiledCalendar, t: number): number {
  for (let grown = 0; grown <= MAX_GROWTH; grown++) {
    const i = firstEndAfter(c, t);
    if (i < c.ends.length && c.starts[i]! <= t) return t;
    if (i > 0 && c.ends[i - 1] === t) return t;
    if (i > 0) return c.ends[i - 1]!;
    c.grow(-1);
  }
  return noWorkingTime(c);
}

/** Forward by ms > 0 of working time; ending exactly at a period's end returns that end. */
function forward(c: CompiledCalendar, t: number, ms: number): number {
  for (let grown = 0; grown <= MAX_GROWTH; grown++) {
    const target = cumulative(c, t) + ms;
    const j = firstCumEnd(c, target, false);
    if (j < c.cumEnd.length) return c.ends[j]! - (c.cumEnd[j]! - target);
    c.grow(1);
  }
  return noWorkingTime(c);
}

/** Backward by ms > 0 of working time; ending exactly at a period's start returns that start. */
function backward(c: CompiledCalendar, t: number, ms: number): number {
  for (let grown = 0; grown <= MAX_GROWTH; grown++) {
    const target = cumulative(c, t) - ms;
    if (target >= 0) {
      const j = firstCumEnd(c, target, true);
      return c.ends[j]! - (c.cumEnd[j]! - target);
    }
    c.grow(-1);
  }
  return noWorkingTime(c);
}

function wallTimeOfDay(c: CompiledCalendar, k: number, t: number): number {
  const start = c.dayStart[k]!;
  if (c.dayStart[k + 1]! - start === DAY_MS) return t - start;
  return t + offsetAt(c.timeZone, t) - (c.firstDay + k) * DAY_MS;
}

function instantOnDay(c: CompiledCalendar, day: number, wall: number): number {
  c.coverDays(day - 1, day + 2);
  const k = day - c.firstDay;
  const start = c.dayStart[k]!;
  if (c.dayStart[k + 1]! - start === DAY_MS) return start + wall;
  return wallToInstant(c.timeZone, day * DAY_MS + wall);
}

function worksOn(c: CompiledCalendar, day: number): boolean {
  if (day < c.firstDay) c.grow(-1);
  else if (day >= c.firstDay + c.dayWorks.length) c.grow(1);
  return c.dayWorks[day - c.firstDay] === 1;
}

/** n business days from t: the n-th working date after (before, n < 0) t's date, at t's time of day. */
function addBusinessDays(c: CompiledCalendar, t: number, n: number): number {
  const k = c.dayIndex(t);
  const wall = wallTimeOfDay(c, k, t);
  const step = n < 0 ? -1 : 1;
  let day = c.firstDay + k;
  for (let left = Math.abs(n), seen = 0; left > 0; ) {
    day += step;
    if (worksOn(c, day)) left--;
    if (++seen > MAX_GROWTH * 366) noWorkingTime(c);
  }
  const at = instantOnDay(c, day, wall);
  c.coverInstant(at);
  if (step > 0) {
    const i = firstEndAfter(c, at - 1);
    if (i < c.ends.length && c.ends[i] === at) return at; // the kept time is a period's end: that end
    return nextWorkingMoment(c, at);
  }
  return previousWorkingMoment(c, at);
}

function checkDuration(duration: BusinessDuration): void {
  const value = 'minutes' in duration ? duration.minutes : duration.businessDays;
  if (typeof value !== 'number' || !Number.isFinite(value)) throw new RangeError(`not a duration: ${JSON.stringify(duration)}`);
  if ('businessDays' in duration && !Number.isInteger(value)) throw new RangeError(`business days must be whole: ${value}`);
}

/**
 * The instant `duration` of business time after `start` (before it, for a negative duration).
 * Time that ends exactly at the end of a working period returns that end (due "Wednesday 16:00",
 * not "Saturday 08:00"); going backwards, exactly at a period's start returns that start. Zero
 * minutes return the first working moment at or after `start`. Business days keep the time of day:
 * the n-th working date after `start`'s date, at the same wall-clock time, moved to the next working
 * moment if that time is not working time (to the previous one when going backwards).
 */
export function addBusinessTime(calendar: CompiledCalendar, start: number, duration: BusinessDuration): number {
  checkDuration(duration);
  calendar.coverInstant(start);
  if ('businessDays' in duration) return addBusinessDays(calendar, start, duration.businessDays);
  const ms = Math.round(duration.minutes * MINUTE_MS);
  if (ms > 0) return forward(calendar, start, ms);
  if (ms < 0) return backward(calendar, start, -ms);
  return nextWorkingMoment(calendar, start);
}

/**
 * The instant `duration` of business time before `start`: `addBusinessTime` with the duration
 * negated, except that zero minutes return the last working moment at or before `start`.
 */
export function subtractBusinessTime(calendar: CompiledCalendar, start: number, duration: BusinessDuration): number {
  checkDuration(duration);
  calendar.coverInstant(start);
  if ('businessDays' in duration) return addBusinessDays(calendar, start, -duration.businessDays);
  const ms = Math.round(duration.minutes * MINUTE_MS);
  if (ms > 0) return backward(calendar, start, ms);
  if (ms < 0) return forward(calendar, start, -ms);
  return previousWorkingMoment(calendar, start);
}

/** Working minutes between two instants; 0 when `to` is not after `from`. */
export function businessTimeBetween(calendar: CompiledCalendar, from: number, to: number): number {
  if (!(to > from)) return 0;
  calendar.coverInstant(from);
  calendar.coverInstant(to);
  return (cumulative(calendar, to) - cumulative(calendar, from)) / MINUTE_MS;
}

/** Is this instant working time (inside a working period, not on a holiday)? */
export function isWorkingTime(calendar: CompiledCalendar, instant: number): boolean {
  calendar.coverInstant(instant);
  const i = firstEndAfter(calendar, instant);
  return i < calendar.ends.length && calendar.starts[i]! <= instant;
}

/** Is the calendar's local date at this instant a holiday? */
export function isHoliday(calendar: CompiledCalendar, instant: number): boolean {
  calendar.coverInstant(instant);
  return calendar.isHolidayDay(calendar.firstDay + calendar.dayIndex(instant));
}

/** Is this date a holiday of the calendar (one-off, or yearly by Jalali month and day)? */
export function isHolidayDate(calendar: CompiledCalendar, date: CivilDate): boolean {
  return calendar.isHolidayDay(epochDayOf(date));
}

/** Does this date have any working time (a weekday with hours, not a holiday, not closed by its date hours)? */
export function isWorkingDate(calendar: CompiledCalendar, date: CivilDate): boolean {
  const day = epochDayOf(date);
  calendar.coverDays(day - 1, day + 2);
  return calendar.dayWorks[day - calendar.firstDay] === 1;
}

/** The working periods between two instants, cut to `[from, to)`; touching periods are merged. */
export function workingIntervals(calendar: CompiledCalendar, from: number, to: number): WorkingInterval[] {
  if (!(to > from)) return [];
  calendar.coverInstant(from);
  calendar.coverInstant(to);
  const out: WorkingInterval[] = [];
  for (let i = firstEndAfter(calendar, from); i < calendar.ends.length && calendar.starts[i]! < to; i++) {
    out.push({ start: Math.max(from, calendar.starts[i]!), end: Math.min(to, calendar.ends[i]!) });
  }
  return out;
}
