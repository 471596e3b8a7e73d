import type { Kysely } from 'kysely';
import { tableWithId, timeType } from '../src/platform/db/schema-helpers.ts';

/** Secret rotations (`pishkhan secret rotate`, ADR 0022): the key they re-seal under, their state and how many values they re-sealed. */
export async function up(db: Kysely<any>): Promise<void> {
  await tableWithId(db, 'secret_rotations')
    .addColumn('key_id', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('resealed', 'bigint', (c) => c.notNull())
    .addColumn('started_at', timeType, (c) => c.notNull())
    .addColumn('finished_at', timeType)
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('secret_rotations').execute();
}
