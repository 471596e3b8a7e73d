import type { Db } from '../../schema.ts';
import { OPEN_STATUSES } from './lifecycle.ts';

/** Open (not resolved or closed) tickets each agent holds as assignee, in one query on tickets_assignee_agent_status. */
export async function openTicketCountsOfAgents(db: Db, agentIds: readonly number[]): Promise<Map<number, number>> {
  const counts = new Map(agentIds.map((id) => [id, 0]));
  if (agentIds.length === 0) return counts;
  const rows = await db
    .selectFrom('tickets')
    .select(['assignee_agent_id', (eb) => eb.fn.countAll<number | string>().as('n')])
    .where('assignee_agent_id', 'in', agentIds)
    .where('status', 'in', OPEN_STATUSES)
    .groupBy('assignee_agent_id')
    .execute();
  for (const r of rows) counts.set(Number(r.assignee_agent_id), Number(r.n));
  return counts;
}

/** A group's unassigned open tickets, oldest first (tickets_assignee_group_status), for auto-assignment's catch-up sweep. */
export async function unassignedOpenTicketIds(db: Db, groupId: number, limit: number): Promise<number[]> {
  const rows = await db
    .selectFrom('tickets')
    .select('id')
    .where('assignee_group_id', '=', groupId)
    .where('status', 'in', OPEN_STATUSES)
    .where('assignee_agent_id', 'is', null)
    .where('merged_into_id', 'is', null)
    .orderBy('id')
    .limit(limit)
    .execute();
  return rows.map((r) => Number(r.id));
}
