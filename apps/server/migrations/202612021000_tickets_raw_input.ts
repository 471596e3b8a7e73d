import type { Kysely } from 'kysely';

/**
 * The raw input of a ticket a channel opened with text the databases cannot store (U+0000, lone
 * surrogates): the ticket keeps the text with U+FFFD, raw_input the original fields as JSON.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('tickets').addColumn('raw_input', 'text').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('tickets').dropColumn('raw_input').execute();
}
