import { defineJob, type AppContext } from '../../context.ts';
import type { Contribution } from '../../platform/modules.ts';
import { advanceRebuild } from '../../platform/search/index.ts';
import { peopleIdsAfter } from '../people/index.ts';
import { ticketIdsAfter, ticketIdsOfRequesters } from '../tickets/index.ts';
import { indexContacts, indexOrganizations, indexTickets } from './indexing.ts';

/** Records per rebuild batch: one job and one transaction each, so the server keeps serving between them. */
export const REBUILD_BATCH = 500;
const ORDER = ['ticket', 'contact', 'organization'] as const;

/**
 * The index follows the outbox: one job per event that changes searchable text, each re-reading
 * the record in its own transaction (idempotent; a late or repeated run leaves the index right).
 * The rebuild walks tickets, contacts and organisations in id order, one batch per job, each
 * enqueuing the next, with its progress in `search_rebuilds`.
 */
export function searchJobs(ctx: AppContext): Pick<Contribution, 'jobs' | 'subscriptions'> {
  const jobs = [
    defineJob('search.ticket_created', { handler: async ({ payload, trx }) => void (await indexTickets(trx, [payload.payload.ticketId])) }),
    defineJob('search.ticket_updated', { handler: async ({ payload, trx }) => void (await indexTickets(trx, [payload.payload.ticketId])) }),
    defineJob('search.ticket_status_changed', { handler: async ({ payload, trx }) => void (await indexTickets(trx, [payload.payload.ticketId])) }),
    defineJob('search.ticket_article_added', { handler: async ({ payload, trx }) => void (await indexTickets(trx, [payload.payload.ticketId])) }),
    defineJob('search.ticket_merged', {
      handler: async ({ payload, trx }) => void (await indexTickets(trx, [payload.payload.sourceTicketId, payload.payload.targetTicketId])),
    }),
    defineJob('search.contact_created', { handler: async ({ payload, trx }) => void (await indexContacts(trx, [payload.payload.contactId])) }),
    defineJob('search.contact_updated', {
      async handler({ payload, trx }) {
        await indexContacts(trx, [payload.payload.contactId]);
        // The requester's name, emails and phones are in their tickets' documents too.
        await indexTickets(trx, await ticketIdsOfRequesters(trx, [payload.payload.contactId]));
      },
    }),
    defineJob('search.contact_merged', {
      async handler({ payload, trx }) {
        // Both contacts' documents changed (the loser's addresses moved), and so did the moved tickets' requester text.
        await indexContacts(trx, [payload.payload.contactId, payload.payload.intoId]);
        await indexTickets(trx, payload.payload.ticketIds);
      },
    }),
    defineJob('search.organization_merged', {
      async handler({ payload, trx }) {
        await indexOrganizations(trx, [payload.payload.organizationId, payload.payload.intoId]);
        await indexContacts(trx, payload.payload.contactIds);
        await indexTickets(trx, payload.payload.ticketIds);
      },
    }),
    defineJob('search.organization_created', { handler: async ({ payload, trx }) => void (await indexOrganizations(trx, [payload.payload.organizationId])) }),
    defineJob('search.organization_updated', { handler: async ({ payload, trx }) => void (await indexOrganizations(trx, [payload.payload.organizationId])) }),
    defineJob('search.rebuild', {
      async handler({ payload, trx }) {
        const { rebuildId, kind, afterId } = payload;
        const ids = kind === 'ticket' ? await ticketIdsAfter(trx, afterId, REBUILD_BATCH) : await peopleIdsAfter(trx, kind, afterId, REBUILD_BATCH);
        if (kind === 'ticket') await indexTickets(trx, ids);
        else if (kind === 'contact') await indexContacts(trx, ids);
        else await indexOrganizations(trx, ids);
        const next = ids.length === REBUILD_BATCH ? { kind, afterId: ids[ids.length - 1]! } : ORDER[ORDER.indexOf(kind) + 1] ? { kind: ORDER[ORDER.indexOf(kind) + 1]!, afterId: 0 } : null;
        await advanceRebuild(trx, rebuildId, ids.length, ctx.clock.now(), next === null);
        if (next) await ctx.jobs.enqueue(trx, 'search.rebuild', { rebuildId, ...next }, { uniqueKey: `search.rebuild:${rebuildId}:${next.kind}:${next.afterId}` });
      },
    }),
  ];
  return {
    jobs,
    // Inline (ADR 0031): one or two records re-read and upserted through `trx`. A contact's update
    // and the merges re-index every ticket they touch, unbounded: those stay jobs of their own.
    subscriptions: [
      { event: 'ticket.created', job: 'search.ticket_created', inline: true },
      { event: 'ticket.updated', job: 'search.ticket_updated', inline: true },
      { event: 'ticket.status_changed', job: 'search.ticket_status_changed', inline: true },
      { event: 'ticket.article_added', job: 'search.ticket_article_added', inline: true },
      { event: 'ticket.merged', job: 'search.ticket_merged', inline: true },
      { event: 'contact.created', job: 'search.contact_created', inline: true },
      { event: 'contact.updated', job: 'search.contact_updated' },
      { event: 'contact.merged', job: 'search.contact_merged' },
      { event: 'organization.created', job: 'search.organization_created', inline: true },
      { event: 'organization.merged', job: 'search.organization_merged' },
      { event: 'organization.updated', job: 'search.organization_updated', inline: true },
    ],
  };
}
