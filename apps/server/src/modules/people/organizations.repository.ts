import { dialectOf, preparedQuery, updateAtVersion } from '../../platform/db/index.ts';
import { expressionBuilder, type Selectable, type SelectQueryBuilder, type Updateable } from 'kysely';
import type { Db, DB } from '../../schema.ts';

export type OrganizationRow = Selectable<DB['organizations']>;

export function findOrganizationRow(db: Db, id: number): Promise<OrganizationRow | undefined> {
  return db.selectFrom('organizations').selectAll().where('id', '=', id).executeTakeFirst();
}

/** findOrganizationRow inside a write transaction, holding the row until commit. */
export function findOrganizationForUpdate(trx: Db, id: number): Promise<OrganizationRow | undefined> {
  return dialectOf(trx).forUpdate(trx.selectFrom('organizations').selectAll().where('id', '=', id)).executeTakeFirst();
}

/** Display names of several organisations in one query. */
// Beside every ticket read and page (platform/db preparedQuery: built once).
const namesOfOrganizations = preparedQuery((db: Db, ids: readonly number[]) => db.selectFrom('organizations').select(['id', 'name']).where('id', 'in', ids));
const accessFactsOfOrganizations = preparedQuery((db: Db, ids: readonly number[]) => db.selectFrom('organizations').select(['id', 'account_manager_id', 'members_see_each_other']).where('id', 'in', ids));

export async function organizationNames(db: Db, ids: readonly number[]): Promise<Map<number, string>> {
  if (ids.length === 0) return new Map();
  const rows = await namesOfOrganizations(db, [...new Set(ids)]);
  return new Map(rows.map((r) => [r.id, r.name]));
}

/** What ticket visibility needs to know about an organisation: its account manager and whether members share tickets. */
export async function organizationAccessFacts(
  db: Db,
  ids: readonly number[],
): Promise<Map<number, { accountManagerId: number | null; membersSeeEachOther: boolean }>> {
  if (ids.length === 0) return new Map();
  const rows = await accessFactsOfOrganizations(db, [...new Set(ids)]);
  return new Map(rows.map((r) => [r.id, { accountManagerId: r.account_manager_id, membersSeeEachOther: r.members_see_each_other === 1 }]));
}

/**
 * The ids of the organisations an agent is account manager of, as a subquery for another
 * module's SQL scope: `eb('tickets.organization_id', 'in', organizationsManagedBy(agentId))`.
 */
export function organizationsManagedBy(agentId: number): SelectQueryBuilder<DB, 'organizations', { id: number }> {
  return expressionBuilder<DB>().selectFrom('organizations').select('organizations.id').where('organizations.account_manager_id', '=', agentId);
}

/** One page ordered by id, fetching one row more than asked so the caller knows whether another page follows. */
export function listOrganizationRows(db: Db, page: { afterId: number | undefined; limit: number }): Promise<OrganizationRow[]> {
  let q = db.selectFrom('organizations').selectAll().orderBy('id').limit(page.limit + 1);
  if (page.afterId !== undefined) q = q.where('id', '>', page.afterId);
  return q.execute();
}

export async function insertOrganization(
  db: Db,
  input: { name: string; accountManagerId: number | null; membersSeeEachOther: boolean; notes: string | null; now: number },
): Promise<OrganizationRow> {
  return db
    .insertInto('organizations')
    .values({
      name: input.name,
      account_manager_id: input.accountManagerId,
      members_see_each_other: input.membersSeeEachOther ? 1 : 0,
      notes: input.notes,
      active: 1,
      created_at: input.now,
      updated_at: input.now,
      version: 1,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** Applies the change only if the row is still at `version`, bumping it once (409 record.stale otherwise). */
export function updateOrganizationAtVersion(db: Db, id: number, version: number, set: Omit<Updateable<DB['organizations']>, 'id' | 'version' | 'created_at'> & { updated_at: number }): Promise<Selectable<DB['organizations']>> {
  return updateAtVersion(db, 'organizations', id, version, set);
}
