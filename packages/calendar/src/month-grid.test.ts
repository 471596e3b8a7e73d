import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { gregorianMonthLength, jalaliMonthLength } from './civil-date.ts';
import { monthGrid } from './month-grid.ts';

describe('monthGrid', () => {
  it('lays out Farvardin 1404 from Saturday, with the Gregorian dates beside', () => {
    const g = monthGrid('jalali', 1404, 1);
    const first = g.weeks[0]!;
    expect(first.map((d) => d.weekday)).toEqual(['sat', 'sun', 'mon', 'tue', 'wed', 'thu', 'fri']);
    // 1404-01-01 is Friday 2025-03-21: six days of Esfand 1403 lead in.
    expect(first.filter((d) => !d.inMonth)).toHaveLength(6);
    expect(first[6]).toMatchObject({ inMonth: true, jalali: { year: 1404, month: 1, day: 1 }, gregorian: { year: 2025, month: 3, day: 21 } });
    expect(first[0]!.jalali).toMatchObject({ year: 1403, month: 12, day: 25 });
    expect(g.weeks).toHaveLength(6);
  });

  it('covers each month exactly, in whole weeks, for both calendars', () => {
    fc.assert(
      fc.property(fc.constantFrom('jalali' as const, 'gregorian' as const), fc.integer({ min: 1, max: 12 }), fc.integer({ min: 0, max: 400 }), (cal, month, k) => {
        const year = cal === 'jalali' ? 1300 + k : 1920 + k;
        const g = monthGrid(cal, year, month);
        const days = g.weeks.flat();
        const length = cal === 'jalali' ? jalaliMonthLength(year, month) : gregorianMonthLength(year, month);
        expect(g.weeks.length).toBeGreaterThanOrEqual(4);
        expect(g.weeks.length).toBeLessThanOrEqual(6);
        for (const w of g.weeks) expect(w.map((d) => d.weekday)).toEqual(['sat', 'sun', 'mon', 'tue', 'wed', 'thu', 'fri']);
        const inside = days.filter((d) => d.inMonth);
        expect(inside.map((d) => d[cal].day)).toEqual(Array.from({ length }, (_, i) => i + 1));
        expect(inside.every((d) => d[cal].month === month && d[cal].year === year)).toBe(true);
        for (let i = 1; i < days.length; i++) expect(days[i]!.epochDay).toBe(days[i - 1]!.epochDay + 1);
        expect(days[0]!.inMonth).toBe(days[0]![cal].day === 1 && days[0]![cal].month === month);
      }),
    );
  });
});
