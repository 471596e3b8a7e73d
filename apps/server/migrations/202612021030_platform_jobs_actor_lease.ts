import type { Kysely } from 'kysely';
import { refType } from '../src/platform/db/schema-helpers.ts';

/**
 * A job remembers the user it acts for (`acting_user_id`, null for the system's own work): the
 * runner reloads that user's actor when the job runs. No foreign key: the platform's queue does
 * not depend on access's table, and a gone user is the runner's to refuse. Lease lengths are per
 * job definition in code and need no column.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('jobs').addColumn('acting_user_id', refType).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('jobs').dropColumn('acting_user_id').execute();
}
