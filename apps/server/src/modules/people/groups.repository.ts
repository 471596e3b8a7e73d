import { dialectOf, updateAtVersion } from '../../platform/db/index.ts';
import type { Selectable } from 'kysely';
import type { Db, DB } from '../../schema.ts';

export type GroupRow = Selectable<DB['groups']>;

export function findGroupRow(db: Db, id: number): Promise<GroupRow | undefined> {
  return db.selectFrom('groups').selectAll().where('id', '=', id).executeTakeFirst();
}

/** findGroupRow inside a write transaction, holding the row until commit. */
export function findGroupForUpdate(trx: Db, id: number): Promise<GroupRow | undefined> {
  return dialectOf(trx).forUpdate(trx.selectFrom('groups').selectAll().where('id', '=', id)).executeTakeFirst();
}

/** The desk's first-line group ("Service Desk"): the group with the lowest id; null before bootstrap. */
export async function defaultGroupId(db: Db): Promise<number | null> {
  const row = await db.selectFrom('groups').select('id').orderBy('id').limit(1).executeTakeFirst();
  return row?.id ?? null;
}

/** Whether the agent is a member of the group (an assignee must belong to the assignee group). */
export async function isGroupMember(db: Db, groupId: number, agentId: number): Promise<boolean> {
  return !!(await db
    .selectFrom('group_members')
    .select('agent_id')
    .where('group_id', '=', groupId)
    .where('agent_id', '=', agentId)
    .executeTakeFirst());
}

/** One page ordered by id (limit + 1 rows). */
export function listGroupRows(db: Db, page: { afterId: number | undefined; limit: number }): Promise<GroupRow[]> {
  let q = db.selectFrom('groups').selectAll().orderBy('id').limit(page.limit + 1);
  if (page.afterId !== undefined) q = q.where('id', '>', page.afterId);
  return q.execute();
}

/** Members of several groups in one query. */
export function membersOfGroups(db: Db, groupIds: readonly number[]) {
  if (groupIds.length === 0) return Promise.resolve([]);
  return db.selectFrom('group_members').select(['group_id', 'agent_id']).where('group_id', 'in', groupIds).orderBy('agent_id').execute();
}

/** Group names for a page, in the reader's language (the English name when there is one): one query. */
export async function groupNames(db: Db, ids: readonly number[], lang: 'fa' | 'en'): Promise<Map<number, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db.selectFrom('groups').select(['id', 'name', 'name_en']).where('id', 'in', [...new Set(ids)]).execute();
  return new Map(rows.map((r) => [r.id, lang === 'en' && r.name_en ? r.name_en : r.name]));
}

/** The subset of `ids` that are groups. */
export async function existingGroupIds(db: Db, ids: readonly number[], opts: { active?: true } = {}): Promise<Set<number>> {
  if (ids.length === 0) return new Set();
  let q = db.selectFrom('groups').select('id').where('id', 'in', ids);
  if (opts.active) q = q.where('active', '=', 1);
  return new Set((await q.execute()).map((r) => r.id));
}

export async function insertGroup(
  db: Db,
  input: { name: string; nameEn: string | null; description: string | null; active: boolean; now: number },
): Promise<number> {
  const { id } = await db
    .insertInto('groups')
    .values({
      name: input.name,
      name_en: input.nameEn,
      description: input.description,
      active: input.active ? 1 : 0,
      created_at: input.now,
      updated_at: input.now,
      version: 1,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return id;
}

/** Applies the change only if the row is still at `version`, bumping it once (409 record.stale otherwise). */
export function updateGroupAtVersion(db: Db, id: number, version: number, set: { name?: string; name_en?: string | null; description?: string | null; active?: number; updated_at: number }): Promise<Selectable<DB['groups']>> {
  return updateAtVersion(db, 'groups', id, version, set);
}

/** Bumps the version of groups whose members another record's write changed. */
export async function touchGroups(db: Db, ids: readonly number[], now: number): Promise<void> {
  if (ids.length === 0) return;
  await db
    .updateTable('groups')
    .set((eb) => ({ updated_at: now, version: eb('version', '+', 1) }))
    .where('id', 'in', ids)
    .execute();
}

/**
 * Memberships are shared by an agent (groupIds) and a group (memberIds). Replaces the pairs on one
 * side and returns the ids on the other side that were added or removed, so their versions move too.
 */
export async function replaceMemberships(
  db: Db,
  side: { groupId: number; agentIds: readonly number[] } | { agentId: number; groupIds: readonly number[] },
): Promise<number[]> {
  if ('groupId' in side) {
    const current = (await db.selectFrom('group_members').select('agent_id').where('group_id', '=', side.groupId).execute()).map((r) => r.agent_id);
    const { added, removed } = diff(current, side.agentIds);
    if (removed.length) await db.deleteFrom('group_members').where('group_id', '=', side.groupId).where('agent_id', 'in', removed).execute();
    if (added.length) await db.insertInto('group_members').values(added.map((agent_id) => ({ group_id: side.groupId, agent_id }))).execute();
    return [...added, ...removed];
  }
  const current = (await db.selectFrom('group_members').select('group_id').where('agent_id', '=', side.agentId).execute()).map((r) => r.group_id);
  const { added, removed } = diff(current, side.groupIds);
  if (removed.length) await db.deleteFrom('group_members').where('agent_id', '=', side.agentId).where('group_id', 'in', removed).execute();
  if (added.length) await db.insertInto('group_members').values(added.map((group_id) => ({ group_id, agent_id: side.agentId }))).execute();
  return [...added, ...removed];
}

function diff(current: readonly number[], wanted: readonly number[]) {
  const have = new Set(current);
  const want = new Set(wanted);
  return { added: [...want].filter((id) => !have.has(id)), removed: [...have].filter((id) => !want.has(id)) };
}
