import { Type, type Static } from 'typebox';
import { Id, Instant, PageQuery } from './common.ts';

/** Why a user was notified; the UI picks the sentence (fa/en) from the kind and the data. */
export const NotificationKind = Type.Union([
  Type.Literal('ticket.assigned'),
  Type.Literal('ticket.escalated'),
  /** A functional escalation referred the ticket to a group the recipient is a member of. */
  Type.Literal('ticket.referred'),
  Type.Literal('ticket.pending_reached'),
  Type.Literal('ticket.referral_returned'),
]);
export type NotificationKind = Static<typeof NotificationKind>;

/**
 * What the sentence needs, captured when the notification was made. Never internal note text:
 * only the ticket's number and title, who acted, and the escalation level.
 */
export const NotificationData = Type.Object({
  ticketNumber: Type.Optional(Type.Integer()),
  ticketTitle: Type.Optional(Type.String()),
  /** The user who caused it (null: the system, e.g. a pending date reached). */
  actorUserId: Type.Optional(Type.Union([Id, Type.Null()])),
  /** ticket.escalated: 1 = supervisors of the group, 2 = managers. */
  escalationLevel: Type.Optional(Type.Integer({ minimum: 1, maximum: 2 })),
  groupId: Type.Optional(Type.Union([Id, Type.Null()])),
});
export type NotificationData = Static<typeof NotificationData>;

export const Notification = Type.Object({
  id: Id,
  kind: NotificationKind,
  ticketId: Type.Union([Id, Type.Null()]),
  data: NotificationData,
  read: Type.Boolean(),
  readAt: Type.Union([Instant, Type.Null()]),
  createdAt: Instant,
});
export type Notification = Static<typeof Notification>;

export const NotificationsQuery = Type.Object(
  {
    /** true: only unread ones. */
    unread: Type.Optional(Type.Boolean()),
    ...PageQuery,
  },
  { additionalProperties: false },
);
export type NotificationsQuery = Static<typeof NotificationsQuery>;

/** Newest first; `unreadCount` counts all of the user's unread notifications (for the bell badge). */
export const NotificationsPage = Type.Object({
  items: Type.Array(Notification),
  nextCursor: Type.Union([Type.String(), Type.Null()]),
  unreadCount: Type.Integer({ minimum: 0 }),
});
export type NotificationsPage = Static<typeof NotificationsPage>;

export const NotificationsReadAll = Type.Object({
  /** How many were unread and are now read. */
  marked: Type.Integer({ minimum: 0 }),
  unreadCount: Type.Integer({ minimum: 0 }),
});
export type NotificationsReadAll = Static<typeof NotificationsReadAll>;
