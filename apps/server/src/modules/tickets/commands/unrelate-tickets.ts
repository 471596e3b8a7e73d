import type { Actor } from '../../../platform/actor.ts';
import { defineCommand } from '../../../platform/commands/index.ts';
import { notFound } from '../../../platform/http/errors.ts';
import { authorize } from '../../../platform/policy/index.ts';
import { otherTicketOf } from '../relations.presenter.ts';
import { deleteRelation, loadRelationRow, visibleTicketRefs } from '../relations.repository.ts';
import { authorizeTicket, type TimelineCommandContext } from '../ticket-access.ts';
import { tellRelation } from '../relations.events.ts';
import { ticketPolicy } from '../tickets.policy.ts';

/**
 * Removes a relation of the ticket it is addressed through: the ticket must be visible (404), the
 * relation one of its own whose other ticket the actor sees (404 relation otherwise), and the
 * actor must work the ticket ('relate', 403).
 */
export const unrelateTickets = defineCommand(
  'ticket.unrelate',
  async (ctx: TimelineCommandContext, input: { actor: Actor; ticketId: number; relationId: number }): Promise<void> => {
    const { actor } = input;
    const trx = ctx.db;
    const access = await authorizeTicket(trx, actor, 'read', input.ticketId);
    const row = await loadRelationRow(trx, input.relationId);
    const involved = row && (row.source_ticket_id === access.id || row.target_ticket_id === access.id);
    const otherVisible = involved && (await visibleTicketRefs(trx, actor, [otherTicketOf(row, access.id)])).length === 1;
    if (!row || !otherVisible) throw notFound('relation');
    authorize(ticketPolicy, actor, 'relate', access);
    await deleteRelation(trx, row.id);
    await tellRelation(trx, ctx.clock, {
      eventType: 'ticket.unrelated',
      relationId: row.id,
      kind: row.kind,
      sourceId: row.source_ticket_id,
      targetId: row.target_ticket_id,
      actor,
    });
  },
);
