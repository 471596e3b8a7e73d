import { describe, expect, it } from 'vitest';
import { addBusinessTime, businessTimeBetween, isHoliday, isHolidayDate, isWorkingDate, isWorkingTime, subtractBusinessTime, workingIntervals } from './business-time.ts';
import { compileCalendar } from './compile.ts';
import { ALWAYS_OPEN, DEFAULT_CALENDAR, type CalendarDefinition } from './definition.ts';

const H = 60; // minutes in an hour
const iso = (t: number) => new Date(t).toISOString();
/** A Tehran wall-clock reading as an instant (Tehran is UTC+03:30 all year since 2022). */
const tehran = (s: string) => Date.parse(`${s}:00+03:30`);

const tehranOffice = compileCalendar({
  ...DEFAULT_CALENDAR,
  holidays: [
    { kind: 'yearly', month: 1, day: 1, name: 'Nowruz' },
    { kind: 'yearly', month: 1, day: 2, name: 'Nowruz' },
    { kind: 'date', date: { calendar: 'jalali', year: 1404, month: 7, day: 15 }, name: 'closure' },
  ],
  dateHours: [
    { date: { calendar: 'jalali', year: 1404, month: 7, day: 19 }, breaks: [['12:00', '13:00']] },
    { date: { calendar: 'jalali', year: 1404, month: 7, day: 18 }, hours: [['10:00', '14:00']] },
  ],
});

describe('business time in Tehran (Iranian week)', () => {
  // 1404-07-05 is Saturday 2025-09-27.
  it('returns the end of the period when the time ends exactly there', () => {
    expect(iso(addBusinessTime(tehranOffice, tehran('2025-10-01T12:00'), { minutes: 4 * H }))).toBe(iso(tehran('2025-10-01T16:00')));
    expect(iso(addBusinessTime(tehranOffice, tehran('2025-10-01T12:00'), { minutes: 4 * H + 1 }))).toBe(iso(tehran('2025-10-02T08:01')));
  });

  it('skips Friday and ends Thursday at 13:00', () => {
    expect(iso(addBusinessTime(tehranOffice, tehran('2025-10-02T12:00'), { minutes: 2 * H }))).toBe(iso(tehran('2025-10-04T09:00')));
    expect(businessTimeBetween(tehranOffice, tehran('2025-10-02T12:00'), tehran('2025-10-04T09:00'))).toBe(2 * H);
  });

  it('counts 3 business days as the same time three working dates later, not 24 hours', () => {
    const start = tehran('2025-09-30T10:00'); // Tuesday
    const due = addBusinessTime(tehranOffice, start, { businessDays: 3 });
    expect(iso(due)).toBe(iso(tehran('2025-10-04T10:00'))); // Saturday (Thursday counts, Friday does not)
    expect(businessTimeBetween(tehranOffice, start, due)).toBe(6 * H + 8 * H + 5 * H + 2 * H);
    expect(iso(addBusinessTime(tehranOffice, due, { businessDays: -3 }))).toBe(iso(start));
  });

  it('keeps a business-day due time on a period end, and moves one that falls after hours', () => {
    expect(iso(addBusinessTime(tehranOffice, tehran('2025-09-27T16:00'), { businessDays: 1 }))).toBe(iso(tehran('2025-09-28T16:00')));
    expect(iso(addBusinessTime(tehranOffice, tehran('2025-10-01T15:00'), { businessDays: 1 }))).toBe(iso(tehran('2025-10-04T08:00')));
  });

  it('goes backwards for negative durations, landing on a period start rather than the previous end', () => {
    expect(iso(addBusinessTime(tehranOffice, tehran('2025-10-04T09:00'), { minutes: -2 * H }))).toBe(iso(tehran('2025-10-02T12:00')));
    expect(iso(addBusinessTime(tehranOffice, tehran('2025-10-04T09:00'), { minutes: -H }))).toBe(iso(tehran('2025-10-04T08:00')));
    expect(iso(subtractBusinessTime(tehranOffice, tehran('2025-10-04T09:00'), { minutes: H }))).toBe(iso(tehran('2025-10-04T08:00')));
  });

  it('treats zero minutes as the next working moment forward, the previous one backward', () => {
    expect(iso(addBusinessTime(tehranOffice, tehran('2025-10-03T10:00'), { minutes: 0 }))).toBe(iso(tehran('2025-10-04T08:00')));
    expect(iso(subtractBusinessTime(tehranOffice, tehran('2025-10-03T10:00'), { minutes: 0 }))).toBe(iso(tehran('2025-10-02T13:00')));
    expect(addBusinessTime(tehranOffice, tehran('2025-10-04T10:00'), { minutes: 0 })).toBe(tehran('2025-10-04T10:00'));
  });

  it('applies yearly Jalali holidays, one-off holidays, shifts and breaks', () => {
    // Nowruz 1405 (2026-03-21 Saturday, 22 Sunday) is off; Monday 1405-01-03 works.
    expect(isHoliday(tehranOffice, tehran('2026-03-21T10:00'))).toBe(true);
    expect(isHolidayDate(tehranOffice, { calendar: 'jalali', year: 1405, month: 1, day: 2 })).toBe(true);
    expect(isWorkingDate(tehranOffice, { calendar: 'jalali', year: 1405, month: 1, day: 3 })).toBe(true);
    expect(iso(addBusinessTime(tehranOffice, tehran('2026-03-19T12:00'), { minutes: 2 * H }))).toBe(iso(tehran('2026-03-23T09:00')));
    // 1404-07-15 (Tuesday 2025-10-07) is a closure.
    expect(isWorkingTime(tehranOffice, tehran('2025-10-07T10:00'))).toBe(false);
    expect(businessTimeBetween(tehranOffice, tehran('2025-10-06T00:00'), tehran('2025-10-09T00:00'))).toBe(16 * H);
    // 1404-07-18 (Friday, normally off) has a 10:00–14:00 shift; 1404-07-19 (Saturday) a lunch break.
    expect(workingIntervals(tehranOffice, tehran('2025-10-10T00:00'), tehran('2025-10-12T00:00')).map((i) => [iso(i.start), iso(i.end)])).toEqual([
      [iso(tehran('2025-10-10T10:00')), iso(tehran('2025-10-10T14:00'))],
      [iso(tehran('2025-10-11T08:00')), iso(tehran('2025-10-11T12:00'))],
      [iso(tehran('2025-10-11T13:00')), iso(tehran('2025-10-11T16:00'))],
    ]);
  });

  it('rejects durations that are not numbers and fractional business days', () => {
    expect(() => addBusinessTime(tehranOffice, 0, { minutes: Number.NaN })).toThrow(RangeError);
    expect(() => addBusinessTime(tehranOffice, 0, { businessDays: 1.5 })).toThrow(RangeError);
  });

  it('refuses a calendar without working time instead of looping', () => {
    const never = compileCalendar({ name: 'closed', timeZone: 'Asia/Tehran', week: {} });
    expect(() => addBusinessTime(never, 0, { minutes: 1 })).toThrow(/no working time/);
  });
});

