import type { Notification, NotificationData, NotificationKind } from '@pishkhan/contracts';
import type { NotificationRow } from './notifications.repository.ts';

const iso = (ms: number) => new Date(ms).toISOString();

/** Row → API object: times as ISO-8601, the read flag as a boolean, data parsed from its JSON text. */
export function presentNotification(row: NotificationRow): Notification {
  return {
    id: row.id,
    kind: row.kind as NotificationKind,
    ticketId: row.ticket_id,
    data: JSON.parse(row.data) as NotificationData,
    read: row.read_at !== null,
    readAt: row.read_at === null ? null : iso(row.read_at),
    createdAt: iso(row.created_at),
  };
}
