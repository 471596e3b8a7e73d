import type { Actor } from '../../platform/actor.ts';
import type { NotificationRow } from './notifications.repository.ts';
import { type Policy } from '../../platform/policy/index.ts';
import { defineTerms } from '../../platform/http/errors.ts';

export type NotificationAction = 'mark_read';

/** How messages name this record (`{entity:entity}` of record.not_found). */
export const NotificationEntities = defineTerms('entity', { notification: { fa: 'اعلان', en: 'Notification' } });

/** A notification is its recipient's alone: anyone else is told it does not exist (404). */
export const notificationPolicy: Policy<NotificationRow, NotificationAction> = {
  entity: 'notification',
  can: (actor, _action, record) => actor.kind === 'user' && record.user_id === actor.userId,
};

/** The list filter matching `can(actor, 'read', …)`: the actor's own notifications, or none. */
export function visibleScope(actor: Actor): { userId: number } | null {
  return actor.kind === 'user' ? { userId: actor.userId } : null;
}
