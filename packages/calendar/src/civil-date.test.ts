import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { civilDateOf, epochDayOf, isValidCivilDate, jalaliMonthLength, parseIsoDate, toGregorian, toJalali, weekdayOf } from './civil-date.ts';

// Day numbers for Jalali −61…3177, the range jalaali-js is exact in.
const anyDay = fc.integer({ min: -500_000, max: 600_000 });

describe('civil dates', () => {
  it('round-trips every day number through both calendars', () => {
    fc.assert(
      fc.property(anyDay, (day) => {
        const j = civilDateOf(day, 'jalali');
        const g = civilDateOf(day, 'gregorian');
        expect(epochDayOf(j)).toBe(day);
        expect(epochDayOf(g)).toBe(day);
        expect(toGregorian(j)).toEqual({ year: g.year, month: g.month, day: g.day });
        expect(toJalali(g)).toEqual({ year: j.year, month: j.month, day: j.day });
      }),
    );
  });

  it('counts consecutive days within and across Jalali months', () => {
    fc.assert(
      fc.property(anyDay, (day) => {
        const a = civilDateOf(day, 'jalali');
        const b = civilDateOf(day + 1, 'jalali');
        if (a.day < jalaliMonthLength(a.year, a.month)) expect(b).toEqual({ ...a, day: a.day + 1 });
        else if (a.month < 12) expect(b).toEqual({ ...a, month: a.month + 1, day: 1 });
        else expect(b).toEqual({ ...a, year: a.year + 1, month: 1, day: 1 });
      }),
    );
  });

  it('has weekdays that cycle Saturday-first', () => {
    expect(weekdayOf(epochDayOf(parseIsoDate('1970-01-01')))).toBe('thu');
    expect(weekdayOf(epochDayOf({ calendar: 'jalali', year: 1404, month: 1, day: 1 }))).toBe('fri'); // 2025-03-21
    fc.assert(fc.property(anyDay, (day) => weekdayOf(day + 7) === weekdayOf(day)));
  });

  it('rejects impossible Gregorian dates', () => {
    expect(isValidCivilDate({ calendar: 'gregorian', year: 2023, month: 2, day: 29 })).toBe(false);
    expect(isValidCivilDate({ calendar: 'gregorian', year: 2024, month: 2, day: 29 })).toBe(true);
    expect(() => parseIsoDate('2024-2-1')).toThrow(RangeError);
  });
});
