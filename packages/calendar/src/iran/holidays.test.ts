import { describe, expect, it } from 'vitest';
import { isoDateOf, epochDayOf, type CivilDate } from '../civil-date.ts';
import { iranianHolidays, IRAN_HOLIDAY_RULES } from './holidays.ts';
import { hijriMonthStart } from './hijri.ts';

const iso = (d: CivilDate) => isoDateOf(epochDayOf(d));

describe('Iranian official holidays', () => {
  it('has the 10 solar and 17 lunar rules of the official calendar', () => {
    expect(IRAN_HOLIDAY_RULES.filter((r) => r.calendar === 'jalali')).toHaveLength(10);
    expect(IRAN_HOLIDAY_RULES.filter((r) => r.calendar === 'hijri')).toHaveLength(17);
  });

  it('generates 1404 from the rules on the official lunar table', () => {
    const list = iranianHolidays(1404);
    const byName = (en: string) => list.filter((x) => x.name.en === en).map((x) => iso(x.date));
    // Ashura 1447 (10 Muharram; 1 Muharram was 2025-06-27 in Iran); Eid al-Fitr 1446 (1 Shawwal = 1404-01-11).
    expect(byName('Ashura')).toEqual(['2025-07-06']);
    expect(byName('Eid al-Fitr')).toEqual(['2025-03-31']);
    // 1405 has two: 1447 on Nowruz (2026-03-21, the table's last month) and 1448, estimated, eleven months on.
    const fitr = iranianHolidays(1405).filter((x) => x.name.en === 'Eid al-Fitr');
    expect(fitr.map((x) => x.estimated)).toEqual([false, true]);
    expect(iso(fitr[0]!.date)).toBe('2026-03-21');
    expect(epochDayOf(fitr[1]!.date) - epochDayOf(fitr[0]!.date)).toBeGreaterThanOrEqual(353);
    expect(byName('Nowruz')).toEqual(['2025-03-21', '2025-03-22', '2025-03-23', '2025-03-24']);
    expect(list.every((x) => !x.estimated || x.date.month >= 12)).toBe(true);
    const days = list.map((x) => epochDayOf(x.date));
    expect([...days].sort((a, b) => a - b)).toEqual(days);
    expect(list.length).toBeGreaterThanOrEqual(25);
  });

  it('generates any later year, marking lunar holidays beyond the table as estimated', () => {
    const list = iranianHolidays(1410);
    expect(list.filter((x) => x.estimated).length).toBeGreaterThanOrEqual(15);
    expect(list.filter((x) => !x.estimated).map((x) => x.name.en)).toContain('Nowruz');
  });
});

describe('announced Hijri month starts', () => {
  it('moves the holidays of a month whose start is given, and only those, and they are no longer estimated', () => {
    const base = iranianHolidays(1405);
    const start = hijriMonthStart(1448, 1);
    const moved = iranianHolidays(1405, (y, m) => (y === 1448 && m === 1 ? { epochDay: start.epochDay + 1, estimated: false } : hijriMonthStart(y, m)));
    const tasua = (list: typeof base) => list.find((h) => h.name.en === 'Tasua')!;
    expect(tasua(base)).toMatchObject({ date: { month: 4, day: 4 }, estimated: true });
    expect(tasua(moved)).toMatchObject({ date: { month: 4, day: 5 }, estimated: false });
    const others = (list: typeof base) => list.filter((h) => h.name.en !== 'Tasua' && h.name.en !== 'Ashura');
    expect(others(moved)).toEqual(others(base));
  });
});
