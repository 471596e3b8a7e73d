import { civilDateOf, epochDayOf, isValidCivilDate, WEEKDAYS } from './civil-date.ts';
import { subtractIntervals, toMinuteIntervals, type CalendarDefinition } from './definition.ts';
import { assertTimeZone, offsetAt, wallToInstant } from './zone.ts';

const DAY_MS = 86_400_000;
const MINUTE_MS = 60_000;
/** Days compiled at a time when a question reaches past what is compiled. */
const CHUNK_DAYS = 366;

/**
 * A calendar prepared for arithmetic: its working time laid out as sorted UTC intervals with running
 * totals, so that a question is two binary searches. Built lazily, a year at a time, as questions
 * reach new dates; from outside it behaves as an immutable value. Make one with `compileCalendar`.
 */
export class CompiledCalendar {
  readonly definition: CalendarDefinition;
  readonly timeZone: string;
  /** @internal local epoch day of index 0 */
  firstDay = 0;
  /** @internal UTC instant of each covered day's local midnight, plus the end of the last day */
  dayStart: number[] = [];
  /** @internal 1 where the covered day has working time */
  dayWorks: number[] = [];
  /** @internal working intervals, merged where they touch: [starts[i], ends[i]) */
  starts: number[] = [];
  ends: number[] = [];
  /** @internal working ms from the first covered day through the end of interval i */
  cumEnd: number[] = [];

  private readonly weekMinutes: number[][];
  private readonly onceHolidays = new Set<number>();
  private readonly yearlyHolidays = new Set<number>();
  private readonly byDate = new Map<number, { hours?: number[]; breaks?: number[] }>();
  private dayIntervals: number[][] = [];

  constructor(definition: CalendarDefinition) {
    this.definition = definition;
    this.timeZone = definition.timeZone;
    assertTimeZone(this.timeZone);
    this.weekMinutes = WEEKDAYS.map((d) => toMinuteIntervals(definition.week[d] ?? []));
    for (const h of definition.holidays ?? []) {
      if (h.kind === 'date') this.onceHolidays.add(epochDayOf(h.date));
      else {
        if (!isValidCivilDate({ calendar: 'jalali', year: 1403, month: h.month, day: h.day })) throw new RangeError(`not a Jalali month and day: ${h.month}/${h.day}`);
        this.yearlyHolidays.add(h.month * 100 + h.day);
      }
    }
    for (const d of definition.dateHours ?? []) {
      const day = epochDayOf(d.date);
      const prev = this.byDate.get(day) ?? {};
      const next = { ...prev };
      if (d.hours) next.hours = toMinuteIntervals([...d.hours]);
      if (d.breaks) next.breaks = toMinuteIntervals([...(d.breaks ?? [])]);
      this.byDate.set(day, next);
    }
  }

  /** Is this local day a holiday of the calendar (one-off or yearly Jalali)? */
  isHolidayDay(day: number): boolean {
    if (this.onceHolidays.has(day)) return true;
    if (this.yearlyHolidays.size === 0) return false;
    const j = civilDateOf(day, 'jalali');
    return this.yearlyHolidays.has(j.month * 100 + j.day);
  }

  /** Working minute intervals of a local day, before mapping to instants. */
  localMinutes(day: number): number[] {
    if (this.isHolidayDay(day)) return [];
    const special = this.byDate.get(day);
    const base = special?.hours ?? this.weekMinutes[(((day + 5) % 7) + 7) % 7]!;
    return special?.breaks ? subtractIntervals(base, special.breaks) : base;
  }

  /** @internal compiles [from, to) local days, which must touch what is already compiled. */
  private compileDays(from: number, to: number): { starts: number[]; intervals: number[][] } {
    const starts: number[] = [];
    let offset = 0;
    for (let day = from; day <= to; day++) {
      const wall = day * DAY_MS;
      let instant = wall + offset;
      if (offsetAt(this.timeZone, instant) !== -offset || day === from) {
        instant = wallToInstant(this.timeZone, wall);
        offset = -offsetAt(this.timeZone, instant);
      }
      starts.push(instant);
    }
    const intervals: number[][] = [];
    for (let day = from; day < to; day++) {
      const i = day - from;
      const start = starts[i]!;
      const next = starts[i + 1]!;
      const regular = next - start === DAY_MS;
      const minutes = this.localMinutes(day);
      const list: number[] = [];
      for (let k = 0; k < minutes.length; k += 2) {
        const a = minutes[k]!;
        const b = minutes[k + 1]!;
        const s = regular || a === 0 ? start + a * MINUTE_MS : wallToInstant(this.timeZone, day * DAY_MS + a * MINUTE_MS);
        const e = b === 1440 ? next : regular ? start + b * MINUTE_MS : wallToInstant(this.timeZone, day * DAY_MS + b * MINUTE_MS);
        if (e > s) list.push(s, e); // an interval that falls into a skipped hour has no working time
      }
      intervals.push(list);
    }
    return { starts, intervals };
  }

