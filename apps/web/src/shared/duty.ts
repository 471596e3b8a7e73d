/** The instant a civil date (epoch day) begins in a time zone: a return date "back on" as the API's `awayUntil`. */
export function startOfDayIn(epochDay: number, timeZone: string): Date {
  const utc = epochDay * 86_400_000;
  // The zone's offset near that midnight, read twice so a DST change that day lands right.
  let guess = utc;
  for (let i = 0; i < 2; i++) guess = utc - offsetAt(guess, timeZone);
  return new Date(guess);
}

function offsetAt(instant: number, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' }).formatToParts(instant);
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  const wall = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second'));
  return wall - Math.floor(instant / 1000) * 1000;
}

/** The epoch day an instant falls on in a time zone (the return date shown back). */
export function epochDayIn(instant: string | Date, timeZone: string): number {
  const text = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(typeof instant === 'string' ? new Date(instant) : instant);
  return Math.floor(Date.parse(`${text}T00:00:00Z`) / 86_400_000);
}
