import type { Actor } from '../../../platform/actor.ts';
import { defineCommand } from '../../../platform/commands/index.ts';
import { notFound } from '../../../platform/http/errors.ts';
import { authorizeTicket, type TimelineCommandContext } from '../ticket-access.ts';
import { deleteWatcher, loadWatcherRow } from '../watchers.repository.ts';

/**
 * Removes a watcher of a ticket: authorises 'watch' on the ticket (404/403), holding it until
 * commit; a watcher of another ticket is 404. An agent loses the visibility watching gave.
 */
export const removeWatcher = defineCommand(
  'ticket.remove_watcher',
  async (ctx: TimelineCommandContext, input: { actor: Actor; ticketId: number; watcherId: number }): Promise<void> => {
    const trx = ctx.db;
    const ticket = await authorizeTicket(trx, input.actor, 'watch', input.ticketId, { forUpdate: true });
    const row = await loadWatcherRow(trx, input.watcherId);
    if (!row || row.ticket_id !== ticket.id) throw notFound('watcher');
    await deleteWatcher(trx, row.id);
  },
);
