import type { Kysely } from 'kysely';

// Penalty reports (contracts) walk a period's breach actions page by page in (due_at, id) order:
// level first for the equality, then the keyset columns, so each page is a seek and a short range
// read with no sort on either database, however many actions the desk has.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createIndex('sla_actions_level_due').on('sla_actions').columns(['level', 'due_at', 'id']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('sla_actions_level_due').execute();
}
