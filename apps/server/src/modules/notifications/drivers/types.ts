import type { NotificationData, NotificationKind } from '@pishkhan/contracts';
import type { Db } from '../../../schema.ts';
import type { TicketNotificationFacts } from '../../tickets/index.ts';

/**
 * Who a notification is for: a sign-in (agents, and contacts who sign in) or a contact, who may
 * have no sign-in at all (most customers who write by mail). Each driver reaches the kinds it can:
 * the in-app bell only users, an email driver contacts (by their address) and users.
 */
export type NotificationRecipient = { kind: 'user'; userId: number } | { kind: 'contact'; contactId: number };

/** One notification for one recipient, before a driver delivers it. */
export interface OutgoingNotification {
  recipient: NotificationRecipient;
  /** The sign-in behind the recipient: the user, or a contact's linked sign-in (null: a contact who only has mail). */
  userId: number | null;
  /** The recipient's language: a user's locale, a contact's `language`. A driver that writes text writes it in this. */
  language: 'fa' | 'en';
  kind: NotificationKind;
  ticketId: number | null;
  /** The ticket's facts as the notifying job read them in this transaction (null: no ticket). */
  ticket: TicketNotificationFacts | null;
  /** A contact recipient's first address, name and active flag, read with their language (absent: read them). */
  contact?: { email: string | null; name: string; active: boolean };
  data: NotificationData;
  /** `${outboxId or jobId}:${recipient kind}:${id}`: a redelivered event never notifies the same recipient twice. */
  dedupeKey: string;
  createdAt: number;
}

/**
 * A way to reach a recipient (in-app now; email when the email channel lands). `deliver` runs inside
 * the job's transaction, so a driver that stores rows commits them with the job; one that talks to
 * the outside world should enqueue its own job with `trx` instead of sending from here. A driver
 * skips recipients it cannot reach (the in-app driver: contacts).
 */
export interface NotificationDriver {
  /** Also the channel a user switches per kind (`in_app`, `email`). */
  readonly name: string;
  /** `trx` is the job's transaction (typed as the database: the command kernel passes it through). */
  deliver(trx: Db, notification: OutgoingNotification): Promise<void>;
}

/** The SMS port (platform/sms drivers will implement it). Defined here; no driver exists yet. */
export interface SmsSender {
  /** `toE164` as stored on contacts (+98…); `text` plain, already in the recipient's language. */
  send(toE164: string, text: string): Promise<void>;
}

/** One notification mail, rendered in the recipient's language, handed to the mail-out (email/outbound). */
export interface NotificationMail {
  ticketId: number | null;
  /** The ticket's facts read in this transaction already (by the notification), so mail out need not read them again. */
  ticket?: TicketNotificationFacts | null;
  kind: NotificationKind;
  to: { address: string; name: string | null };
  language: 'fa' | 'en';
  subject: string;
  text: string;
  html: string;
  /** The notification's dedupe key: queuing the same mail twice sends it once. */
  dedupeKey: string;
  /** The public reply it tells of (ticket.public_reply): mail out skips addresses the reply itself went to. */
  articleId?: number;
  /** Whether the recipient is the ticket's customer side (customer mails go from the ticket's mailbox; agents' from the default). */
  toCustomer: boolean;
}

/**
 * The mail-out port the email driver queues through (implemented by the email module's outbound
 * part and wired in app.ts, so notifications never imports email). `queue` runs in the job's
 * transaction and only records the mail; a job sends it.
 */
export interface NotificationMailer {
  queue(trx: Db, mail: NotificationMail): Promise<void>;
}
