import type { NotificationChannel, NotificationKind } from '@pishkhan/contracts';
import type { Actor } from '../../../platform/actor.ts';
import { defineCommand } from '../../../platform/commands/index.ts';
import { requireUser } from '../../../platform/policy/index.ts';
import type { NotificationsContext } from '../notifications.context.ts';
import { savePreference } from '../notifications.repository.ts';

/** The signed-in user turns kinds on or off per channel (in-app, email) for themself; every kind is on until turned off. */
export const changeNotificationSettings = defineCommand(
  'notification.change_settings',
  async (
    ctx: NotificationsContext,
    input: { actor: Actor; items: ReadonlyArray<{ kind: NotificationKind; channel: NotificationChannel; enabled: boolean }> },
  ): Promise<{ changed: number }> => {
    const actor = requireUser(input.actor);
    const now = ctx.clock.now();
    for (const item of input.items) await savePreference(ctx.db, { userId: actor.userId, ...item, now });
    return { changed: input.items.length };
  },
);
