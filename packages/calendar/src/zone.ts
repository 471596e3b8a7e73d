// Wall-clock ↔ UTC in an IANA zone, through Intl only (machines run in UTC; never the host zone).

const DAY_MS = 86_400_000;
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      era: 'short',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** Throws RangeError unless Intl knows the zone. */
export function assertTimeZone(timeZone: string): void {
  formatter(timeZone);
}

/** The zone's offset from UTC at an instant, in ms (wall-clock = instant + offset). */
export function offsetAt(timeZone: string, instant: number): number {
  const parts = formatter(timeZone).formatToParts(new Date(instant));
  const get = (type: string) => Number(parts.find((p) => p.type === type)!.value);
  let year = get('year');
  if (parts.find((p) => p.type === 'era')!.value.startsWith('B')) year = 1 - year;
  const wall = Date.UTC(year, get('month') - 1, get('day'), get('hour'), get('minute'), get('second'));
  // Date.UTC maps years 0–99 to 1900–1999; those years never occur here (jalaali-js starts in 560).
  return wall - Math.floor(instant / 1000) * 1000;
}

/**
 * The instant a wall-clock reading (ms since 1970-01-01T00:00 local) names in the zone. Like
 * Temporal's 'compatible' disambiguation: a repeated reading (autumn) takes the earlier instant, a
 * skipped one (spring) is read with the offset before the change, i.e. moved forward by the gap.
 */
export function wallToInstant(timeZone: string, wall: number): number {
  const before = offsetAt(timeZone, wall - DAY_MS);
  const after = offsetAt(timeZone, wall + DAY_MS);
  const a = wall - before;
  if (before === after) return a;
  const b = wall - after;
  const aValid = offsetAt(timeZone, a) === before;
  const bValid = offsetAt(timeZone, b) === after;
  if (aValid && bValid) return Math.min(a, b);
  if (aValid) return a;
  if (bValid) return b;
  return a;
}
