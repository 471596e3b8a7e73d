import type { Actor } from '../../platform/actor.ts';
import type { Db } from '../../schema.ts';
import { visibleTickets } from './tickets.policy.ts';

export type RelationRow = NonNullable<Awaited<ReturnType<typeof loadRelationRow>>>;

export function loadRelationRow(db: Db, id: number) {
  return db.selectFrom('ticket_relations').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Every relation a ticket takes part in, either side. */
export function relationsOf(db: Db, ticketId: number) {
  return db
    .selectFrom('ticket_relations')
    .selectAll()
    .where((eb) => eb.or([eb('source_ticket_id', '=', ticketId), eb('target_ticket_id', '=', ticketId)]))
    .orderBy('id')
    .execute();
}

/** The tickets among `ids` that the actor may see (summary columns): one query under the visibility filter. */
export function visibleTicketRefs(db: Db, actor: Actor, ids: readonly number[]) {
  if (ids.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('tickets')
    .select(['id', 'number', 'title', 'status'])
    .where('id', 'in', [...new Set(ids)])
    .where(visibleTickets(actor))
    .execute();
}

/** A relation of this kind between the two tickets, in either direction. */
export function relationBetween(db: Db, kind: string, a: number, b: number) {
  return db
    .selectFrom('ticket_relations')
    .select('id')
    .where('kind', '=', kind)
    .where((eb) =>
      eb.or([
        eb.and([eb('source_ticket_id', '=', a), eb('target_ticket_id', '=', b)]),
        eb.and([eb('source_ticket_id', '=', b), eb('target_ticket_id', '=', a)]),
      ]),
    )
    .executeTakeFirst();
}

/** The parent of a ticket (parent_child: source is the parent, target the child), if any. */
export async function parentOf(db: Db, childId: number): Promise<number | undefined> {
  const row = await db
    .selectFrom('ticket_relations')
    .select('source_ticket_id')
    .where('kind', '=', 'parent_child')
    .where('target_ticket_id', '=', childId)
    .executeTakeFirst();
  return row?.source_ticket_id;
}

/** Inserts unless the same (kind, source, target) exists; undefined then. */
export async function insertRelation(
  db: Db,
  row: { kind: string; source_ticket_id: number; target_ticket_id: number; created_by_user_id: number | null; created_at: number },
): Promise<number | undefined> {
  const inserted = await db
    .insertInto('ticket_relations')
    .values(row)
    .onConflict((oc) => oc.columns(['kind', 'source_ticket_id', 'target_ticket_id']).doNothing())
    .returning('id')
    .executeTakeFirst();
  return inserted?.id;
}

export async function deleteRelation(db: Db, id: number): Promise<void> {
  await db.deleteFrom('ticket_relations').where('id', '=', id).execute();
}
