import type { Kysely } from 'kysely';
import { timeType } from '../src/platform/db/schema-helpers.ts';

/**
 * Acknowledging a hierarchical escalation keeps its level but takes it out of "Escalated to me";
 * plus the indexes the queue views and list filters still lacked (tickets/queues.ts).
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('tickets').addColumn('escalation_acknowledged_at', timeType).execute();
  const ix = (name: string, cols: string[]) => db.schema.createIndex(name).on('tickets').columns(cols).execute();
  // escalated_to_me: level, then the supervised groups, then "not acknowledged".
  await ix('tickets_escalation_ack', ['escalation_level', 'assignee_group_id', 'escalation_acknowledged_at']);
  // recently_resolved (owner agent me) and the ownerAgentId filter.
  await ix('tickets_owner_agent_status', ['owner_agent_id', 'status', 'updated_at']);
  // Sorting by priority with a keyset cursor (priority, id).
  await ix('tickets_priority', ['priority', 'id']);
  await ix('tickets_category', ['category_id', 'updated_at']);
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const name of ['tickets_category', 'tickets_priority', 'tickets_owner_agent_status', 'tickets_escalation_ack']) await db.schema.dropIndex(name).execute();
  await db.schema.alterTable('tickets').dropColumn('escalation_acknowledged_at').execute();
}
