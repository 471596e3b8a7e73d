import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addBusinessTime, businessTimeBetween, isWorkingDate, isWorkingTime, subtractBusinessTime } from './business-time.ts';
import { toJalali, WEEKDAYS } from './civil-date.ts';
import { compileCalendar } from './compile.ts';
import { DEFAULT_CALENDAR, type CalendarDefinition } from './definition.ts';

const tehranDef: CalendarDefinition = {
  ...DEFAULT_CALENDAR,
  holidays: [
    { kind: 'yearly', month: 1, day: 1 },
    { kind: 'yearly', month: 1, day: 2 },
    { kind: 'yearly', month: 1, day: 3 },
    { kind: 'yearly', month: 1, day: 4 },
    { kind: 'yearly', month: 11, day: 22 },
    { kind: 'date', date: { calendar: 'jalali', year: 1404, month: 9, day: 10 } },
  ],
  dateHours: [{ date: { calendar: 'gregorian', year: 2025, month: 6, day: 2 }, breaks: [['10:00', '12:30']] }],
};
const newYorkDef: CalendarDefinition = {
  name: 'New York, day and night',
  timeZone: 'America/New_York',
  week: {
    mon: [['00:00', '06:00'], ['09:00', '17:00']],
    tue: [['09:00', '17:00']],
    wed: [['09:00', '12:00'], ['13:00', '17:00']],
    thu: [['09:00', '17:00'], ['22:00', '24:00']],
    fri: [['00:00', '24:00']],
    sun: [['00:00', '06:00']],
  },
  holidays: [{ kind: 'date', date: { calendar: 'gregorian', year: 2025, month: 7, day: 4 } }],
};
const calendars = [
  ['Asia/Tehran office', tehranDef],
  ['America/New_York (DST)', newYorkDef],
] as const;

const from = Date.parse('2024-01-01T00:00:00Z');
const to = Date.parse('2027-01-01T00:00:00Z');
const instant = fc.integer({ min: from, max: to });
const minuteInstant = fc.integer({ min: from / 60_000, max: to / 60_000 }).map((m) => m * 60_000);
const minutes = fc.integer({ min: 1, max: 30_000 });

/** An oracle that knows nothing of the compiled form: reads each minute's wall clock through Intl. */
function oracleWorking(def: CalendarDefinition, t: number): boolean {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-US', { timeZone: def.timeZone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric' })
      .formatToParts(new Date(t))
      .map((p) => [p.type, Number(p.value)]),
  ) as Record<string, number>;
  const g = { year: parts.year!, month: parts.month!, day: parts.day! };
  const j = toJalali(g);
  const sameDate = (d: { calendar: string; year: number; month: number; day: number }) => {
    const x = d.calendar === 'jalali' ? j : g;
    return d.year === x.year && d.month === x.month && d.day === x.day;
  };
  for (const h of def.holidays ?? []) {
    if (h.kind === 'date' ? sameDate(h.date) : h.month === j.month && h.day === j.day) return false;
  }
  const weekday = WEEKDAYS[(new Date(Date.UTC(g.year, g.month - 1, g.day)).getUTCDay() + 1) % 7]!;
  const special = (def.dateHours ?? []).find((d) => sameDate(d.date));
  const m = parts.hour! * 60 + parts.minute!;
  const inside = (ranges: readonly (readonly [string, string])[]) =>
    ranges.some(([s, e]) => {
      const [sh, sm] = s.split(':').map(Number);
      const [eh, em] = e.split(':').map(Number);
      return m >= sh! * 60 + sm! && m < eh! * 60 + em!;
    });
  return inside(special?.hours ?? def.week[weekday] ?? []) && !inside(special?.breaks ?? []);
}

