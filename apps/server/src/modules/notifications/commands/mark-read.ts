import type { Actor } from '../../../platform/actor.ts';
import { defineCommand } from '../../../platform/commands/index.ts';
import { authorize } from '../../../platform/policy/index.ts';
import type { NotificationsContext } from '../notifications.context.ts';
import { notificationPolicy } from '../notifications.policy.ts';
import { findNotification, markNotificationRead, type NotificationRow } from '../notifications.repository.ts';

/**
 * Marks one of the actor's own notifications read (idempotent: the first read time stays) and
 * returns the row as it now is. Someone else's notification is "not found", never "forbidden".
 */
export const markRead = defineCommand(
  'notification.mark_read',
  async (ctx: NotificationsContext, input: { actor: Actor; id: number }): Promise<NotificationRow> => {
    const row = authorize(notificationPolicy, input.actor, 'mark_read', await findNotification(ctx.db, input.id));
    return (await markNotificationRead(ctx.db, { id: row.id, userId: row.user_id, now: ctx.clock.now() })) ?? row;
  },
);
