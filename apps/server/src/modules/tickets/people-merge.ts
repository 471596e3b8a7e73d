import type { MergeMover } from '../../context.ts';
import { recordEvent } from '../../platform/events/index.ts';
import { moveContactWatchesAndArticles, moveTicketColumn } from './people-merge.repository.ts';

/**
 * Tickets' part of people's merges (injected by app.ts as a MergeMover): a merged contact's tickets
 * (as requester), watches and articles, or a merged organisation's tickets, now name the survivor.
 * A ticket whose field moved takes one version step, a history row and a `ticket.updated` event, as
 * an edit of that field would (live views and the SLA follow); answers every ticket touched.
 */
export const ticketMergeMover: MergeMover = {
  async moveContact(db, fromId, intoId, at) {
    const moved = await moveTicketColumn(db, 'requester_contact_id', 'requesterContactId', fromId, intoId, at);
    for (const ticketId of moved) await recordEvent(db, { now: () => at.now }, 'ticket.updated', { ticketId, actorUserId: at.actorUserId, fields: ['requesterContactId'] });
    const touched = await moveContactWatchesAndArticles(db, fromId, intoId);
    return [...new Set([...moved, ...touched])].sort((a, b) => a - b);
  },
  async moveOrganization(db, fromId, intoId, at) {
    const moved = await moveTicketColumn(db, 'organization_id', 'organizationId', fromId, intoId, at);
    for (const ticketId of moved) await recordEvent(db, { now: () => at.now }, 'ticket.updated', { ticketId, actorUserId: at.actorUserId, fields: ['organizationId'] });
    return moved;
  },
};
