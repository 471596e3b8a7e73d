import type { NotificationData, NotificationKind } from '@pishkhan/contracts';
import type { Tx } from '../../../schema.ts';

/** One notification for one user, before a driver delivers it. */
export interface OutgoingNotification {
  userId: number;
  kind: NotificationKind;
  ticketId: number | null;
  data: NotificationData;
  /** `${outboxId or jobId}:${userId}`: a redelivered event never notifies the same user twice. */
  dedupeKey: string;
  createdAt: number;
}

/**
 * A way to reach a user (in-app now; email when the email channel lands). `deliver` runs inside the
 * job's transaction, so a driver that stores rows commits them with the job; one that talks to
 * the outside world should enqueue its own job with `trx` instead of sending from here.
 */
export interface NotificationDriver {
  readonly name: string;
  deliver(trx: Tx, notification: OutgoingNotification): Promise<void>;
}

/** The SMS port (platform/sms drivers will implement it). Defined here; no driver exists yet. */
export interface SmsSender {
  /** `toE164` as stored on contacts (+98…); `text` plain, already in the recipient's language. */
  send(toE164: string, text: string): Promise<void>;
}
