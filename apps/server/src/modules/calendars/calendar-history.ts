import type { EventMap } from '@pishkhan/contracts';
import { actorUserId, type Actor } from '../../platform/actor.ts';
import type { Clock } from '../../platform/clock/index.ts';
import { recordEvent } from '../../platform/events/index.ts';
import type { Executor } from '../../schema.ts';
import { insertCalendarHistory } from './calendars.repository.ts';

type Reason = EventMap['calendar.changed']['reason'];

/**
 * Every change of a calendar, told once: a history row at the new version and `calendar.changed`
 * (due times under it are recomputed from that event), in the command's unit of work.
 */
export async function recordCalendarChange(
  db: Executor,
  clock: Clock,
  actor: Actor,
  change: { calendarId: number; version: number; reason: Reason; action: string; details: Record<string, unknown> },
): Promise<void> {
  const userId = actorUserId(actor);
  await insertCalendarHistory(db, {
    calendar_id: change.calendarId,
    version: change.version,
    action: change.action,
    actor_user_id: userId,
    details: JSON.stringify(change.details),
    created_at: clock.now(),
  });
  await recordEvent(db, clock, 'calendar.changed', { calendarId: change.calendarId, version: change.version, actorUserId: userId, reason: change.reason });
}
