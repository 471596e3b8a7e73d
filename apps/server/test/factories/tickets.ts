import { transaction } from '../../src/platform/db/index.ts';
import type { TestApp } from '../harness.ts';
import { unique } from './common.ts';

/**
 * A ticket inserted directly (status new unless given), for tests that need one without going
 * through the create route. Owner and assignee default to the given group.
 */
export async function makeTicket(
  t: TestApp,
  input: {
    groupId: number | null;
    requesterContactId?: number | null;
    organizationId?: number | null;
    assigneeAgentId?: number | null;
    ownerAgentId?: number | null;
    ownerGroupId?: number | null;
    status?: string;
    title?: string;
  },
): Promise<{ id: number; number: number }> {
  const now = t.clock.now();
  return transaction(t.ctx.db, async (trx) => {
    const counter = await trx
      .insertInto('counters')
      .values({ name: 'ticket_number', value: 10001 })
      .onConflict((oc) => oc.column('name').doUpdateSet((eb) => ({ value: eb('counters.value', '+', 1) })))
      .returning('value')
      .executeTakeFirstOrThrow();
    const row = await trx
      .insertInto('tickets')
      .values({
        number: counter.value,
        type: 'incident',
        status: input.status ?? 'new',
        title: input.title ?? `Ticket ${unique()}`,
        description: '',
        impact: 2,
        urgency: 2,
        priority: 3,
        priority_overridden: 0,
        priority_override_reason: null,
        priority_override_by: null,
        category_id: null,
        channel: 'agent',
        requester_contact_id: input.requesterContactId ?? null,
        organization_id: input.organizationId ?? null,
        owner_group_id: input.ownerGroupId === undefined ? input.groupId : input.ownerGroupId,
        owner_agent_id: input.ownerAgentId ?? null,
        assignee_group_id: input.groupId,
        assignee_agent_id: input.assigneeAgentId ?? null,
        escalation_level: 0,
        escalated_at: null,
        pending_until: null,
        merged_into_id: null,
        created_by_user_id: null,
        created_at: now,
        updated_at: now,
        first_response_at: null,
        resolved_at: null,
        closed_at: null,
        version: 1,
      })
      .returning(['id', 'number'])
      .executeTakeFirstOrThrow();
    return row;
  });
}

/** A 'related' relation from one ticket to another. */
export async function makeRelation(t: TestApp, sourceTicketId: number, targetTicketId: number): Promise<number> {
  const { id } = await t.ctx.db
    .insertInto('ticket_relations')
    .values({ kind: 'related', source_ticket_id: sourceTicketId, target_ticket_id: targetTicketId, created_by_user_id: null, created_at: t.clock.now() })
    .returning('id')
    .executeTakeFirstOrThrow();
  return id;
}

/** An agent watching a ticket. */
export async function makeWatcher(t: TestApp, ticketId: number, agentId: number): Promise<number> {
  const { id } = await t.ctx.db
    .insertInto('ticket_watchers')
    .values({ ticket_id: ticketId, agent_id: agentId, contact_id: null, created_at: t.clock.now() })
    .returning('id')
    .executeTakeFirstOrThrow();
  return id;
}

/** A top-level category at version 1. */
export async function makeCategory(t: TestApp, name = `دسته ${unique()}`): Promise<number> {
  const now = t.clock.now();
  const { id } = await t.ctx.db
    .insertInto('categories')
    .values({ parent_id: null, name, name_en: null, position: 0, active: 1, created_at: now, updated_at: now, version: 1 })
    .returning('id')
    .executeTakeFirstOrThrow();
  return id;
}

/** Escalates a ticket to level 1 now, directly in the table (as the SLA sweep will). */
export async function escalateDirectly(t: TestApp, ticketId: number): Promise<void> {
  await t.ctx.db.updateTable('tickets').set({ escalation_level: 1, escalated_at: t.clock.now() }).where('id', '=', ticketId).execute();
}
