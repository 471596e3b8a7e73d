import type { Realtime } from '../../../platform/realtime/index.ts';
import { insertNotification } from '../notifications.repository.ts';
import type { NotificationDriver } from './types.ts';

/**
 * Stores the notification for the bell in the web app; a second delivery with the same dedupe key
 * is a no-op. Only sign-ins have a bell: a contact with a linked sign-in gets it there; a contact
 * without one is left to drivers that reach them (email).
 */
export const inAppDriver: NotificationDriver = {
  name: 'in_app',
  async deliver(trx, n) {
    if (n.userId === null) return;
    await insertNotification(trx, {
      user_id: n.userId,
      kind: n.kind,
      ticket_id: n.ticketId,
      data: JSON.stringify(n.data),
      dedupe_key: n.dedupeKey,
      created_at: n.createdAt,
    });
  },
};

/** The bell's driver with live updates: after the job commits, the user's open streams hear that their notifications changed. */
export function liveInAppDriver(live: Pick<Realtime, 'notifyUsers'>): NotificationDriver {
  return {
    name: inAppDriver.name,
    async deliver(trx, n) {
      await inAppDriver.deliver(trx, n);
      if (n.userId !== null) live.notifyUsers(trx, [n.userId]);
    },
  };
}
