import type { NotificationData, NotificationKind } from '@pishkhan/contracts';
import type { Db } from '../../../schema.ts';

/**
 * Who a notification is for: a sign-in (agents, and contacts who sign in) or a contact, who may
 * have no sign-in at all (most customers who write by mail). Each driver reaches the kinds it can:
 * the in-app bell only users, an email driver contacts (by their address) and users.
 */
export type NotificationRecipient = { kind: 'user'; userId: number } | { kind: 'contact'; contactId: number };

/** One notification for one recipient, before a driver delivers it. */
export interface OutgoingNotification {
  recipient: NotificationRecipient;
  /** The recipient's language: a user's locale, a contact's `language`. A driver that writes text writes it in this. */
  language: 'fa' | 'en';
  kind: NotificationKind;
  ticketId: number | null;
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
  readonly name: string;
  /** `trx` is the job's transaction (typed as the database: the command kernel passes it through). */
  deliver(trx: Db, notification: OutgoingNotification): Promise<void>;
}

/** The SMS port (platform/sms drivers will implement it). Defined here; no driver exists yet. */
export interface SmsSender {
  /** `toE164` as stored on contacts (+98…); `text` plain, already in the recipient's language. */
  send(toE164: string, text: string): Promise<void>;
}
