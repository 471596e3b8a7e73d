import type { Kysely } from 'kysely';
import { refType } from '../src/platform/db/schema-helpers.ts';

// A merged contact or organisation keeps its row (tickets, history and the audit log name it) and
// points at the survivor it was merged into (people's merge commands). No foreign key: a restore
// writes rows in id order and a loser may point at a later survivor.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('contacts').addColumn('merged_into_id', refType).execute();
  await db.schema.alterTable('organizations').addColumn('merged_into_id', refType).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('organizations').dropColumn('merged_into_id').execute();
  await db.schema.alterTable('contacts').dropColumn('merged_into_id').execute();
}
