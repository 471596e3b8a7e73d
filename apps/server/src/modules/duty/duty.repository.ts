import { dialectOf, updateAtVersion } from '../../platform/db/index.ts';
import type { Selectable } from 'kysely';
import type { Db, DB } from '../../schema.ts';

export type AgentDutyRow = Selectable<DB['agent_duty']>;
export type GroupAssignmentRow = Selectable<DB['group_assignment']>;

/** An agent without a row works by their group's calendar and is not away. */
export const defaultAgentDuty = (agentId: number, now: number): AgentDutyRow => ({
  agent_id: agentId,
  calendar_id: null,
  away_until: null,
  away_note: null,
  version: 1,
  updated_at: now,
});

/** A group without a row does not assign automatically and works by the desk's default calendar. */
export const defaultGroupAssignment = (groupId: number, now: number): GroupAssignmentRow => ({
  group_id: groupId,
  mode: 'off',
  max_open_per_agent: null,
  calendar_id: null,
  last_agent_id: null,
  version: 1,
  updated_at: now,
});

export function findAgentDuty(db: Db, agentId: number): Promise<AgentDutyRow | undefined> {
  return db.selectFrom('agent_duty').selectAll().where('agent_id', '=', agentId).executeTakeFirst();
}

export async function agentDutiesOf(db: Db, agentIds: readonly number[]): Promise<Map<number, AgentDutyRow>> {
  if (agentIds.length === 0) return new Map();
  const rows = await db.selectFrom('agent_duty').selectAll().where('agent_id', 'in', agentIds).execute();
  return new Map(rows.map((r) => [Number(r.agent_id), r]));
}

/**
 * The agent's duty row, created at version 1 when missing, held until commit — the lock that keeps
 * the cap of open tickets per agent under concurrent auto-assignment (and edits) on PostgreSQL.
 */
export async function lockAgentDuty(trx: Db, agentId: number, now: number): Promise<AgentDutyRow> {
  await trx.insertInto('agent_duty').values(defaultAgentDuty(agentId, now)).onConflict((oc) => oc.column('agent_id').doNothing()).execute();
  return dialectOf(trx).forUpdate(trx.selectFrom('agent_duty').selectAll().where('agent_id', '=', agentId)).executeTakeFirstOrThrow();
}

export function updateAgentDutyAtVersion(trx: Db, agentId: number, version: number, set: Partial<AgentDutyRow>): Promise<AgentDutyRow> {
  return updateAtVersion(trx, 'agent_duty', agentId, version, set, 'agent_id');
}

export function findGroupAssignment(db: Db, groupId: number): Promise<GroupAssignmentRow | undefined> {
  return db.selectFrom('group_assignment').selectAll().where('group_id', '=', groupId).executeTakeFirst();
}

/** The assignment rows of these groups that have one, in the order of `groupIds`. */
export async function groupAssignmentsOf(db: Db, groupIds: readonly number[]): Promise<GroupAssignmentRow[]> {
  if (groupIds.length === 0) return [];
  const rows = new Map((await db.selectFrom('group_assignment').selectAll().where('group_id', 'in', groupIds).execute()).map((r) => [Number(r.group_id), r]));
  return groupIds.flatMap((id) => rows.get(id) ?? []);
}

/** The group's assignment row, created when missing, held until commit: one assignment per group at a time. */
export async function lockGroupAssignment(trx: Db, groupId: number, now: number): Promise<GroupAssignmentRow> {
  await trx.insertInto('group_assignment').values(defaultGroupAssignment(groupId, now)).onConflict((oc) => oc.column('group_id').doNothing()).execute();
  return dialectOf(trx).forUpdate(trx.selectFrom('group_assignment').selectAll().where('group_id', '=', groupId)).executeTakeFirstOrThrow();
}

export function updateGroupAssignmentAtVersion(trx: Db, groupId: number, version: number, set: Partial<GroupAssignmentRow>): Promise<GroupAssignmentRow> {
  return updateAtVersion(trx, 'group_assignment', groupId, version, set, 'group_id');
}

/** The round-robin turn moves without a version step (it is bookkeeping, not an edit). */
export async function recordLastAssigned(trx: Db, groupId: number, agentId: number): Promise<void> {
  await trx.updateTable('group_assignment').set({ last_agent_id: agentId }).where('group_id', '=', groupId).execute();
}

/** Groups that hand out tickets automatically. */
export async function autoAssigningGroupIds(db: Db): Promise<number[]> {
  const rows = await db.selectFrom('group_assignment').select('group_id').where('mode', '!=', 'off').orderBy('group_id').execute();
  return rows.map((r) => Number(r.group_id));
}

/** The agents and groups whose working schedule is a calendar (calendars asks before a delete). */
export async function dutiesOnCalendar(db: Db, calendarId: number): Promise<{ agentIds: number[]; groupIds: number[] }> {
  const [agents, groups] = await Promise.all([
    db.selectFrom('agent_duty').select('agent_id').where('calendar_id', '=', calendarId).orderBy('agent_id').limit(100).execute(),
    db.selectFrom('group_assignment').select('group_id').where('calendar_id', '=', calendarId).orderBy('group_id').limit(100).execute(),
  ]);
  return { agentIds: agents.map((r) => Number(r.agent_id)), groupIds: groups.map((r) => Number(r.group_id)) };
}
