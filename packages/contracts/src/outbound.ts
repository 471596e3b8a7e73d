import { Type, type Static } from 'typebox';
import { EmailAddress, Id, Instant, Version } from './common.ts';
import { NotificationKind } from './notifications.ts';
import { RelaySecurity } from './mailboxes.ts';

const Addresses = Type.Array(EmailAddress, { maxItems: 50 });
const Body = Type.String({ minLength: 1, maxLength: 100_000 });
const AttachmentIds = Type.Array(Id, { maxItems: 20 });

/** A public reply sent as mail, recipients editable (default: reply-all — the requester and the Cc's of the latest customer mail, never our own mailboxes). */
export const EmailReplyBody = Type.Object(
  {
    body: Body,
    attachmentIds: Type.Optional(AttachmentIds),
    to: Type.Optional(Addresses),
    cc: Type.Optional(Addresses),
    bcc: Type.Optional(Addresses),
  },
  { additionalProperties: false },
);
export type EmailReplyBody = Static<typeof EmailReplyBody>;

/** "Message a third party" (a vendor): sent from the ticket; kept as an internal note; the answer threads back as one. */
export const ThirdPartyMessageBody = Type.Object(
  {
    to: Type.Array(EmailAddress, { minItems: 1, maxItems: 50 }),
    cc: Type.Optional(Addresses),
    subject: Type.Optional(Type.String({ minLength: 1, maxLength: 300 })),
    body: Body,
  },
  { additionalProperties: false },
);
export type ThirdPartyMessageBody = Static<typeof ThirdPartyMessageBody>;

export const OutboundStatus = Type.Union([Type.Literal('queued'), Type.Literal('sent'), Type.Literal('held'), Type.Literal('failed')]);
export type OutboundStatus = Static<typeof OutboundStatus>;

const Address = Type.Object({ address: Type.String(), name: Type.Union([Type.String(), Type.Null()]) });

/** One outgoing mail of a ticket, as the desk sees it (the send-failure badge and its retry). */
export const OutboundMessage = Type.Object({
  id: Id,
  ticketId: Type.Union([Id, Type.Null()]),
  articleId: Type.Union([Id, Type.Null()]),
  purpose: Type.Union([Type.Literal('reply'), Type.Literal('third_party'), Type.Literal('notification')]),
  notificationKind: Type.Union([NotificationKind, Type.Null()]),
  from: Address,
  to: Type.Array(Address),
  cc: Type.Array(Address),
  bcc: Type.Array(Address),
  subject: Type.String(),
  messageId: Type.String(),
  status: OutboundStatus,
  /** Why it is held or failed: no_relay, auto_submitted, no_recipients, relay_refused, relay_unreachable, switched_off. */
  reason: Type.Union([Type.String(), Type.Null()]),
  lastError: Type.Union([Type.String(), Type.Null()]),
  attempts: Type.Integer({ minimum: 0 }),
  createdAt: Instant,
  sentAt: Type.Union([Instant, Type.Null()]),
  abilities: Type.Object({ retry: Type.Boolean() }),
});
export type OutboundMessage = Static<typeof OutboundMessage>;

export const OutboundMessages = Type.Object({ items: Type.Array(OutboundMessage) });
export type OutboundMessages = Static<typeof OutboundMessages>;

/** The ticket's status and version after the article, as a reply's answer has them: the composer takes them without a re-read. */
export const EmailReplyCreated = Type.Object({ ticketId: Id, ticketStatus: Type.String(), ticketVersion: Version, articleId: Id, message: OutboundMessage });
export type EmailReplyCreated = Static<typeof EmailReplyCreated>;

const RelayView = Type.Object({ host: Type.String(), port: Type.Integer(), security: RelaySecurity, user: Type.Union([Type.String(), Type.Null()]), passwordSet: Type.Boolean() });

/** Why mail does or does not leave: the relays in use and what waits. */
export const OutboundOverview = Type.Object({
  defaultRelay: Type.Union([RelayView, Type.Null()]),
  mailboxes: Type.Array(Type.Object({ id: Id, address: Type.String(), relay: Type.Union([Type.Literal('own'), Type.Literal('default'), Type.Literal('none')]) })),
  /** Counts of mail not sent, by status and reason. */
  waiting: Type.Array(Type.Object({ status: OutboundStatus, reason: Type.Union([Type.String(), Type.Null()]), count: Type.Integer({ minimum: 0 }) })),
  /** A sentence for the admin, in the request's language; null when everything can be sent. */
  problem: Type.Union([Type.String(), Type.Null()]),
});
export type OutboundOverview = Static<typeof OutboundOverview>;

/** The default relay (used by mailboxes without their own); null clears it. The password is write-only (omit: keep). */
export const DefaultRelayChange = Type.Object(
  {
    relay: Type.Union([
      Type.Object(
        {
          host: Type.String({ minLength: 1, maxLength: 253, pattern: '^[A-Za-z0-9.\\-:\\[\\]]+$' }),
          port: Type.Integer({ minimum: 1, maximum: 65535 }),
          security: RelaySecurity,
          user: Type.Optional(Type.Union([Type.String({ minLength: 1, maxLength: 320 }), Type.Null()])),
          password: Type.Optional(Type.Union([Type.String({ minLength: 1, maxLength: 1000 }), Type.Null()])),
        },
        { additionalProperties: false },
      ),
      Type.Null(),
    ]),
  },
  { additionalProperties: false },
);
export type DefaultRelayChange = Static<typeof DefaultRelayChange>;

export const GroupSignatureChange = Type.Object(
  { fa: Type.String({ maxLength: 5_000 }), en: Type.String({ maxLength: 5_000 }) },
  { additionalProperties: false },
);
export type GroupSignatureChange = Static<typeof GroupSignatureChange>;
export const GroupSignature = Type.Object({ groupId: Id, fa: Type.String(), en: Type.String() });
export type GroupSignature = Static<typeof GroupSignature>;

/** A mailbox's notification switches: which kinds it sends (every kind on unless turned off). */
export const MailboxNotificationsChange = Type.Object(
  { items: Type.Array(Type.Object({ kind: NotificationKind, enabled: Type.Boolean() }, { additionalProperties: false }), { minItems: 1, maxItems: 50 }) },
  { additionalProperties: false },
);
export type MailboxNotificationsChange = Static<typeof MailboxNotificationsChange>;
export const MailboxNotifications = Type.Object({ mailboxId: Id, items: Type.Array(Type.Object({ kind: NotificationKind, enabled: Type.Boolean() })) });
export type MailboxNotifications = Static<typeof MailboxNotifications>;
