import { Readable } from 'node:stream';
import { escalateDirectly, makeCategory, makeRelation, makeWatcher } from '../../factories.ts';
import type { World } from '../world.ts';
import { fixed, seq, ticketFor, type Builder, type Which } from './builder.ts';

// Tickets: the record, queues, the priority matrix, the timeline, attachments, relations, watchers, categories.

async function escalatedTicket(w: World, which: Which): Promise<number> {
  const { id } = await ticketFor(w, which, { status: 'open' });
  await escalateDirectly(w.t, id);
  return id;
}

/** A public attachment stored on a fresh ticket. */
async function attachmentOn(w: World, which: Which): Promise<number> {
  const { id: ticketId } = await ticketFor(w, which);
  const blob = await w.t.ctx.storage.put(Readable.from(Buffer.from(`file of ${ticketId}`)), 1024);
  // A file sent in a public reply: what the requester may download (an unsent upload stays inside the desk).
  const article = await w.t.ctx.db
    .insertInto('articles')
    .values({ ticket_id: ticketId, kind: 'reply', internal: 0, channel: 'agent', author_user_id: null, author_kind: 'agent', body: 'file', created_at: w.t.clock.now() })
    .returning('id')
    .executeTakeFirstOrThrow();
  const row = await w.t.ctx.db
    .insertInto('attachments')
    .values({ ticket_id: ticketId, article_id: article.id, filename: 'نامه.txt', content_type: 'text/plain', size: blob.size, sha256: blob.sha256, internal: 0, uploaded_by_user_id: null, created_at: w.t.clock.now() })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

function multipartFile(name: string, text: string): { payload: Buffer; headers: Record<string, string> } {
  const boundary = '----pishkhan-matrix';
  const body = `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: text/plain\r\n\r\n${text}\r\n--${boundary}--\r\n`;
  return { payload: Buffer.from(body), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

export const ticketRequests: Record<string, Builder> = {
  'POST /api/v1/tickets': async (w, role) => ({
    url: '/api/v1/tickets',
    payload: { title: 'پرینتر کار نمی‌کند', description: 'از صبح', type: 'incident', impact: 2, urgency: 2, ...(role === 'contact' ? {} : { requesterContactId: w.people.contact.contactId }) },
  }),
  'GET /api/v1/tickets': fixed('/api/v1/tickets'),
  'POST /api/v1/tickets/search': fixed('/api/v1/tickets/search', { filter: { field: 'status', op: 'in', value: ['new', 'open'] } }),
  'GET /api/v1/tickets/:id': async (w, _r, which) => ({ url: `/api/v1/tickets/${(await ticketFor(w, which)).id}` }),
  'PATCH /api/v1/tickets/:id': async (w, _r, which) => ({ url: `/api/v1/tickets/${(await ticketFor(w, which)).id}`, payload: { version: 1, title: 'عنوان تازه' } }),
  'GET /api/v1/tickets/:id/history': async (w, _r, which) => ({ url: `/api/v1/tickets/${(await ticketFor(w, which)).id}/history` }),
  'POST /api/v1/tickets/:id/confirm': async (w, _r, which) => ({ url: `/api/v1/tickets/${(await ticketFor(w, which, { status: 'resolved' })).id}/confirm`, payload: {} }),
  'POST /api/v1/tickets/:id/reopen': async (w, _r, which) => ({ url: `/api/v1/tickets/${(await ticketFor(w, which, { status: 'resolved' })).id}/reopen`, payload: {} }),
  'POST /api/v1/tickets/:id/escalations': async (w, _r, which) => ({
    url: `/api/v1/tickets/${(await ticketFor(w, which, { status: 'open' })).id}/escalations`,
    payload: { kind: 'hierarchical', reason: 'نیاز به تصمیم سرپرست' },
  }),
  'POST /api/v1/tickets/:id/escalation/acknowledge': async (w, _r, which) => ({ url: `/api/v1/tickets/${await escalatedTicket(w, which)}/escalation/acknowledge`, payload: {} }),
  'POST /api/v1/tickets/:id/escalation/deescalate': async (w, _r, which) => ({ url: `/api/v1/tickets/${await escalatedTicket(w, which)}/escalation/deescalate`, payload: {} }),
  'GET /api/v1/queues': fixed('/api/v1/queues'),
  'GET /api/v1/queues/:name/tickets': fixed('/api/v1/queues/my_open/tickets'),
  'GET /api/v1/settings/priority-matrix': fixed('/api/v1/settings/priority-matrix'),
  'PUT /api/v1/settings/priority-matrix': fixed('/api/v1/settings/priority-matrix', { matrix: [[1, 2, 3], [2, 3, 4], [3, 4, 4]] }),
  // ticket timeline
  'GET /api/v1/tickets/:id/articles': async (w, _r, which) => ({ url: `/api/v1/tickets/${(await ticketFor(w, which)).id}/articles` }),
  'POST /api/v1/tickets/:id/replies': async (w, _r, which) => ({ url: `/api/v1/tickets/${(await ticketFor(w, which)).id}/replies`, payload: { body: 'سلام، بررسی شد.' } }),
  'GET /api/v1/tickets/:id/presence': async (w, _r, which) => ({ url: `/api/v1/tickets/${(await ticketFor(w, which)).id}/presence` }),
  'PUT /api/v1/tickets/:id/presence': async (w, _r, which) => ({ url: `/api/v1/tickets/${(await ticketFor(w, which)).id}/presence`, payload: { state: 'viewing' } }),
  'DELETE /api/v1/tickets/:id/presence': async (w, _r, which) => ({ url: `/api/v1/tickets/${(await ticketFor(w, which)).id}/presence` }),
  'POST /api/v1/tickets/:id/notes': async (w, _r, which) => ({ url: `/api/v1/tickets/${(await ticketFor(w, which)).id}/notes`, payload: { body: 'یادداشت داخلی' } }),
  'POST /api/v1/tickets/:id/attachments': async (w, _r, which) => {
    const { payload, headers } = multipartFile('گزارش.txt', 'متن پیوست');
    return { url: `/api/v1/tickets/${(await ticketFor(w, which)).id}/attachments`, payload, headers };
  },
  'GET /api/v1/tickets/:id/attachments': async (w, _r, which) => ({ url: `/api/v1/tickets/${(await ticketFor(w, which)).id}/attachments` }),
  'GET /api/v1/attachments/:id/content': async (w, _r, which) => ({ url: `/api/v1/attachments/${await attachmentOn(w, which)}/content` }),
  'GET /api/v1/tickets/:id/relations': async (w, _r, which) => ({ url: `/api/v1/tickets/${(await ticketFor(w, which)).id}/relations` }),
  'POST /api/v1/tickets/:id/relations': async (w, _r, which) => {
    const [a, b] = [await ticketFor(w, which), await ticketFor(w, which)];
    return { url: `/api/v1/tickets/${a.id}/relations`, payload: { kind: 'related', targetTicketId: b.id } };
  },
  'DELETE /api/v1/tickets/:id/relations/:relationId': async (w, _r, which) => {
    const [a, b] = [await ticketFor(w, which), await ticketFor(w, which)];
    return { url: `/api/v1/tickets/${a.id}/relations/${await makeRelation(w.t, a.id, b.id)}` };
  },
  'POST /api/v1/tickets/:id/merge': async (w, _r, which) => {
    const [source, into] = [await ticketFor(w, which), await ticketFor(w, which)];
    return { url: `/api/v1/tickets/${source.id}/merge`, payload: { intoTicketId: into.id } };
  },
  'GET /api/v1/tickets/:id/watchers': async (w, _r, which) => ({ url: `/api/v1/tickets/${(await ticketFor(w, which)).id}/watchers` }),
  'POST /api/v1/tickets/:id/watchers': async (w, _r, which) => ({
    url: `/api/v1/tickets/${(await ticketFor(w, which)).id}/watchers`,
    payload: { agentId: which === 'own' ? w.people.analyst.agentId : w.foreignAgent.agentId },
  }),
  'DELETE /api/v1/tickets/:id/watchers/:watcherId': async (w, _r, which) => {
    const { id } = await ticketFor(w, which);
    const watcherId = await makeWatcher(w.t, id, which === 'own' ? w.people.analyst.agentId! : w.foreignAgent.agentId!);
    return { url: `/api/v1/tickets/${id}/watchers/${watcherId}` };
  },
  'GET /api/v1/categories': fixed('/api/v1/categories'),
  'POST /api/v1/categories': async () => ({ url: '/api/v1/categories', payload: { name: `دسته ${seq()}` } }),
  'PATCH /api/v1/categories/:id': async (w) => ({ url: `/api/v1/categories/${await makeCategory(w.t)}`, payload: { version: 1, name: 'نام تازه' } }),
};
