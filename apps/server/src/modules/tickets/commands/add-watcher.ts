import type { Actor } from '../../../platform/actor.ts';
import { defineCommand } from '../../../platform/commands/index.ts';
import { CommonErrors, DomainError } from '../../../platform/http/errors.ts';
import { findAgent, findContact } from '../../people/index.ts';
import { authorizeTicket, type TimelineCommandContext } from '../ticket-access.ts';
import { insertWatcher, loadWatcherView, type WatcherRow } from '../watchers.repository.ts';

/**
 * Adds an agent or a contact as a watcher of a ticket: authorises 'watch' (404/403), holding the
 * ticket until commit (a merge moves its watchers). A watching agent gains visibility and may
 * work it; a watching contact sees the public timeline and may reply. The person must exist and
 * be active (422); watching twice is 409. Returns the watcher with its name.
 */
export const addWatcher = defineCommand(
  'ticket.add_watcher',
  async (
    ctx: TimelineCommandContext,
    input: { actor: Actor; ticketId: number; agentId?: number | undefined; contactId?: number | undefined },
  ): Promise<WatcherRow> => {
    const trx = ctx.db;
    const ticket = await authorizeTicket(trx, input.actor, 'watch', input.ticketId, { forUpdate: true });
    const agentId = input.agentId ?? null;
    const contactId = agentId === null ? (input.contactId ?? null) : null;
    const field = agentId !== null ? 'agentId' : 'contactId';
    const exists =
      agentId !== null ? (await findAgent(trx, agentId))?.active === 1 : contactId !== null && (await findContact(trx, contactId))?.active === 1;
    if (!exists) throw new DomainError(CommonErrors['record.invalid_reference'], { field });
    const id = await insertWatcher(trx, { ticket_id: ticket.id, agent_id: agentId, contact_id: contactId, created_at: ctx.clock.now() });
    if (id === undefined) throw new DomainError(CommonErrors['record.conflict'], { field });
    return (await loadWatcherView(trx, id))!;
  },
);
