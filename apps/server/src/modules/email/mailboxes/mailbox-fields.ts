import type { CreateMailboxBody, UpdateMailboxBody } from '@pishkhan/contracts';
import type { SealKey } from '../../../platform/crypto/index.ts';
import { CommonErrors, DomainError } from '../../../platform/http/errors.ts';
import type { Db } from '../../../schema.ts';
import { findGroup } from '../../people/index.ts';
import { sealMailboxSecret } from './mailbox-secrets.ts';
import { addressKey, type MailboxChanges } from './mailboxes.repository.ts';
import { invalidInput } from '../../../platform/http/input-issues.ts';

type Fields = Omit<UpdateMailboxBody, 'version'> | CreateMailboxBody;

/** The column changes a create or edit body asks for (secrets excluded: see secretChanges). */
export function mailboxColumns(body: Fields): MailboxChanges {
  const set: MailboxChanges = {};
  if (body.address !== undefined) Object.assign(set, { address: body.address.trim(), address_key: addressKey(body.address) });
  if (body.name !== undefined) set.name = body.name;
  if (body.groupId !== undefined) set.group_id = body.groupId;
  if (body.kind !== undefined) set.kind = body.kind;
  if (body.active !== undefined) set.active = body.active ? 1 : 0;
  const imap = body.imap;
  if (imap) {
    if (imap.host !== undefined) set.imap_host = imap.host;
    if (imap.port !== undefined) set.imap_port = imap.port;
    if (imap.tls !== undefined) set.imap_tls = imap.tls ? 1 : 0;
    if (imap.user !== undefined) set.imap_user = imap.user;
    if (imap.folder !== undefined) set.imap_folder = imap.folder;
    if (imap.processedFolder !== undefined) set.imap_processed_folder = imap.processedFolder;
    if (imap.rejectedFolder !== undefined) set.imap_rejected_folder = imap.rejectedFolder;
  }
  const relay = body.relay;
  if (relay) {
    if (relay.host !== undefined) set.relay_host = relay.host;
    if (relay.port !== undefined) set.relay_port = relay.port;
    if (relay.security !== undefined) set.relay_security = relay.security;
    if (relay.user !== undefined) set.relay_user = relay.user;
  }
  return set;
}

/** The sealed password columns a body sets (null clears one). */
export function secretChanges(keys: readonly SealKey[], mailboxId: number, body: Fields): { imap_password_sealed?: string | null; relay_password_sealed?: string | null } {
  const out: { imap_password_sealed?: string | null; relay_password_sealed?: string | null } = {};
  const imap = body.imap?.password;
  if (imap !== undefined) out.imap_password_sealed = imap === null ? null : sealMailboxSecret(keys, mailboxId, 'imap', imap);
  const relay = body.relay?.password;
  if (relay !== undefined) out.relay_password_sealed = relay === null ? null : sealMailboxSecret(keys, mailboxId, 'relay', relay);
  return out;
}

/** The group a mailbox newly routes to must exist (422 invalid reference) and be active (422 inactive reference: its mail would make tickets nobody may be assigned). */
export async function assertGroupExists(db: Db, groupId: number | undefined, current?: number): Promise<void> {
  if (groupId === undefined || groupId === current) return;
  const group = await findGroup(db, groupId);
  if (!group) throw new DomainError(CommonErrors['record.invalid_reference'], { field: 'groupId' });
  if (group.active !== 1) throw new DomainError(CommonErrors['record.inactive_reference'], { field: 'groupId', ids: [groupId] });
}

/** An IMAP mailbox needs a host and a user to be polled; the SMTP kind needs neither. */
export function assertImapComplete(row: { kind: string; imap_host: string | null; imap_user: string | null }): void {
  if (row.kind !== 'imap') return;
  if (!row.imap_host) throw invalidInput('imap.host', 'required');
  if (!row.imap_user) throw invalidInput('imap.user', 'required');
}
