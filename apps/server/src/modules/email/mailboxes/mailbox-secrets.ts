import { open, resealed, seal, type SealKey } from '../../../platform/crypto/index.ts';
import type { Db } from '../../../schema.ts';
import { listMailboxSecrets, setMailboxSecrets, type MailboxRow } from './mailboxes.repository.ts';

export type MailboxSecret = 'imap' | 'relay';

/** The seal context binds a password to its mailbox and column: a value copied elsewhere does not open. */
const contextOf = (mailboxId: number, which: MailboxSecret) => `mailbox:${mailboxId}:${which}_password`;

export function sealMailboxSecret(keys: readonly SealKey[], mailboxId: number, which: MailboxSecret, plaintext: string): string {
  return seal(keys[0]!, plaintext, contextOf(mailboxId, which));
}

/** The IMAP or relay password of a mailbox in clear (for the poller and mail out), or null when none is set. */
export function openMailboxSecret(keys: SealKey[], row: Pick<MailboxRow, 'id' | 'imap_password_sealed' | 'relay_password_sealed'>, which: MailboxSecret): string | null {
  const sealed = which === 'imap' ? row.imap_password_sealed : row.relay_password_sealed;
  return sealed === null ? null : open(keys, sealed, contextOf(row.id, which));
}

/** Secret rotation: every mailbox password sealed again under keys[0]; returns how many changed. */
export async function resealMailboxSecrets(db: Db, keys: SealKey[]): Promise<number> {
  let count = 0;
  for (const row of await listMailboxSecrets(db)) {
    const set: { imap_password_sealed?: string; relay_password_sealed?: string } = {};
    const imap = row.imap_password_sealed === null ? null : resealed(keys, row.imap_password_sealed, contextOf(row.id, 'imap'));
    const relay = row.relay_password_sealed === null ? null : resealed(keys, row.relay_password_sealed, contextOf(row.id, 'relay'));
    if (imap !== null) set.imap_password_sealed = imap;
    if (relay !== null) set.relay_password_sealed = relay;
    count += Object.keys(set).length;
    await setMailboxSecrets(db, row.id, set);
  }
  return count;
}
