import type { Kysely } from 'kysely';

// Which side of a person wrote an article (agent, contact, system), stored rather than inferred
// from the channel: mail and SMS replies come from either side.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('articles').addColumn('author_kind', 'text', (c) => c.notNull().defaultTo('system')).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('articles').dropColumn('author_kind').execute();
}
