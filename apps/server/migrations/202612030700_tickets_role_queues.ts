import type { Kysely } from 'kysely';

// The role queues (tickets/role-queues.ts): managers' all_open and all_unassigned read tickets by
// status (then unassigned, most recently updated first); a crm agent's my_organizations_open by
// the organisations they manage, then status.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createIndex('tickets_status_assignee').on('tickets').columns(['status', 'assignee_agent_id', 'updated_at']).execute();
  await db.schema.createIndex('tickets_organization_status').on('tickets').columns(['organization_id', 'status', 'updated_at']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('tickets_organization_status').execute();
  await db.schema.dropIndex('tickets_status_assignee').execute();
}
