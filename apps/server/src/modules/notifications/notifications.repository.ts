import type { Selectable } from 'kysely';
import type { Executor } from '../../schema.ts';
import type { NotificationTables } from './notifications.tables.ts';

/** All SQL of the notifications module, including (for now) the recipient look-ups in people's and tickets' tables. */
export type NotificationRow = Selectable<NotificationTables['notifications']>;

export async function insertNotification(
  db: Executor,
  row: { user_id: number; kind: string; ticket_id: number | null; data: string; dedupe_key: string; created_at: number },
): Promise<void> {
  await db
    .insertInto('notifications')
    .values({ ...row, read_at: null })
    .onConflict((oc) => oc.column('dedupe_key').doNothing())
    .execute();
}

/** One user's notifications, newest first, keyset-paged by id. */
export async function listUserNotifications(
  db: Executor,
  input: { userId: number; unreadOnly: boolean; beforeId: number | undefined; limit: number },
): Promise<NotificationRow[]> {
  let q = db.selectFrom('notifications').selectAll().where('user_id', '=', input.userId);
  if (input.unreadOnly) q = q.where('read_at', 'is', null);
  if (input.beforeId !== undefined) q = q.where('id', '<', input.beforeId);
  return q.orderBy('id', 'desc').limit(input.limit).execute();
}

export async function countUnread(db: Executor, userId: number): Promise<number> {
  const row = await db
    .selectFrom('notifications')
    .select((eb) => eb.fn.countAll<number | string>().as('n'))
    .where('user_id', '=', userId)
    .where('read_at', 'is', null)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function findNotification(db: Executor, id: number): Promise<NotificationRow | undefined> {
  return db.selectFrom('notifications').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Sets read_at once; reading an already read notification keeps its first read time. */
export async function markNotificationRead(db: Executor, input: { id: number; userId: number; now: number }): Promise<void> {
  await db
    .updateTable('notifications')
    .set({ read_at: input.now })
    .where('id', '=', input.id)
    .where('user_id', '=', input.userId)
    .where('read_at', 'is', null)
    .execute();
}

export async function markAllNotificationsRead(db: Executor, input: { userId: number; now: number }): Promise<number> {
  const result = await db
    .updateTable('notifications')
    .set({ read_at: input.now })
    .where('user_id', '=', input.userId)
    .where('read_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/** What a notification about a ticket needs to know about it: public fields only (never articles). */
export interface TicketFacts {
  id: number;
  number: number;
  title: string;
  assigneeGroupId: number | null;
  assigneeAgentId: number | null;
  ownerAgentId: number | null;
}

export async function findTicketFacts(db: Executor, ticketId: number): Promise<TicketFacts | undefined> {
  const row = await db
    .selectFrom('tickets')
    .select(['id', 'number', 'title', 'assignee_group_id', 'assignee_agent_id', 'owner_agent_id'])
    .where('id', '=', ticketId)
    .executeTakeFirst();
  return row
    ? {
        id: row.id,
        number: Number(row.number),
        title: row.title,
        assigneeGroupId: row.assignee_group_id,
        assigneeAgentId: row.assignee_agent_id,
        ownerAgentId: row.owner_agent_id,
      }
    : undefined;
}

/** The user ids behind agents, skipping inactive agents and users. */
export async function userIdsOfAgents(db: Executor, agentIds: readonly number[]): Promise<number[]> {
  if (agentIds.length === 0) return [];
  const rows = await activeAgentUsers(db).where('agents.id', 'in', [...agentIds]).execute();
  return rows.map((r) => r.user_id);
}

/** Active supervisors who are members of the group (hierarchical escalation, level 1). */
export async function supervisorUserIdsOfGroup(db: Executor, groupId: number): Promise<number[]> {
  const rows = await activeAgentUsers(db)
    .innerJoin('group_members', 'group_members.agent_id', 'agents.id')
    .innerJoin('agent_roles', 'agent_roles.agent_id', 'agents.id')
    .where('group_members.group_id', '=', groupId)
    .where('agent_roles.role', '=', 'supervisor')
    .execute();
  return rows.map((r) => r.user_id);
}

/** Every active manager (hierarchical escalation, level 2). */
export async function managerUserIds(db: Executor): Promise<number[]> {
  const rows = await activeAgentUsers(db)
    .innerJoin('agent_roles', 'agent_roles.agent_id', 'agents.id')
    .where('agent_roles.role', '=', 'manager')
    .execute();
  return rows.map((r) => r.user_id);
}

function activeAgentUsers(db: Executor) {
  return db
    .selectFrom('agents')
    .innerJoin('users', 'users.id', 'agents.user_id')
    .select('agents.user_id')
    .distinct()
    .where('agents.active', '=', 1)
    .where('users.active', '=', 1);
}
