import { epochDayOf, weekdayOf, WEEKDAYS, type CivilDate } from './civil-date.ts';
import { toMinuteIntervals, type CalendarDefinition, type DateHours, type TimeRange } from './definition.ts';

const hhmm = (m: number) => `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
const toRanges = (flat: number[]): TimeRange[] => {
  const out: TimeRange[] = [];
  for (let i = 0; i < flat.length; i += 2) out.push([hhmm(flat[i]!), hhmm(flat[i + 1]!)]);
  return out;
};

function intersectMinutes(a: number[], b: number[]): number[] {
  const out: number[] = [];
  for (let i = 0; i < a.length; i += 2) {
    for (let j = 0; j < b.length; j += 2) {
      const s = Math.max(a[i]!, b[j]!);
      const e = Math.min(a[i + 1]!, b[j + 1]!);
      if (s < e) out.push(s, e);
    }
  }
  return out;
}

/**
 * The time both calendars work, as a calendar in the first one's zone: weekly hours intersected as
 * wall-clock intervals, both calendars' holidays and breaks applied, date hours intersected per date.
 * For "on duty" questions such as an agent's own schedule within the group's calendar.
 */
export function intersectCalendars(a: CalendarDefinition, b: CalendarDefinition): CalendarDefinition {
  const week: CalendarDefinition['week'] = {};
  for (const d of WEEKDAYS) {
    const both = intersectMinutes(toMinuteIntervals(a.week[d] ?? []), toMinuteIntervals(b.week[d] ?? []));
    if (both.length) week[d] = toRanges(both);
  }
  const dates = new Map<number, CivilDate>();
  for (const x of [...(a.dateHours ?? []), ...(b.dateHours ?? [])]) dates.set(epochDayOf(x.date), x.date);
  const dateHours: DateHours[] = [];
  for (const [day, date] of dates) {
    const of = (c: CalendarDefinition) => {
      const own = (c.dateHours ?? []).filter((x) => epochDayOf(x.date) === day);
      const hours = own.find((x) => x.hours)?.hours ?? c.week[weekdayOf(day)] ?? [];
      return { hours: toMinuteIntervals(hours), breaks: own.flatMap((x) => x.breaks ?? []) };
    };
    const x = of(a);
    const y = of(b);
    dateHours.push({ date, hours: toRanges(intersectMinutes(x.hours, y.hours)), breaks: [...x.breaks, ...y.breaks] });
  }
  return {
    name: `${a.name} ∩ ${b.name}`,
    timeZone: a.timeZone,
    week,
    holidays: [...(a.holidays ?? []), ...(b.holidays ?? [])],
    dateHours,
  };
}
