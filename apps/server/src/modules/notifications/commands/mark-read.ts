import type { Notification } from '@pishkhan/contracts';
import type { Actor } from '../../../platform/actor.ts';
import type { Clock } from '../../../platform/clock/index.ts';
import type { Db } from '../../../schema.ts';
import { notificationPolicy } from '../notifications.policy.ts';
import { findNotification, markNotificationRead } from '../notifications.repository.ts';
import { presentNotification } from '../notifications.presenter.ts';
import { authorize } from '../../../platform/policy/index.ts';

/**
 * Marks one of the actor's own notifications read (idempotent: the first read time stays).
 * Someone else's notification is "not found", never "forbidden".
 */
export async function markRead(db: Db, clock: Clock, actor: Actor, id: number): Promise<Notification> {
  const row = authorize(notificationPolicy, actor, 'mark_read', await findNotification(db, id));
  await markNotificationRead(db, { id: row.id, userId: row.user_id, now: clock.now() });
  return presentNotification((await findNotification(db, id))!);
}
