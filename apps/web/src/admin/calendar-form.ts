import { epochDayOf, WEEKDAYS, type Weekday } from '@pishkhan/calendar';
import type { CalendarMonth, CivilDateValue, WeekHours } from '@pishkhan/contracts';

/** A civil date as the API gives it → epoch day (the month view's key). */
export function epochDayOfCivil(date: CivilDateValue): number {
  return epochDayOf(date);
}

export type WeekDraft = Record<Weekday, [string, string][]>;

/** The week's working intervals as the editor holds them (every weekday, possibly none). */
export function weekDraftOf(week: WeekHours): WeekDraft {
  return Object.fromEntries(WEEKDAYS.map((d) => [d, (week[d] ?? []).map(([a, b]) => [a, b] as [string, string])])) as WeekDraft;
}

const TIME = /^(([01][0-9]|2[0-3]):[0-5][0-9]|24:00)$/;

/** Back to the API's week: intervals trimmed; a malformed or empty interval is reported, not sent. */
export function weekOfDraft(draft: WeekDraft): { week: WeekHours; invalid: boolean } {
  let invalid = false;
  const week: WeekHours = {};
  for (const d of WEEKDAYS) {
    const ranges = draft[d].map(([a, b]) => [a.trim(), b.trim()] as [string, string]);
    for (const [a, b] of ranges) if (!TIME.test(a) || !TIME.test(b) || a >= b) invalid = true;
    week[d] = ranges;
  }
  return { week, invalid };
}

export type DayInfo = CalendarMonth['weeks'][number][number];

/** How the month view marks a day of the server's month: holidays (estimated, closures) over days off. */
export function markOf(day: DayInfo, lang: 'fa' | 'en', estimatedNote: string): { kind: 'working' | 'off' | 'holiday' | 'estimated' | 'closure' | 'partial'; label: string } {
  const names = day.holidays.map((h) => `${h.name[lang]}${h.estimated ? ` ${estimatedNote}` : ''}${h.region ? ` (${h.region})` : ''}`).join('، ');
  const label = lang === 'en' ? names.replace(/،/g, ',') : names;
  if (day.holidays.some((h) => h.kind === 'closure')) return { kind: day.working.length > 0 ? 'partial' : 'closure', label };
  if (day.holidays.length > 0) return { kind: day.estimated || day.holidays.some((h) => h.estimated) ? 'estimated' : 'holiday', label };
  return { kind: day.working.length > 0 ? 'working' : 'off', label: day.working.map(([a, b]) => `${a}–${b}`).join(lang === 'fa' ? '، ' : ', ') };
}
