import type { Db } from '../../../schema.ts';

/** The salt of a ticket's Message-ID token, created on first use (a concurrent first use keeps one). */
export async function ensureTicketTokenSalt(db: Db, ticketId: number, salt: string, now: number): Promise<string> {
  // The insert returns the row only when it made it; otherwise the salt kept is read.
  const made = await db.insertInto('email_ticket_tokens').values({ ticket_id: ticketId, salt, created_at: now }).onConflict((oc) => oc.column('ticket_id').doNothing()).returning('salt').executeTakeFirst();
  if (made) return made.salt;
  const row = await db.selectFrom('email_ticket_tokens').select('salt').where('ticket_id', '=', ticketId).executeTakeFirstOrThrow();
  return row.salt;
}

/** Salts of several tickets in one query (tickets without a token are absent). */
export async function ticketTokenSalts(db: Db, ticketIds: readonly number[]): Promise<Map<number, string>> {
  if (ticketIds.length === 0) return new Map();
  const rows = await db.selectFrom('email_ticket_tokens').select(['ticket_id', 'salt']).where('ticket_id', 'in', [...ticketIds]).execute();
  return new Map(rows.map((r) => [r.ticket_id, r.salt]));
}
