import type { Kysely } from 'kysely';

/** A policy may raise a ticket's priority by one step at a breach (off by default). */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('sla_policies').addColumn('breach_raise_priority', 'integer', (c) => c.notNull().defaultTo(0)).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('sla_policies').dropColumn('breach_raise_priority').execute();
}