describe.each(calendars)('business-time properties: %s', (_, def) => {
  const c = compileCalendar(def, { from, to });

  it('agrees minute by minute with an Intl oracle', () => {
    fc.assert(
      fc.property(minuteInstant, fc.integer({ min: 1, max: 2 * 24 * 60 }), (t, span) => {
        let expected = 0;
        for (let k = 0; k < span; k++) if (oracleWorking(def, t + k * 60_000)) expected++;
        expect(businessTimeBetween(c, t, t + span * 60_000)).toBe(expected);
        expect(isWorkingTime(c, t)).toBe(oracleWorking(def, t));
      }),
      { numRuns: 40 },
    );
  });

  it('add and between are inverse', () => {
    fc.assert(
      fc.property(instant, minutes, (t, m) => {
        const later = addBusinessTime(c, t, { minutes: m });
        expect(later).toBeGreaterThan(t);
        expect(businessTimeBetween(c, t, later)).toBe(m);
        const earlier = subtractBusinessTime(c, t, { minutes: m });
        expect(businessTimeBetween(c, earlier, t)).toBe(m);
        expect(addBusinessTime(c, t, { minutes: -m })).toBe(earlier);
        if (isWorkingTime(c, t)) {
          expect(subtractBusinessTime(c, later, { minutes: m })).toBe(t);
          expect(addBusinessTime(c, earlier, { minutes: m })).toBe(t);
        }
      }),
    );
  });

  it('lands inside working time or exactly on the end of a period', () => {
    fc.assert(
      fc.property(instant, minutes, (t, m) => {
        const r = addBusinessTime(c, t, { minutes: m });
        expect(isWorkingTime(c, r - 1)).toBe(true);
        if (!isWorkingTime(c, r)) expect(businessTimeBetween(c, r, r + 1)).toBe(0);
      }),
    );
  });

  it('is monotonic in the start and in the duration', () => {
    fc.assert(
      fc.property(instant, instant, minutes, minutes, (a, b, m, n) => {
        const [t1, t2] = a <= b ? [a, b] : [b, a];
        const [d1, d2] = m <= n ? [m, n] : [n, m];
        expect(addBusinessTime(c, t1, { minutes: d1 })).toBeLessThanOrEqual(addBusinessTime(c, t2, { minutes: d1 }));
        expect(addBusinessTime(c, t1, { minutes: d1 })).toBeLessThanOrEqual(addBusinessTime(c, t1, { minutes: d2 }));
        expect(businessTimeBetween(c, t1, t2)).toBeGreaterThanOrEqual(0);
      }),
    );
  });

  it('is additive', () => {
    fc.assert(
      fc.property(instant, minutes, minutes, instant, instant, (t, a, b, u, v) => {
        expect(addBusinessTime(c, addBusinessTime(c, t, { minutes: a }), { minutes: b })).toBe(addBusinessTime(c, t, { minutes: a + b }));
        const [x, y, z] = [t, u, v].sort((p, q) => p - q) as [number, number, number];
        expect(businessTimeBetween(c, x, y) + businessTimeBetween(c, y, z)).toBeCloseTo(businessTimeBetween(c, x, z), 9);
      }),
    );
  });

  it('moves business days by working dates and keeps the time of day unless it is not working time there', () => {
    const wall = new Intl.DateTimeFormat('en-GB', { timeZone: def.timeZone, timeStyle: 'medium' });
    const date = new Intl.DateTimeFormat('en-CA', { timeZone: def.timeZone });
    fc.assert(
      fc.property(instant, fc.integer({ min: 1, max: 20 }), (t, n) => {
        const due = addBusinessTime(c, t, { businessDays: n });
        expect(due).toBeGreaterThan(t);
        let working = 0;
        for (let d = Date.parse(date.format(t)) + 86_400_000; d <= Date.parse(date.format(due)); d += 86_400_000) {
          const [year, month, day] = new Date(d).toISOString().slice(0, 10).split('-').map(Number) as [number, number, number];
          if (isWorkingDate(c, { calendar: 'gregorian', year, month, day })) working++;
        }
        if (wall.format(due) === wall.format(t)) expect(working).toBe(n);
        else {
          expect(working === n || working === n + 1).toBe(true);
          expect(isWorkingTime(c, due)).toBe(true); // moved to the next working moment
        }
      }),
    );
  });
});
