import type { Actor } from '../../../platform/actor.ts';
import { defineCommand } from '../../../platform/commands/index.ts';
import { requireUser } from '../../../platform/policy/index.ts';
import type { NotificationsContext } from '../notifications.context.ts';
import { markAllNotificationsRead } from '../notifications.repository.ts';

/** Marks every unread notification of the actor read, in one statement; returns how many were unread. */
export const markAllRead = defineCommand(
  'notification.mark_all_read',
  async (ctx: NotificationsContext, input: { actor: Actor }): Promise<{ marked: number }> => {
    const actor = requireUser(input.actor);
    return { marked: await markAllNotificationsRead(ctx.db, { userId: actor.userId, now: ctx.clock.now() }) };
  },
);
