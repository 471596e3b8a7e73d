import type { Db } from '../../../schema.ts';

/**
 * Takes or renews a mailbox's poll lease for `holder` until `until`: granted when nobody holds it,
 * the holder is us, or the last holder's lease has run out (a dead process). One statement on
 * both dialects (INSERT … ON CONFLICT DO UPDATE … WHERE), so two processes never both win.
 */
export async function takeMailboxLease(db: Db, mailboxId: number, holder: string, now: number, until: number): Promise<boolean> {
  const row = await db
    .insertInto('email_mailbox_leases')
    .values({ mailbox_id: mailboxId, holder, locked_until: until })
    .onConflict((oc) =>
      oc
        .column('mailbox_id')
        .doUpdateSet({ holder, locked_until: until })
        .where((eb) => eb.or([eb('email_mailbox_leases.holder', '=', holder), eb('email_mailbox_leases.locked_until', '<', now)])),
    )
    .returning('holder')
    .executeTakeFirst();
  return row?.holder === holder;
}

export async function releaseMailboxLease(db: Db, mailboxId: number, holder: string): Promise<void> {
  await db.deleteFrom('email_mailbox_leases').where('mailbox_id', '=', mailboxId).where('holder', '=', holder).execute();
}

export function leaseOf(db: Db, mailboxId: number) {
  return db.selectFrom('email_mailbox_leases').selectAll().where('mailbox_id', '=', mailboxId).executeTakeFirst();
}
