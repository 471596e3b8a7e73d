import type { Db } from '../../schema.ts';

/** All SQL on `ticket_links` (a customer's per-ticket magic links; only the token's SHA-256 is stored). */

export async function insertTicketLink(db: Db, row: { tokenHash: string; ticketId: number; contactId: number; now: number; expiresAt: number }): Promise<void> {
  await db
    .insertInto('ticket_links')
    .values({ token_hash: row.tokenHash, ticket_id: row.ticketId, contact_id: row.contactId, created_at: row.now, expires_at: row.expiresAt })
    .execute();
}

/** A link that still opens its ticket: known, not revoked, not expired. */
export function findLiveTicketLink(db: Db, tokenHash: string, now: number) {
  return db
    .selectFrom('ticket_links')
    .select(['id', 'ticket_id', 'contact_id', 'expires_at', 'last_used_at'])
    .where('token_hash', '=', tokenHash)
    .where('revoked_at', 'is', null)
    .where('expires_at', '>', now)
    .executeTakeFirst();
}

export async function touchTicketLink(db: Db, id: number, now: number): Promise<void> {
  await db.updateTable('ticket_links').set({ last_used_at: now }).where('id', '=', id).execute();
}

/** Revokes every link of a contact (deactivated, or merged away). */
export async function revokeTicketLinksOfContacts(db: Db, contactIds: readonly number[], now: number): Promise<number> {
  if (contactIds.length === 0) return 0;
  const res = await db.updateTable('ticket_links').set({ revoked_at: now }).where('contact_id', 'in', contactIds).where('revoked_at', 'is', null).executeTakeFirst();
  return Number(res.numUpdatedRows);
}
