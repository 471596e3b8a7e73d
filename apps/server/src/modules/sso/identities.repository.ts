import type { Selectable } from 'kysely';
import type { DB, Db } from '../../schema.ts';

export type IdentityRow = Selectable<DB['sso_identities']>;
export type SourceKind = 'ldap' | 'oidc';
export interface IdentitySource {
  kind: SourceKind;
  id: number;
}

export function findIdentity(db: Db, source: IdentitySource, subject: string): Promise<IdentityRow | undefined> {
  return db.selectFrom('sso_identities').selectAll().where('source_kind', '=', source.kind).where('source_id', '=', source.id).where('subject', '=', subject).executeTakeFirst();
}

/** The identity of this source linked to a sign-in, if any (one sign-in has at most one per source). */
export function identityOfUser(db: Db, source: IdentitySource, userId: number): Promise<IdentityRow | undefined> {
  return db.selectFrom('sso_identities').selectAll().where('source_kind', '=', source.kind).where('source_id', '=', source.id).where('user_id', '=', userId).executeTakeFirst();
}

export function identitiesOfSource(db: Db, source: IdentitySource): Promise<IdentityRow[]> {
  return db.selectFrom('sso_identities').selectAll().where('source_kind', '=', source.kind).where('source_id', '=', source.id).orderBy('id').execute();
}

export async function insertIdentity(db: Db, input: { source: IdentitySource; subject: string; userId: number; login: string | null; now: number }): Promise<void> {
  await db
    .insertInto('sso_identities')
    .values({ source_kind: input.source.kind, source_id: input.source.id, subject: input.subject, user_id: input.userId, login: input.login, created_at: input.now, last_seen_at: input.now })
    .execute();
}

export async function touchIdentity(db: Db, id: number, login: string | null, now: number): Promise<void> {
  await db.updateTable('sso_identities').set({ login, last_seen_at: now }).where('id', '=', id).execute();
}
