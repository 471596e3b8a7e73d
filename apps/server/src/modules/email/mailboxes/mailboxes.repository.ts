import type { Selectable, Updateable } from 'kysely';
import { dialectOf, transactionMemo, updateAtVersion } from '../../../platform/db/index.ts';
import type { DB, Db } from '../../../schema.ts';

export type MailboxRow = Selectable<DB['mailboxes']>;
export type MailboxChanges = Omit<Updateable<DB['mailboxes']>, 'id' | 'version' | 'created_at'>;

/** The lower-cased form of an address: the unique key of a mailbox and what a recipient is matched with. */
export function addressKey(address: string): string {
  return address.trim().toLowerCase();
}

export function findMailboxRow(db: Db, id: number): Promise<MailboxRow | undefined> {
  return db.selectFrom('mailboxes').selectAll().where('id', '=', id).executeTakeFirst();
}

export function findMailboxForUpdate(trx: Db, id: number): Promise<MailboxRow | undefined> {
  return dialectOf(trx).forUpdate(trx.selectFrom('mailboxes').selectAll().where('id', '=', id)).executeTakeFirst();
}

/** The active mailbox a recipient address names (the SMTP receiver's RCPT check). */
export function activeMailboxByAddress(db: Db, address: string): Promise<MailboxRow | undefined> {
  return db.selectFrom('mailboxes').selectAll().where('address_key', '=', addressKey(address)).where('active', '=', 1).executeTakeFirst();
}

/** Every active mailbox of a kind (the IMAP poller's list). */
export function activeMailboxesOfKind(db: Db, kind: string): Promise<MailboxRow[]> {
  return db.selectFrom('mailboxes').selectAll().where('kind', '=', kind).where('active', '=', 1).orderBy('id').execute();
}

/** Lower-cased addresses of every mailbox, active or not (our own addresses: never a requester or a reply-all recipient). */
export async function allMailboxAddressKeys(db: Db): Promise<Set<string>> {
  return new Set((await mailboxRowsOnce(db)).map((r) => r.address_key));
}

/** The few rows of `mailboxes`, read once per transaction: mail in and mail out ask on every message (our addresses, the sending mailbox, its relay). */
const mailboxMemo = transactionMemo<'all', readonly MailboxRow[]>();

export function mailboxRowsOnce(db: Db): Promise<readonly MailboxRow[]> {
  return mailboxMemo.read(db, 'all', () => db.selectFrom('mailboxes').selectAll().orderBy('id').execute());
}

/** A mailbox by id, through the transaction's memo (hot paths only: the admin API reads findMailboxRow). */
export async function mailboxByIdOnce(db: Db, id: number): Promise<MailboxRow | undefined> {
  return (await mailboxRowsOnce(db)).find((r) => r.id === id);
}

function mailboxesWritten(db: Db): void {
  mailboxMemo.written(db);
}

export function listMailboxRows(db: Db, page: { afterId: number | undefined; limit: number }): Promise<MailboxRow[]> {
  let q = db.selectFrom('mailboxes').selectAll().orderBy('id').limit(page.limit + 1);
  if (page.afterId !== undefined) q = q.where('id', '>', page.afterId);
  return q.execute();
}

export async function countMailboxes(db: Db): Promise<number> {
  const row = await db.selectFrom('mailboxes').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function insertMailbox(db: Db, values: Omit<MailboxRow, 'id' | 'version' | 'updated_at'>): Promise<number> {
  mailboxesWritten(db);
  const { id } = await db
    .insertInto('mailboxes')
    .values({ ...values, updated_at: values.created_at, version: 1 })
    .returning('id')
    .executeTakeFirstOrThrow();
  return id;
}

/** Sets the sealed secrets of a row just inserted (they are sealed with its id as context). */
/** Every mailbox's sealed passwords (the secret rotation re-seals them). */
export function listMailboxSecrets(db: Db): Promise<Array<Pick<MailboxRow, 'id' | 'imap_password_sealed' | 'relay_password_sealed'>>> {
  return db.selectFrom('mailboxes').select(['id', 'imap_password_sealed', 'relay_password_sealed']).orderBy('id').execute();
}

export async function setMailboxSecrets(db: Db, id: number, set: { imap_password_sealed?: string | null; relay_password_sealed?: string | null }): Promise<void> {
  if (Object.keys(set).length === 0) return;
  mailboxesWritten(db);
  await db.updateTable('mailboxes').set(set).where('id', '=', id).execute();
}

export function updateMailboxAtVersion(db: Db, id: number, version: number, set: MailboxChanges & { updated_at: number }): Promise<MailboxRow> {
  mailboxesWritten(db);
  return updateAtVersion(db, 'mailboxes', id, version, set);
}
