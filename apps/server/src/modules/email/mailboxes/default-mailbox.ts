import { isUniqueViolation } from '../../../platform/db/index.ts';
import type { Db } from '../../../schema.ts';
import { addressKey, countMailboxes, insertMailbox } from './mailboxes.repository.ts';

export const DEFAULT_MAILBOX_ADDRESS = 'support@localhost';

/**
 * First start: when there is no mailbox at all, `support@localhost` (SMTP, routed to the given
 * group — "Service Desk") so that mail works out of the box. Idempotent; a deactivated default stays so.
 */
export async function ensureDefaultMailbox(db: Db, groupId: number, now: number): Promise<void> {
  if ((await countMailboxes(db)) > 0) return;
  try {
    await insertMailbox(db, {
    address: DEFAULT_MAILBOX_ADDRESS,
    address_key: addressKey(DEFAULT_MAILBOX_ADDRESS),
    name: 'Pishkhan',
    group_id: groupId,
    kind: 'smtp',
    imap_host: null,
    imap_port: null,
    imap_tls: 1,
    imap_user: null,
    imap_password_sealed: null,
    imap_folder: 'INBOX',
    imap_processed_folder: null,
    imap_rejected_folder: 'Pishkhan-rejected',
    relay_host: null,
    relay_port: null,
    relay_security: 'starttls',
    relay_user: null,
    relay_password_sealed: null,
    active: 1,
    created_at: now,
    });
  } catch (error) {
    // Another process's first start won the race: its default stands.
    if (!isUniqueViolation(error)) throw error;
  }
}
