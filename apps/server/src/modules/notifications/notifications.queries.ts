import { NOTIFICATION_KINDS, type NotificationSettings, type NotificationsPage, type NotificationsQuery } from '@pishkhan/contracts';
import type { Actor } from '../../platform/actor.ts';
import { decodeCursor, pageOf } from '../../platform/http/cursor.ts';
import type { Db } from '../../schema.ts';
import { visibleScope } from './notifications.policy.ts';
import { countUnread, listPreferenceRows, listUserNotifications } from './notifications.repository.ts';
import { presentNotification } from './notifications.presenter.ts';
import { invalidInput } from '../../platform/http/input-issues.ts';

/** The actor's notifications, newest first, with the unread count for the badge. */
export async function listMyNotifications(db: Db, actor: Actor, query: NotificationsQuery): Promise<NotificationsPage> {
  const scope = visibleScope(actor);
  if (!scope) return { items: [], nextCursor: null, unreadCount: 0 };
  const limit = query.limit ?? 50;
  const [beforeId] = decodeCursor(query.cursor, 1) ?? [];
  if (beforeId !== undefined && typeof beforeId !== 'number') {
    throw invalidInput('cursor', 'cursor');
  }
  const [rows, unreadCount] = await Promise.all([
    listUserNotifications(db, { userId: scope.userId, unreadOnly: query.unread === true, beforeId, limit: limit + 1 }),
    countUnread(db, scope.userId),
  ]);
  const page = pageOf(rows, limit, (r) => [r.id]);
  return { items: page.items.map(presentNotification), nextCursor: page.nextCursor, unreadCount };
}

/** The user's switches: every kind, on for both channels unless turned off. */
export async function myNotificationSettings(db: Db, actor: Actor): Promise<NotificationSettings> {
  const scope = visibleScope(actor);
  const rows = scope ? await listPreferenceRows(db, scope.userId) : [];
  const off = new Set(rows.filter((r) => r.enabled === 0).map((r) => `${r.kind}:${r.channel}`));
  return { items: NOTIFICATION_KINDS.map((kind) => ({ kind, inApp: !off.has(`${kind}:in_app`), email: !off.has(`${kind}:email`) })) };
}
