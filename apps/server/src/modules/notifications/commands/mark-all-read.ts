import type { NotificationsReadAll } from '@pishkhan/contracts';
import type { UserActor } from '../../../platform/actor.ts';
import type { Clock } from '../../../platform/clock/index.ts';
import type { Db } from '../../../schema.ts';
import { markAllNotificationsRead } from '../notifications.repository.ts';

/** Marks every unread notification of the actor read, in one statement. */
export async function markAllRead(db: Db, clock: Clock, actor: UserActor): Promise<NotificationsReadAll> {
  const marked = await markAllNotificationsRead(db, { userId: actor.userId, now: clock.now() });
  return { marked, unreadCount: 0 };
}
