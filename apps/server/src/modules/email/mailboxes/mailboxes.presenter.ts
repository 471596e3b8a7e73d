import type { Mailbox, MailboxKind, RelaySecurity } from '@pishkhan/contracts';
import type { Actor } from '../../../platform/actor.ts';
import { abilities } from '../../../platform/policy/index.ts';
import { MAILBOX_ACTIONS, mailboxPolicy } from './mailboxes.policy.ts';
import type { MailboxRow } from './mailboxes.repository.ts';

const iso = (ms: number) => new Date(ms).toISOString();

/** Row → API object. Sealed passwords never leave: only whether one is set. */
export function presentMailbox(actor: Actor, row: MailboxRow): Mailbox {
  return {
    id: row.id,
    address: row.address,
    name: row.name,
    groupId: row.group_id,
    kind: row.kind as MailboxKind,
    imap: {
      host: row.imap_host,
      port: row.imap_port,
      tls: row.imap_tls === 1,
      user: row.imap_user,
      passwordSet: row.imap_password_sealed !== null,
      folder: row.imap_folder,
      processedFolder: row.imap_processed_folder,
      rejectedFolder: row.imap_rejected_folder,
    },
    relay: {
      host: row.relay_host,
      port: row.relay_port,
      security: row.relay_security as RelaySecurity,
      user: row.relay_user,
      passwordSet: row.relay_password_sealed !== null,
    },
    active: row.active === 1,
    createdAt: iso(row.created_at),
    updatedAt: iso(row.updated_at),
    version: row.version,
    abilities: abilities(mailboxPolicy, actor, row, MAILBOX_ACTIONS),
  };
}
