import { dialectOf } from '../../platform/db/index.ts';
import type { Db } from '../../schema.ts';
import type { TicketAccess } from './tickets.policy.ts';

export type TicketRow = Awaited<ReturnType<typeof loadTicketRow>> & {};

export function loadTicketRow(db: Db, id: number) {
  return db.selectFrom('tickets').selectAll().where('id', '=', id).executeTakeFirst();
}

/** The ticket plus the facts the policy needs (organisation sharing, account manager, watchers). Three indexed reads. */
export async function loadTicketAccess(db: Db, id: number): Promise<(TicketAccess & { row: NonNullable<TicketRow> }) | undefined> {
  const row = await loadTicketRow(db, id);
  if (!row) return undefined;
  const [org, watchers] = await Promise.all([
    row.organization_id === null
      ? Promise.resolve(undefined)
      : db.selectFrom('organizations').select(['account_manager_id', 'members_see_each_other']).where('id', '=', row.organization_id).executeTakeFirst(),
    db.selectFrom('ticket_watchers').select(['agent_id', 'contact_id']).where('ticket_id', '=', id).execute(),
  ]);
  return {
    ...row,
    row,
    accountManagerId: org?.account_manager_id ?? null,
    organizationShares: org?.members_see_each_other === 1,
    watcherAgentIds: watchers.flatMap((w) => (w.agent_id === null ? [] : [w.agent_id])),
    watcherContactIds: watchers.flatMap((w) => (w.contact_id === null ? [] : [w.contact_id])),
  };
}

/**
 * The next human ticket number: one counter row incremented inside the creating transaction, so
 * two concurrent creations never get the same number (the unique index on tickets.number guards it).
 */
export async function allocateTicketNumber(db: Db, firstNumber: number): Promise<number> {
  await db.insertInto('counters').values({ name: 'ticket_number', value: firstNumber - 1 }).onConflict((oc) => oc.column('name').doNothing()).execute();
  const row = await db
    .updateTable('counters')
    .set((eb) => ({ value: eb('value', '+', 1) }))
    .where('name', '=', 'ticket_number')
    .returning('value')
    .executeTakeFirstOrThrow();
  return row.value;
}

/**
 * Reads a ticket inside a write transaction and holds it until commit, so that two commands on
 * the same ticket (a reply and an edit) apply one after the other instead of one failing stale.
 */
export function loadTicketForUpdate(trx: Db, id: number) {
  return dialectOf(trx).forUpdate(trx.selectFrom('tickets').selectAll().where('id', '=', id)).executeTakeFirst();
}
