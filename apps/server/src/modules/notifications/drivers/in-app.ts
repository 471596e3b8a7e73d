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
