import type { Db } from '../../schema.ts';

/** All SQL on `api_tokens` (personal API tokens; only the token's SHA-256 is stored). */

export async function insertApiToken(
  db: Db,
  row: { userId: number; name: string; tokenHash: string; scopes: string; now: number; expiresAt: number | null },
): Promise<number> {
  const { id } = await db
    .insertInto('api_tokens')
    .values({ user_id: row.userId, name: row.name, token_hash: row.tokenHash, scopes: row.scopes, created_at: row.now, expires_at: row.expiresAt })
    .returning('id')
    .executeTakeFirstOrThrow();
  return id;
}

/** The token of a hash with the columns of its sign-in the actor is built from, in one query. */
export function findTokenWithUser(db: Db, tokenHash: string) {
  return db
    .selectFrom('api_tokens')
    .innerJoin('users', 'users.id', 'api_tokens.user_id')
    .select([
      'api_tokens.id',
      'api_tokens.user_id',
      'api_tokens.scopes',
      'api_tokens.expires_at',
      'api_tokens.revoked_at',
      'api_tokens.last_used_at',
      'users.email',
      'users.locale',
      'users.must_change_password',
      'users.active',
    ])
    .where('api_tokens.token_hash', '=', tokenHash)
    .executeTakeFirst();
}

export async function touchApiToken(db: Db, id: number, now: number, ip: string | null): Promise<void> {
  await db.updateTable('api_tokens').set({ last_used_at: now, last_used_ip: ip }).where('id', '=', id).execute();
}

export function listApiTokensOfUser(db: Db, userId: number) {
  return db
    .selectFrom('api_tokens')
    .select(['id', 'name', 'scopes', 'created_at', 'expires_at', 'last_used_at', 'last_used_ip', 'revoked_at'])
    .where('user_id', '=', userId)
    .orderBy('id', 'desc')
    .execute();
}

export function findApiToken(db: Db, id: number) {
  return db.selectFrom('api_tokens').select(['id', 'user_id', 'name', 'scopes', 'created_at', 'expires_at', 'last_used_at', 'last_used_ip', 'revoked_at']).where('id', '=', id).executeTakeFirst();
}

export async function revokeApiToken(db: Db, id: number, now: number): Promise<void> {
  await db.updateTable('api_tokens').set({ revoked_at: now }).where('id', '=', id).where('revoked_at', 'is', null).execute();
}

/** Revokes every live token of a sign-in (deactivated). */
export async function revokeApiTokensOfUser(db: Db, userId: number, now: number): Promise<number> {
  const res = await db.updateTable('api_tokens').set({ revoked_at: now }).where('user_id', '=', userId).where('revoked_at', 'is', null).executeTakeFirst();
  return Number(res.numUpdatedRows);
}