describe('24×7', () => {
  it('is plain elapsed time', () => {
    const c = compileCalendar(ALWAYS_OPEN);
    const t = Date.parse('2025-03-20T23:59:00Z');
    expect(addBusinessTime(c, t, { minutes: 10 * 24 * H })).toBe(t + 10 * 86_400_000);
    expect(businessTimeBetween(c, t, t + 12_345_000)).toBe(12_345_000 / 60_000);
    expect(isWorkingTime(c, t)).toBe(true);
  });
});

const night = (timeZone: string): CalendarDefinition => ({
  name: 'night desk',
  timeZone,
  week: Object.fromEntries(['sat', 'sun', 'mon', 'tue', 'wed', 'thu', 'fri'].map((d) => [d, [['00:00', '06:00'], ['22:00', '24:00']] as const])),
});

describe('across daylight-saving changes', () => {
  const berlin = compileCalendar({ name: 'Berlin office', timeZone: 'Europe/Berlin', week: { mon: [['09:00', '17:00']], tue: [['09:00', '17:00']], wed: [['09:00', '17:00']], thu: [['09:00', '17:00']], fri: [['09:00', '17:00']] } });

  it('keeps local hours on both sides of the spring change (Europe/Berlin, 2025-03-30)', () => {
    // Friday 16:00 CET = 15:00Z; plus 2 h → Monday 10:00 CEST = 08:00Z.
    expect(iso(addBusinessTime(berlin, Date.parse('2025-03-28T15:00:00Z'), { minutes: 2 * H }))).toBe('2025-03-31T08:00:00.000Z');
    expect(iso(addBusinessTime(berlin, Date.parse('2025-03-28T09:00:00Z'), { businessDays: 1 }))).toBe('2025-03-31T08:00:00.000Z');
  });

  it('counts the real hours of a night shift over the short and the long night', () => {
    const c = compileCalendar(night('Europe/Berlin'));
    // Saturday 22:00 → Sunday 06:00 local is 7 hours in spring and 9 in autumn.
    expect(businessTimeBetween(c, Date.parse('2025-03-29T21:00:00Z'), Date.parse('2025-03-30T04:00:00Z'))).toBe(7 * H);
    expect(businessTimeBetween(c, Date.parse('2025-10-25T20:00:00Z'), Date.parse('2025-10-26T05:00:00Z'))).toBe(9 * H);
    // A business day from the short day itself keeps the wall clock: Sunday 05:00 CEST → Monday 05:00 CEST.
    expect(iso(addBusinessTime(c, Date.parse('2025-03-30T03:00:00Z'), { businessDays: 1 }))).toBe('2025-03-31T03:00:00.000Z');
    const ny = compileCalendar(night('America/New_York'));
    expect(businessTimeBetween(ny, Date.parse('2025-11-02T02:00:00Z'), Date.parse('2025-11-02T11:00:00Z'))).toBe(9 * H);
    expect(iso(addBusinessTime(ny, Date.parse('2025-11-02T02:00:00Z'), { minutes: 9 * H }))).toBe('2025-11-02T11:00:00.000Z');
  });

  it('reads skipped wall-clock times forward by the gap, dropping an interval that ends before it starts', () => {
    // 2025-03-09 02:00 → 03:00 in New York: 02:30 reads as 03:30, so 02:30–03:15 is empty that Sunday.
    const c = compileCalendar({ name: 'gap', timeZone: 'America/New_York', week: { sun: [['02:30', '03:15']], mon: [['09:00', '10:00']] } });
    expect(workingIntervals(c, Date.parse('2025-03-09T00:00:00Z'), Date.parse('2025-03-11T00:00:00Z'))).toEqual([
      { start: Date.parse('2025-03-10T13:00:00Z'), end: Date.parse('2025-03-10T14:00:00Z') },
    ]);
  });
});
