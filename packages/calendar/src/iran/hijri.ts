import { TABLE_FIRST, TABLE_LENGTHS } from './hijri-table.ts';
import { lunationAtOrBefore, newMoonInstant } from './new-moon.ts';

/** Where a Hijri month starts (local date in Iran, as a day number) and whether that is an estimate. */
export interface HijriMonthStart {
  epochDay: number;
  estimated: boolean;
}

const DAY_MS = 86_400_000;
const TEHRAN = { latitude: 35.69, longitude: 51.39 };
/**
 * Moon age at sunset in Tehran (hours) from which the crescent counts as seen that evening, so the
 * month starts the next day. Chosen on the official months 1265–1419 AH (82.7% exact there) and then
 * tested on 1420–1447, which it was not fitted to.
 */
const MIN_MOON_AGE_HOURS = 19.5;

const tableStarts: number[] = (() => {
  const out: number[] = [TABLE_FIRST.epochDay];
  for (const c of TABLE_LENGTHS) out.push(out[out.length - 1]! + (c === '9' ? 29 : 30));
  return out;
})();
const indexOf = (year: number, month: number) => year * 12 + month - 1;
const tableFirst = indexOf(TABLE_FIRST.year, TABLE_FIRST.month);

/** Approximate UTC instant of sunset in Tehran on a day (solar declination; no equation of time). */
function sunsetInTehran(epochDay: number): number {
  const yearStart = Date.UTC(new Date(epochDay * DAY_MS).getUTCFullYear(), 0, 1) / DAY_MS;
  const declination = ((23.44 * Math.PI) / 180) * Math.sin((2 * Math.PI * (epochDay - yearStart - 80)) / 365.2422);
  const lat = (TEHRAN.latitude * Math.PI) / 180;
  const hourAngle = (Math.acos(-Math.tan(lat) * Math.tan(declination)) * 180) / Math.PI;
  return epochDay * DAY_MS + (12 + hourAngle / 15 - TEHRAN.longitude / 15) * 3_600_000;
}

// Lunation index of 1420/1 (its conjunction, 1999-04-16), the anchor from which months are counted.
const ANCHOR_INDEX = indexOf(1420, 1);
const ANCHOR_LUNATION = lunationAtOrBefore(Date.UTC(1999, 3, 17));

/**
 * An astronomical estimate of a Hijri month's start in Iran: the day after the first evening on
 * which the moon, at sunset in Tehran, is at least MIN_MOON_AGE_HOURS old.
 */
export function estimateHijriMonthStart(year: number, month: number): number {
  const conjunction = newMoonInstant(ANCHOR_LUNATION + indexOf(year, month) - ANCHOR_INDEX);
  for (let day = Math.floor((conjunction + 3.5 * 3_600_000) / DAY_MS); ; day++) {
    const sunset = sunsetInTehran(day);
    if (sunset > conjunction && sunset - conjunction >= MIN_MOON_AGE_HOURS * 3_600_000) return day + 1;
  }
}

/** The start of a Hijri month as Iran keeps it: the official table where it reaches, else an estimate marked so. */
export function hijriMonthStart(year: number, month: number): HijriMonthStart {
  const i = indexOf(year, month) - tableFirst;
  if (i >= 0 && i < tableStarts.length) return { epochDay: tableStarts[i]!, estimated: false };
  return { epochDay: estimateHijriMonthStart(year, month), estimated: true };
}

/** The official table's months, for tests and the admin's confirmation screen. */
export function officialHijriMonths(): { year: number; month: number; epochDay: number }[] {
  return tableStarts.map((epochDay, i) => ({ year: Math.floor((tableFirst + i) / 12), month: ((tableFirst + i) % 12) + 1, epochDay }));
}
