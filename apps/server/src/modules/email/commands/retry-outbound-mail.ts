import type { Actor } from '../../../platform/actor.ts';
import { hasRole } from '../../../platform/actor.ts';
import { defineCommand } from '../../../platform/commands/index.ts';
import { DomainError, notFound, forbidden } from '../../../platform/http/errors.ts';
import { authorize, requireUser } from '../../../platform/policy/index.ts';
import type { AppContext } from '../../../context.ts';
import { loadTicketAccess, ticketPolicy } from '../../tickets/index.ts';
import { OutboundErrors } from '../outbound/outbound.errors.ts';
import { findOutbound, markOutbound, type OutboundRow } from '../outbound/outbound.repository.ts';

/**
 * Sends a failed or held mail again (the retry button on its article): back to the queue with its
 * attempts from zero. Who may write internal notes on its ticket may retry it (mail without a
 * ticket: admins); 404 when its ticket is not visible; 409 email.not_retryable when it is sent or queued.
 */
export const retryOutboundMail = defineCommand('email.retry_message', async (ctx: AppContext, input: { actor: Actor; id: number }): Promise<OutboundRow> => {
  const actor = requireUser(input.actor);
  const row = await findOutbound(ctx.db, input.id);
  if (!row) throw notFound('email');
  if (row.ticket_id === null) {
    if (!hasRole(actor, 'admin')) throw forbidden('email.retry');
  } else {
    authorize(ticketPolicy, actor, 'note', await loadTicketAccess(ctx.db, row.ticket_id));
  }
  if (row.status !== 'failed' && row.status !== 'held') throw new DomainError(OutboundErrors['email.not_retryable'], { status: row.status });
  const now = ctx.clock.now();
  await markOutbound(ctx.db, row.id, { status: 'queued', reason: null, attempts: 0, updated_at: now });
  await ctx.jobs.enqueue(ctx.db, 'email.send_message', { outboundId: row.id }, { uniqueKey: `email.send_message:${row.id}:${now}` });
  return (await findOutbound(ctx.db, row.id))!;
});
