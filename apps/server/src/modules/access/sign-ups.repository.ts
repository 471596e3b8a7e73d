import type { Selectable } from 'kysely';
import type { DB, Db } from '../../schema.ts';

export type SignUpRequestRow = Selectable<DB['sign_up_requests']>;

/** A portal sign-up waiting for its address to be proved (the password only as its hash). */
export async function insertSignUpRequest(db: Db, input: { email: string; name: string; language: 'fa' | 'en'; passwordHash: string; now: number }): Promise<number> {
  const row = await db
    .insertInto('sign_up_requests')
    .values({ email: input.email.trim(), name: input.name, language: input.language, password_hash: input.passwordHash, created_at: input.now, verified_at: null })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export function findSignUpRequest(db: Db, id: number): Promise<SignUpRequestRow | undefined> {
  return db.selectFrom('sign_up_requests').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function markSignUpVerified(db: Db, id: number, now: number): Promise<void> {
  await db.updateTable('sign_up_requests').set({ verified_at: now }).where('id', '=', id).execute();
}
