import type { Kysely } from 'kysely';
import { refType, timeType } from '../src/platform/db/schema-helpers.ts';

// Every agent a ticket was ever assigned to keeps reading it (tickets.policy agentSees): one row
// per ticket and agent, written when history records the assignment. The index on (agent_id,
// ticket_id) serves visibleTickets' subquery. Backfilled from the current assignees and history.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('ticket_past_assignees')
    .addColumn('ticket_id', refType, (c) => c.notNull().references('tickets.id'))
    .addColumn('agent_id', refType, (c) => c.notNull().references('agents.id'))
    .addColumn('first_assigned_at', timeType, (c) => c.notNull())
    .addPrimaryKeyConstraint('ticket_past_assignees_pk', ['ticket_id', 'agent_id'])
    .execute();
  await db.schema.createIndex('ticket_past_assignees_agent_ix').on('ticket_past_assignees').columns(['agent_id', 'ticket_id']).execute();

  const seen = new Map<string, { ticket_id: number; agent_id: number; first_assigned_at: number }>();
  const add = (ticketId: number, agentId: number, at: number) => {
    const key = `${ticketId}:${agentId}`;
    if (!seen.has(key)) seen.set(key, { ticket_id: ticketId, agent_id: agentId, first_assigned_at: at });
  };
  const history = await db
    .selectFrom('ticket_history')
    .select(['ticket_id', 'new_value', 'created_at'])
    .where('field', '=', 'assigneeAgentId')
    .where('new_value', 'is not', null)
    .orderBy('id')
    .execute();
  const agents = new Set((await db.selectFrom('agents').select('id').execute()).map((a) => Number(a.id)));
  for (const h of history) {
    const agentId = Number(h.new_value);
    if (Number.isSafeInteger(agentId) && agents.has(agentId)) add(Number(h.ticket_id), agentId, Number(h.created_at));
  }
  const current = await db.selectFrom('tickets').select(['id', 'assignee_agent_id', 'created_at']).where('assignee_agent_id', 'is not', null).execute();
  for (const t of current) add(Number(t.id), Number(t.assignee_agent_id), Number(t.created_at));
  const rows = [...seen.values()];
  for (let i = 0; i < rows.length; i += 500) await db.insertInto('ticket_past_assignees').values(rows.slice(i, i + 500)).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('ticket_past_assignees').execute();
}
