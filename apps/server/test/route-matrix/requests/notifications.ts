import { mailLink } from '../../../src/modules/notifications/mail-links/mail-link-tokens.ts';
import { makeNotification } from '../../factories.ts';
import type { World } from '../world.ts';
import { fixed, seq, ticketFor, type Builder, type Which } from './builder.ts';

// Notifications: in-app notifications, settings, templates, and the links in mails (/m/ and its API).

/** A fresh confirm link (one-time token) for a resolved ticket of the own or a foreign contact. */
async function mailLinkToken(w: World, which: Which): Promise<string> {
  const { id } = await ticketFor(w, which, { status: 'resolved' });
  const contactId = which === 'own' ? w.people.contact.contactId! : w.foreignContact.contactId!;
  const url = await mailLink(w.t.ctx.db, w.t.clock, '', { action: 'confirm', ticketId: id, contactId });
  return url.slice('/m/'.length);
}

export const notificationRequests: Record<string, Builder> = {
  'GET /api/v1/me/notifications': fixed('/api/v1/me/notifications'),
  'POST /api/v1/me/notifications/:id/read': async (w, role, which) => {
    const userId = which === 'own' && role !== 'anonymous' ? w.people[role].userId : w.foreignAgent.userId;
    return { url: `/api/v1/me/notifications/${await makeNotification(w.t, userId)}/read` };
  },
  'POST /api/v1/me/notifications/read-all': fixed('/api/v1/me/notifications/read-all'),
  'GET /api/v1/me/notification-settings': fixed('/api/v1/me/notification-settings'),
  'PUT /api/v1/me/notification-settings': fixed('/api/v1/me/notification-settings', { items: [{ kind: 'ticket.new_in_group', channel: 'email', enabled: false }] }),
  'GET /api/v1/admin/notification-templates': fixed('/api/v1/admin/notification-templates'),
  'PUT /api/v1/admin/notification-templates/:kind/:language': async (w) => {
    const row = await w.t.ctx.db.selectFrom('notification_templates').select('version').where('kind', '=', 'ticket.closed').where('language', '=', 'en').executeTakeFirst();
    return { url: '/api/v1/admin/notification-templates/ticket.closed/en', payload: { subject: `Closed [#{{ticketNumber}}] ${seq()}`, body: 'Closed: {{ticketTitle}}', version: row?.version ?? 0 } };
  },
  'POST /api/v1/admin/notification-templates/preview': fixed('/api/v1/admin/notification-templates/preview', { kind: 'ticket.resolved', language: 'fa' }),
  'GET /m/:token': async (w, _role, which) => ({ url: `/m/${await mailLinkToken(w, which)}` }),
  'POST /m/:token': async (w, _role, which) => ({ url: `/m/${await mailLinkToken(w, which)}` }),
  'GET /api/v1/mail-links/:token': async (w, _role, which) => ({ url: `/api/v1/mail-links/${await mailLinkToken(w, which)}` }),
  'POST /api/v1/mail-links/:token': async (w, _role, which) => ({ url: `/api/v1/mail-links/${await mailLinkToken(w, which)}` }),
};
