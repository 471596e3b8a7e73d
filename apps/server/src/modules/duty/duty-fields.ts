import { DomainError } from '../../platform/http/errors.ts';
import type { Db } from '../../schema.ts';
import { calendarVersion } from '../calendars/index.ts';
import { DutyErrors } from './duty.errors.ts';

/** A calendar named by a duty edit must exist (null: fall back to the group's or the desk's). */
export async function requireCalendar(db: Db, calendarId: number | null | undefined): Promise<void> {
  if (calendarId == null) return;
  if ((await calendarVersion(db, calendarId)) === undefined) throw new DomainError(DutyErrors['duty.unknown_calendar'], { calendarId });
}

/** undefined: unchanged; null: back; an instant: must lie ahead. */
export function awayUntilOf(value: string | null | undefined, now: number): number | null | undefined {
  if (value === undefined || value === null) return value;
  const at = Date.parse(value);
  if (!(at > now)) throw new DomainError(DutyErrors['duty.away_in_past']);
  return at;
}
