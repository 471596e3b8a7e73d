import { Type, type Static } from 'typebox';
import { Id, Instant, PageQuery } from './common.ts';

/** Why a user was notified; the UI picks the sentence (fa/en) from the kind and the data. */
export const NotificationKind = Type.Union([
  // to agents
  Type.Literal('ticket.assigned'),
  Type.Literal('ticket.escalated'),
  /** A functional escalation referred the ticket to a group the recipient is a member of. */
  Type.Literal('ticket.referred'),
  Type.Literal('ticket.pending_reached'),
  Type.Literal('ticket.referral_returned'),
  Type.Literal('ticket.new_in_group'),
  Type.Literal('ticket.customer_replied'),
  /** An SLA target of a ticket the recipient holds or whose group they are in is near (warning) or past (breach). */
  Type.Literal('ticket.sla_warning'),
  Type.Literal('ticket.sla_breached'),
  /** A contract the recipient is account manager of ends soon (no ticket). */
  Type.Literal('contract.expiring'),
  // to the customer (requester; public replies also reach contacts who watch)
  Type.Literal('ticket.received'),
  Type.Literal('ticket.public_reply'),
  Type.Literal('ticket.waiting_for_customer'),
  Type.Literal('ticket.resolved'),
  Type.Literal('ticket.closed'),
  // email only, never switched off and never in the bell: a one-time link someone asked for or was sent
  Type.Literal('account.invitation'),
  Type.Literal('account.password_reset'),
  Type.Literal('account.sign_up'),
  /** Repeated failed sign-ins locked the account for a while (the owner is told; never a permanent lock). */
  Type.Literal('account.locked'),
]);
export type NotificationKind = Static<typeof NotificationKind>;

/** Every kind a user may switch and an admin may edit, in the order settings and template lists show them (the account.* link mails are neither). */
export const NOTIFICATION_KINDS = [
  'ticket.received',
  'ticket.public_reply',
  'ticket.waiting_for_customer',
  'ticket.resolved',
  'ticket.closed',
  'ticket.new_in_group',
  'ticket.assigned',
  'ticket.customer_replied',
  'ticket.referral_returned',
  'ticket.escalated',
  'ticket.pending_reached',
  'ticket.referred',
  'ticket.sla_warning',
  'ticket.sla_breached',
  'contract.expiring',
] as const satisfies readonly NotificationKind[];

/** The ways a notification reaches someone, each switchable per user. */
export const NotificationChannel = Type.Union([Type.Literal('in_app'), Type.Literal('email')]);
export type NotificationChannel = Static<typeof NotificationChannel>;

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
  /** Who acted, as a name to show (an agent's or a contact's; absent for the system). */
  actorName: Type.Optional(Type.String()),
  /** The public reply or customer reply that caused it (ticket.public_reply, ticket.customer_replied). */
  articleId: Type.Optional(Id),
  /** ticket.sla_warning / ticket.sla_breached: which target, and when it is (was) due. */
  slaTarget: Type.Optional(Type.Union([Type.Literal('first_response'), Type.Literal('next_response'), Type.Literal('resolution')])),
  dueAt: Type.Optional(Instant),
  /** contract.expiring: which contract, and its last day (ISO date). */
  contractId: Type.Optional(Id),
  contractName: Type.Optional(Type.String()),
  endsOn: Type.Optional(Type.String()),
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

/** One kind's switches for the signed-in user: on unless turned off. */
export const NotificationSetting = Type.Object({
  kind: NotificationKind,
  inApp: Type.Boolean(),
  email: Type.Boolean(),
});
export type NotificationSetting = Static<typeof NotificationSetting>;

export const NotificationSettings = Type.Object({ items: Type.Array(NotificationSetting) });
export type NotificationSettings = Static<typeof NotificationSettings>;

export const NotificationSettingsChange = Type.Object(
  {
    items: Type.Array(
      Type.Object({ kind: NotificationKind, channel: NotificationChannel, enabled: Type.Boolean() }, { additionalProperties: false }),
      { minItems: 1, maxItems: 50 },
    ),
  },
  { additionalProperties: false },
);
export type NotificationSettingsChange = Static<typeof NotificationSettingsChange>;

export const TemplateLanguage = Type.Union([Type.Literal('fa'), Type.Literal('en')]);
export type TemplateLanguage = Static<typeof TemplateLanguage>;

/**
 * An email template of one kind in one language: text with {{placeholders}} (never markup; the
 * HTML part escapes every value). `custom` is false while the built-in default is in use.
 */
export const NotificationTemplate = Type.Object({
  kind: NotificationKind,
  language: TemplateLanguage,
  subject: Type.String(),
  body: Type.String(),
  custom: Type.Boolean(),
  /** The placeholders this kind offers. */
  placeholders: Type.Array(Type.String()),
  version: Type.Integer({ minimum: 0 }),
});
export type NotificationTemplate = Static<typeof NotificationTemplate>;

export const NotificationTemplates = Type.Object({ items: Type.Array(NotificationTemplate) });
export type NotificationTemplates = Static<typeof NotificationTemplates>;

export const NotificationTemplateParams = Type.Object({ kind: NotificationKind, language: TemplateLanguage });
export type NotificationTemplateParams = Static<typeof NotificationTemplateParams>;

export const NotificationTemplateChange = Type.Object(
  {
    subject: Type.String({ minLength: 1, maxLength: 500 }),
    body: Type.String({ minLength: 1, maxLength: 20_000 }),
    /** The version read (0 while the default is in use): a concurrent edit is 409 record.stale. */
    version: Type.Integer({ minimum: 0 }),
  },
  { additionalProperties: false },
);
export type NotificationTemplateChange = Static<typeof NotificationTemplateChange>;

/** Renders a template (the stored one, or the given draft) with sample data. */
export const NotificationTemplatePreviewBody = Type.Object(
  {
    kind: NotificationKind,
    language: TemplateLanguage,
    subject: Type.Optional(Type.String({ minLength: 1, maxLength: 500 })),
    body: Type.Optional(Type.String({ minLength: 1, maxLength: 20_000 })),
  },
  { additionalProperties: false },
);
export type NotificationTemplatePreviewBody = Static<typeof NotificationTemplatePreviewBody>;

export const RenderedMail = Type.Object({ subject: Type.String(), text: Type.String(), html: Type.String() });
export type RenderedMail = Static<typeof RenderedMail>;

/** A link from a mail (confirm, reopen): the token is its only authority. */
export const MailLinkParams = Type.Object({ token: Type.String({ minLength: 20, maxLength: 100, pattern: '^[A-Za-z0-9_-]+$' }) });
export type MailLinkParams = Static<typeof MailLinkParams>;

export const MailLinkAction = Type.Union([Type.Literal('confirm'), Type.Literal('reopen')]);

/** What a link would do (GET: nothing is changed). */
export const MailLink = Type.Object({ action: MailLinkAction, ticketId: Id, ticketNumber: Type.Integer(), ticketTitle: Type.String() });
export type MailLink = Static<typeof MailLink>;

/** What a link did (POST, once). */
export const MailLinkResult = Type.Object({ action: MailLinkAction, ticketId: Id, ticketNumber: Type.Integer(), done: Type.Literal(true) });
export type MailLinkResult = Static<typeof MailLinkResult>;
