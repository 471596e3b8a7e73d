/** The jalaali-js test vectors (MIT, ../shared/corpus/calendar/jalaali-js) against our conversion API. */
import { describe, expect, it } from 'vitest';
import { civilDateOf, epochDayOf, isJalaliLeapYear, isValidCivilDate, jalaliMonthLength, toGregorian, toJalali } from './civil-date.ts';
import { loadCorpus } from './corpus.ts';

type Triple = [number, number, number];
interface Vectors {
  gregorian_jalali_pairs: { gregorian: Triple; jalali: Triple }[];
  leap_years: number[];
  common_years: number[];
  jalCal: { jy: number; leap: number; gy: number; march: number }[];
  esfand_length: { jy: number; days: number }[];
  julian_day_numbers: { jalali: Triple; gregorian: Triple; jdn: number }[];
  invalid_jalali_dates: Triple[];
  valid_jalali_dates: Triple[];
  year_boundaries: { last_day: Triple; next_day: Triple }[];
}
const ymd = ([year, month, day]: Triple) => ({ year, month, day });
const jal = (t: Triple) => ({ calendar: 'jalali' as const, ...ymd(t) });

/** 77 vectors at jalaali-js commit 28b6f9d; asserted so that a reshaped corpus cannot pass vacuously. */
const EXPECTED_VECTORS = 77;

const v = loadCorpus<Vectors>('calendar', 'jalaali-js', 'vectors.json');
describe.skipIf(!v)('jalaali-js vectors', () => {
  const x = v!;
  let run = 0;
  it('converts every Gregorian–Jalali pair both ways', () => {
    for (const p of x.gregorian_jalali_pairs) {
      expect(toJalali(ymd(p.gregorian))).toEqual(ymd(p.jalali));
      expect(toGregorian(ymd(p.jalali))).toEqual(ymd(p.gregorian));
      expect(civilDateOf(epochDayOf(jal(p.jalali)), 'gregorian')).toEqual({ calendar: 'gregorian', ...ymd(p.gregorian) });
      run++;
    }
  });
  it('knows leap and common years', () => {
    for (const y of x.leap_years) (expect(isJalaliLeapYear(y), `${y}`).toBe(true), run++);
    for (const y of x.common_years) (expect(isJalaliLeapYear(y), `${y}`).toBe(false), run++);
  });
  it('puts Farvardin 1 on the listed day of March', () => {
    for (const c of x.jalCal) {
      expect(toGregorian({ year: c.jy, month: 1, day: 1 })).toEqual({ year: c.gy, month: 3, day: c.march });
      expect(isJalaliLeapYear(c.jy)).toBe(c.leap === 0);
      run++;
    }
  });
  it('gives Esfand its length', () => {
    for (const c of x.esfand_length) (expect(jalaliMonthLength(c.jy, 12)).toBe(c.days), run++);
  });
  it('agrees with the Julian day numbers (our day 0 is 1970-01-01 = JDN 2440588)', () => {
    for (const c of x.julian_day_numbers) {
      expect(epochDayOf(jal(c.jalali)) + 2440588).toBe(c.jdn);
      expect(epochDayOf({ calendar: 'gregorian', ...ymd(c.gregorian) }) + 2440588).toBe(c.jdn);
      run++;
    }
  });
  it('tells valid from invalid dates', () => {
    for (const d of x.invalid_jalali_dates) {
      expect(isValidCivilDate(jal(d)), d.join('-')).toBe(false);
      expect(() => epochDayOf(jal(d))).toThrow(RangeError);
      run++;
    }
    for (const d of x.valid_jalali_dates) (expect(isValidCivilDate(jal(d)), d.join('-')).toBe(true), run++);
  });
  it('steps over year boundaries', () => {
    for (const b of x.year_boundaries) (expect(epochDayOf(jal(b.next_day))).toBe(epochDayOf(jal(b.last_day)) + 1), run++);
  });
  it(`ran all ${EXPECTED_VECTORS} vectors`, () => expect(run).toBe(EXPECTED_VECTORS));
});