  /** @internal makes sure the local days [from, to) are compiled. */
  cover(from: number, to: number): void {
    if (this.dayStart.length === 0) {
      const c = this.compileDays(from, to);
      this.firstDay = from;
      this.dayStart = c.starts;
      this.dayIntervals = c.intervals;
    } else {
      const lastDay = this.firstDay + this.dayIntervals.length;
      if (from >= this.firstDay && to <= lastDay) return;
      if (from < this.firstDay) {
        const c = this.compileDays(from, this.firstDay);
        this.dayStart = [...c.starts.slice(0, -1), ...this.dayStart];
        this.dayIntervals = [...c.intervals, ...this.dayIntervals];
        this.firstDay = from;
      }
      const end = this.firstDay + this.dayIntervals.length;
      if (to > end) {
        const c = this.compileDays(end, to);
        this.dayStart = [...this.dayStart.slice(0, -1), ...c.starts];
        this.dayIntervals = [...this.dayIntervals, ...c.intervals];
      }
    }
    this.rebuild();
  }

  private rebuild(): void {
    const starts: number[] = [];
    const ends: number[] = [];
    const cumEnd: number[] = [];
    this.dayWorks = this.dayIntervals.map((list) => (list.length ? 1 : 0));
    let total = 0;
    for (const list of this.dayIntervals) {
      for (let k = 0; k < list.length; k += 2) {
        const s = list[k]!;
        const e = list[k + 1]!;
        total += e - s;
        if (ends.length && ends[ends.length - 1] === s) {
          ends[ends.length - 1] = e;
          cumEnd[cumEnd.length - 1] = total;
        } else {
          starts.push(s);
          ends.push(e);
          cumEnd.push(total);
        }
      }
    }
    this.starts = starts;
    this.ends = ends;
    this.cumEnd = cumEnd;
  }

  /** @internal makes sure the local days [from, to) are compiled, keeping what already is. */
  coverDays(from: number, to: number): void {
    if (this.dayStart.length === 0) this.cover(from, to);
    else this.cover(Math.min(this.firstDay, from), Math.max(this.firstDay + this.dayIntervals.length, to));
  }

  /** @internal makes sure the instant lies strictly inside the compiled days. */
  coverInstant(instant: number): void {
    const ds = this.dayStart;
    if (ds.length && instant >= ds[0]! && instant < ds[ds.length - 1]!) return;
    if (!Number.isFinite(instant)) throw new RangeError(`not an instant: ${instant}`);
    const day = Math.floor(instant / DAY_MS);
    const from = Math.floor(day / CHUNK_DAYS) * CHUNK_DAYS - 1;
    if (ds.length === 0) this.cover(from, from + CHUNK_DAYS + 2);
    else if (instant < ds[0]!) this.cover(Math.min(from, this.firstDay - CHUNK_DAYS), this.firstDay);
    else this.cover(this.firstDay, Math.max(from + CHUNK_DAYS + 2, this.firstDay + this.dayIntervals.length + CHUNK_DAYS));
  }

  /** @internal compiles one more chunk after (direction 1) or before (−1) what is compiled. */
  grow(direction: 1 | -1): void {
    const last = this.firstDay + this.dayIntervals.length;
    if (direction > 0) this.cover(this.firstDay, last + CHUNK_DAYS);
    else this.cover(this.firstDay - CHUNK_DAYS, last);
  }

  /** @internal index of the covered local day holding a covered instant. */
  dayIndex(instant: number): number {
    const ds = this.dayStart;
    let k = Math.floor((instant - ds[0]!) / DAY_MS);
    if (k > ds.length - 2) k = ds.length - 2;
    while (k > 0 && ds[k]! > instant) k--;
    while (ds[k + 1]! <= instant) k++;
    return k;
  }
}

/** Options for `compileCalendar`: instants whose surrounding dates are compiled up front. */
export interface CompileOptions {
  from?: number;
  to?: number;
}

/**
 * Validates a calendar definition and prepares it for fast arithmetic. Dates outside `from`–`to`
 * (or all dates, without them) are compiled on first use, a year at a time.
 */
export function compileCalendar(definition: CalendarDefinition, options: CompileOptions = {}): CompiledCalendar {
  const c = new CompiledCalendar(definition);
  if (options.from !== undefined) c.coverInstant(options.from);
  if (options.to !== undefined) c.coverInstant(options.to);
  if (options.from !== undefined && options.to !== undefined) {
    c.cover(Math.floor(options.from / DAY_MS) - 1, Math.floor(options.to / DAY_MS) + 2);
  }
  return c;
}
