import { makeMailbox, makeFailedMail, makeHeldMail, makeInboundMailRow } from '../../factories.ts';
import type { World } from '../world.ts';
import { fixed, seq, ticketFor, type Builder } from './builder.ts';

// Email: mailboxes, a ticket's mail in and out, the outbound queue, held mail.

/** An inbound mail recorded on the ticket (its raw bytes stored), as mail in records one. */
async function inboundMailOn(w: World, ticketId: number): Promise<number> {
  return makeInboundMailRow(w.t, ticketId);
}

/** A mail of the ticket that finally failed (what the retry button sends again). */
async function failedMailOn(w: World, ticketId: number): Promise<number> {
  return makeFailedMail(w.t, ticketId);
}

export const emailRequests: Record<string, Builder> = {
  // mailboxes
  'GET /api/v1/admin/mailboxes': fixed('/api/v1/admin/mailboxes'),
  'POST /api/v1/admin/mailboxes': async () => ({ url: '/api/v1/admin/mailboxes', payload: { address: `matrix-${seq()}@desk.example.test`, kind: 'smtp' } }),
  'GET /api/v1/admin/mailboxes/:id': async (w) => ({ url: `/api/v1/admin/mailboxes/${(await makeMailbox(w.t)).id}` }),
  'PATCH /api/v1/admin/mailboxes/:id': async (w) => ({ url: `/api/v1/admin/mailboxes/${(await makeMailbox(w.t)).id}`, payload: { version: 1, name: 'renamed' } }),
  'POST /api/v1/tickets/:id/email/replies': async (w, _r, which) => ({ url: `/api/v1/tickets/${(await ticketFor(w, which)).id}/email/replies`, payload: { body: 'پاسخ با نامه', to: ['someone@example.test'] } }),
  'POST /api/v1/tickets/:id/email/third-party': async (w, _r, which) => ({ url: `/api/v1/tickets/${(await ticketFor(w, which)).id}/email/third-party`, payload: { to: ['vendor@example.test'], body: 'لطفاً بررسی کنید' } }),
  'GET /api/v1/tickets/:id/email/messages': async (w, _r, which) => ({ url: `/api/v1/tickets/${(await ticketFor(w, which)).id}/email/messages` }),
  'POST /api/v1/email/messages/:id/retry': async (w, _r, which) => ({ url: `/api/v1/email/messages/${await failedMailOn(w, (await ticketFor(w, which)).id)}/retry` }),
  'GET /api/v1/admin/email/outbound': fixed('/api/v1/admin/email/outbound'),
  'PUT /api/v1/admin/email/default-relay': fixed('/api/v1/admin/email/default-relay', { relay: null }),
  'PUT /api/v1/admin/email/signatures/:id': async (w, _r, which) => ({ url: `/api/v1/admin/email/signatures/${which === 'own' ? w.groupA : w.groupB}`, payload: { fa: 'با احترام', en: 'Regards' } }),
  'PUT /api/v1/admin/mailboxes/:id/notifications': async (w) => ({ url: `/api/v1/admin/mailboxes/${(await makeMailbox(w.t)).id}/notifications`, payload: { items: [{ kind: 'ticket.closed', enabled: false }] } }),
  'GET /api/v1/admin/email/held': fixed('/api/v1/admin/email/held'),
  'GET /api/v1/admin/email/held/:id': async (w) => ({ url: `/api/v1/admin/email/held/${(await makeHeldMail(w.t)).id}` }),
  'POST /api/v1/admin/email/held/:id/accept': async (w) => ({ url: `/api/v1/admin/email/held/${(await makeHeldMail(w.t)).id}/accept` }),
  'POST /api/v1/admin/email/held/:id/reject': async (w) => ({ url: `/api/v1/admin/email/held/${(await makeHeldMail(w.t)).id}/reject` }),
  'GET /api/v1/tickets/:id/email/inbound': async (w, _r, which) => ({ url: `/api/v1/tickets/${(await ticketFor(w, which)).id}/email/inbound` }),
  'GET /api/v1/email/inbound/:id/raw': async (w, _r, which) => ({ url: `/api/v1/email/inbound/${await inboundMailOn(w, (await ticketFor(w, which)).id)}/raw` }),
};
