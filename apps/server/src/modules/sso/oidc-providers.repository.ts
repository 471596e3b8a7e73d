import type { Insertable, Selectable, Updateable } from 'kysely';
import { updateAtVersion } from '../../platform/db/index.ts';
import type { DB, Db } from '../../schema.ts';

export type OidcProviderRow = Selectable<DB['sso_oidc_providers']>;

export async function insertOidcProvider(db: Db, values: Insertable<DB['sso_oidc_providers']>): Promise<number> {
  const { id } = await db.insertInto('sso_oidc_providers').values(values).returning('id').executeTakeFirstOrThrow();
  return id;
}

export function findOidcProviderRow(db: Db, id: number): Promise<OidcProviderRow | undefined> {
  return db.selectFrom('sso_oidc_providers').selectAll().where('id', '=', id).executeTakeFirst();
}

export function listOidcProviderRows(db: Db): Promise<OidcProviderRow[]> {
  return db.selectFrom('sso_oidc_providers').selectAll().orderBy('id').execute();
}

export function updateOidcProviderAtVersion(db: Db, id: number, version: number, set: Updateable<DB['sso_oidc_providers']>): Promise<OidcProviderRow> {
  return updateAtVersion(db, 'sso_oidc_providers', id, version, set);
}

/** Sets the sealed client secret (the seal's context holds the id, known only after the insert). */
export async function setOidcProviderSecret(db: Db, id: number, sealed: string): Promise<void> {
  await db.updateTable('sso_oidc_providers').set({ client_secret_sealed: sealed }).where('id', '=', id).execute();
}
