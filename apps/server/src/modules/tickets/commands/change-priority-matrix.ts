import type { Actor } from '../../../platform/actor.ts';
import { defineCommand } from '../../../platform/commands/index.ts';
import { authorize } from '../../../platform/policy/index.ts';
import { isValidMatrix, type PriorityMatrix } from '../priority.ts';
import type { TicketCommandContext } from '../ticket-view.ts';
import { ticketDeskPolicy, TICKET_DESK } from '../tickets.policy.ts';
import { ticketSettings } from '../tickets.settings.ts';
import { invalidInput } from '../../../platform/http/input-issues.ts';

/**
 * Changes the priority matrix (impact × urgency → priority; admin). Later computations use it;
 * existing tickets keep their priority until their impact or urgency changes.
 */
export const changePriorityMatrix = defineCommand(
  'settings.change_priority_matrix',
  async (ctx: TicketCommandContext, input: { actor: Actor; matrix: unknown }): Promise<PriorityMatrix> => {
    authorize(ticketDeskPolicy, input.actor, 'change_settings', TICKET_DESK);
    if (!isValidMatrix(input.matrix)) throw invalidInput('matrix', 'priority_matrix');
    await ticketSettings.set(ctx.db, 'tickets.priority_matrix', input.matrix, ctx.clock.now());
    return input.matrix;
  },
);
