import type { Kysely } from 'kysely';

// tickets_updated carries what the walked queue pages test (ADR 0027): walking (updated_at, id) in
// order, SQLite evaluates the view's and the visibility's conditions on the index entry and reads
// the ticket row only for a match — 10,000 non-matching tickets on top (an auto-close sweep) cost
// 2 ms instead of 20. id right after updated_at keeps the keyset order (updated_at, id) without a
// sort. Every update bumps updated_at, so the entry moved on every change already.
const WALK = ['updated_at', 'id', 'status', 'assignee_group_id', 'assignee_agent_id', 'owner_group_id', 'owner_agent_id'];

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('tickets_updated').execute();
  await db.schema.createIndex('tickets_updated').on('tickets').columns(WALK).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('tickets_updated').execute();
  await db.schema.createIndex('tickets_updated').on('tickets').columns(['updated_at']).execute();
}
