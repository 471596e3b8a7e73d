import type { CivilDate, Weekday } from './civil-date.ts';

/** A working interval of one day, as local wall-clock `HH:MM` times: `[start, end)`, end may be `24:00`. */
export type TimeRange = readonly [start: string, end: string];

/** A day off: once on a date, or every year on a Jalali month and day. */
export type Holiday =
  | { kind: 'date'; date: CivilDate; name?: string }
  | { kind: 'yearly'; month: number; day: number; name?: string };

/**
 * Hours for one date that differ from the week: `hours` replace the weekday's intervals (a shift),
 * `breaks` are removed from them (a meeting, a half-day). A holiday on the same date still wins.
 */
export interface DateHours {
  date: CivilDate;
  hours?: readonly TimeRange[];
  breaks?: readonly TimeRange[];
}

/** A business calendar as data: what an admin edits and the database stores. */
export interface CalendarDefinition {
  name: string;
  /** IANA zone in which the hours are wall-clock times. */
  timeZone: string;
  /** Working intervals per weekday (several a day allowed); a missing weekday is a day off. */
  week: Partial<Record<Weekday, readonly TimeRange[]>>;
  holidays?: readonly Holiday[];
  dateHours?: readonly DateHours[];
}

/** The Iranian office week: Saturday–Wednesday 08:00–16:00, Thursday 08:00–13:00, Friday off. */
export const IRANIAN_WEEK: CalendarDefinition['week'] = {
  sat: [['08:00', '16:00']],
  sun: [['08:00', '16:00']],
  mon: [['08:00', '16:00']],
  tue: [['08:00', '16:00']],
  wed: [['08:00', '16:00']],
  thu: [['08:00', '13:00']],
};

/** The default business calendar: the Iranian week in Asia/Tehran, no holidays yet. */
export const DEFAULT_CALENDAR: CalendarDefinition = { name: 'Tehran office hours', timeZone: 'Asia/Tehran', week: IRANIAN_WEEK };

const ALL_DAY: readonly TimeRange[] = [['00:00', '24:00']];
/** Around the clock, every day, with no holidays: the out-of-the-box 24×7 calendar. */
export const ALWAYS_OPEN: CalendarDefinition = {
  name: '24×7',
  timeZone: 'Asia/Tehran',
  week: { sat: ALL_DAY, sun: ALL_DAY, mon: ALL_DAY, tue: ALL_DAY, wed: ALL_DAY, thu: ALL_DAY, fri: ALL_DAY },
};

/** Minutes since local midnight of `HH:MM` (00:00–24:00); RangeError otherwise. */
export function parseTime(text: string): number {
  const m = /^([01]\d|2[0-4]):([0-5]\d)$/.exec(text);
  const minutes = m ? Number(m[1]) * 60 + Number(m[2]) : NaN;
  if (!(minutes <= 1440)) throw new RangeError(`not a HH:MM time between 00:00 and 24:00: ${text}`);
  return minutes;
}

/** Minute intervals of time ranges, validated, sorted and merged (overlapping or touching ranges become one). */
export function toMinuteIntervals(ranges: readonly TimeRange[]): number[] {
  const list = ranges.map(([s, e]) => {
    const a = parseTime(s);
    const b = parseTime(e);
    if (b <= a) throw new RangeError(`a working interval must end after it starts: ${s}–${e}`);
    return [a, b] as const;
  });
  list.sort((x, y) => x[0] - y[0]);
  const out: number[] = [];
  for (const [a, b] of list) {
    if (out.length && a <= out[out.length - 1]!) out[out.length - 1] = Math.max(out[out.length - 1]!, b);
    else out.push(a, b);
  }
  return out;
}

/** Flat minute intervals minus the breaks (both flat `[s0, e0, s1, e1, …]`, sorted, disjoint). */
export function subtractIntervals(hours: number[], breaks: number[]): number[] {
  const out: number[] = [];
  for (let i = 0; i < hours.length; i += 2) {
    let s = hours[i]!;
    const e = hours[i + 1]!;
    for (let j = 0; j < breaks.length && s < e; j += 2) {
      const bs = breaks[j]!;
      const be = breaks[j + 1]!;
      if (be <= s || bs >= e) continue;
      if (bs > s) out.push(s, bs);
      s = Math.max(s, be);
    }
    if (s < e) out.push(s, e);
  }
  return out;
}
