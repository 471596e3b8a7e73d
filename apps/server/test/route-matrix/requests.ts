import type { MatrixRole } from '../../src/modules/access/route-matrix.ts';
import { Readable } from 'node:stream';
import {
  escalateDirectly,
  makeAgent,
  makeApiToken,
  makeCategory,
  makeContact,
  makeDeadJob,
  makeGroup,
  makeMailbox,
  makeCalendar,
  makeContract,
  makeCalendarHoliday,
  makeSlaPolicy,
  makeSlaRule,
  makeNotification,
  makeFailedMail,
  makeHeldMail,
  makeInboundMailRow,
  makeOrganization,
  makeRelation,
  makeTicket,
  makeWatcher,
  makeTotp,
  PASSWORD,
  signIn,
  type Client,
} from '../factories.ts';
import { freshActor, type World } from './world.ts';
import { portalInvitationLink, ticketMagicLink } from '../../src/modules/access/index.ts';
import { requestPasswordReset } from '../../src/modules/access/commands/request-password-reset.ts';
import { lastIssuedLink, tokenOfLink } from '../links.ts';
import { makeOidcProvider, makeSsoDirectory } from '../sso.ts';
import { mailLink } from '../../src/modules/notifications/mail-links/mail-link-tokens.ts';

export type Which = 'own' | 'foreign';

/** How to call one route as `role` on an own or foreign record; records are made fresh for each call. */
export interface PreparedRequest {
  url: string;
  payload?: unknown;
  headers?: Record<string, string>;
  /** Another client than the role's shared one (a fresh session for sign-out, say). */
  client?: Client;
}
export type Builder = (w: World, role: MatrixRole, which: Which) => Promise<PreparedRequest>;

let counter = 0;
const seq = () => ++counter;

const fixed =
  (url: string, payload?: unknown): Builder =>
  async () => (payload === undefined ? { url } : { url, payload });


/** A saved view of `userId`, inserted directly (the route matrix's own or foreign record). */
async function savedViewOf(w: World, userId: number): Promise<number> {
  const now = w.t.clock.now();
  const row = await w.t.ctx.db
    .insertInto('saved_views')
    .values({ user_id: userId, name: `view ${seq()}`, filter: '{"all":[]}', sort: null, version: 1, created_at: now, updated_at: now })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

async function preferencesVersionOf(w: World, userId: number): Promise<number> {
  const row = await w.t.ctx.db.selectFrom('user_preferences').select('version').where('user_id', '=', userId).executeTakeFirst();
  return row?.version ?? 0;
}

const viewOwnerOf = (w: World, role: MatrixRole, which: Which): number =>
  which === 'own' && role !== 'anonymous' ? w.people[role].userId : w.foreignAgent.userId;

/** A fresh ticket: own = group A, the contact's, organisation 1; foreign = group B, another contact, organisation 2. */
async function ticketFor(w: World, which: Which, extra: { status?: string } = {}): Promise<{ id: number; number: number }> {
  return which === 'own'
    ? makeTicket(w.t, { groupId: w.groupA, requesterContactId: w.people.contact.contactId!, organizationId: w.org1, ...extra })
    : makeTicket(w.t, { groupId: w.groupB, requesterContactId: w.foreignContact.contactId!, organizationId: w.org2, ...extra });
}

/** A fresh confirm link (one-time token) for a resolved ticket of the own or a foreign contact. */
async function mailLinkToken(w: World, which: Which): Promise<string> {
  const { id } = await ticketFor(w, which, { status: 'resolved' });
  const contactId = which === 'own' ? w.people.contact.contactId! : w.foreignContact.contactId!;
  const url = await mailLink(w.t.ctx.db, w.t.clock, '', { action: 'confirm', ticketId: id, contactId });
  return url.slice('/m/'.length);
}

/** An inbound mail recorded on the ticket (its raw bytes stored), as mail in records one. */
async function inboundMailOn(w: World, ticketId: number): Promise<number> {
  return makeInboundMailRow(w.t, ticketId);
}

/** A mail of the ticket that finally failed (what the retry button sends again). */
async function failedMailOn(w: World, ticketId: number): Promise<number> {
  return makeFailedMail(w.t, ticketId);
}

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

/** A fresh caller of `role` with a second factor (pending or confirmed; signed in before it was confirmed) and a current code for `url`. */
async function withTotp(w: World, role: MatrixRole, url: string, pending: boolean): Promise<PreparedRequest> {
  const { person, client } = await freshActor(w, role);
  if (!person) return { url, client, payload: { code: '123456' } };
  const { code } = await makeTotp(w.t, person.userId, { pending });
  return { url, client, payload: { code: await code() } };
}

/** A live one-time link's token: a contact's invitation, or a sign-in's reset as the public request makes it. */
async function linkToken(w: World, purpose: 'invitation' | 'password_reset', id: number): Promise<string> {
  if (purpose === 'invitation') return tokenOfLink((await portalInvitationLink(w.t.ctx, { contactId: id })).link);
  const { email } = await w.t.ctx.db.selectFrom('users').select('email').where('id', '=', id).executeTakeFirstOrThrow();
  await requestPasswordReset(w.t.ctx, { actor: { kind: 'anonymous', locale: 'en' }, email });
  return tokenOfLink((await lastIssuedLink(w.t)).link);
}

/** Request builders keyed like the matrix rows. Each module's routes add theirs. */
export const REQUESTS: Record<string, Builder> = {
  'GET /api/health': fixed('/api/health'),
  'GET /api/v1/live': fixed('/api/v1/live?once=true'),
  'GET /api/docs': fixed('/api/docs'),
  'GET /api/docs/json': fixed('/api/docs/json'),
  'GET /api/docs/yaml': fixed('/api/docs/yaml'),
  'GET /api/docs/static/index.html': fixed('/api/docs/static/index.html'),
  'GET /api/docs/static/swagger-initializer.js': fixed('/api/docs/static/swagger-initializer.js'),

  'POST /api/v1/session': async (w, role) => ({
    url: '/api/v1/session',
    payload: { email: role === 'anonymous' ? w.people.analyst.email : w.people[role].email, password: PASSWORD },
  }),
  'GET /api/v1/session': fixed('/api/v1/session'),
  'POST /api/v1/invitations/accept': async (w) => {
    const { contactId } = await makeContact(w.t, { organizationId: w.org1, canSignIn: false });
    return { url: '/api/v1/invitations/accept', payload: { token: await linkToken(w, 'invitation', contactId!), password: `a fresh password ${seq()}` } };
  },
  'POST /api/v1/password-reset': async () => ({ url: '/api/v1/password-reset', payload: { email: `nobody${seq()}@example.test` } }),
  'GET /api/v1/portal/config': fixed('/api/v1/portal/config'),
  'GET /api/v1/admin/portal/settings': fixed('/api/v1/admin/portal/settings'),
  // Sent as it is (off): the matrix's world keeps sign-up off.
  'PUT /api/v1/admin/portal/settings': async () => ({ url: '/api/v1/admin/portal/settings', payload: { signUp: false } }),
  'POST /api/v1/portal/sign-up': async () => ({ url: '/api/v1/portal/sign-up', payload: { name: 'Sara', email: `signup${seq()}@example.test`, password: `a fresh password ${seq()}`, language: 'en' } }),
  'POST /api/v1/portal/sign-up/verify': async () => ({ url: '/api/v1/portal/sign-up/verify', payload: { token: 'a'.repeat(43) } }),
  'POST /api/v1/password-reset/complete': async (w) => {
    const { userId } = await makeAgent(w.t, { roles: ['analyst'] });
    return { url: '/api/v1/password-reset/complete', payload: { token: await linkToken(w, 'password_reset', userId), password: `a fresh password ${seq()}` } };
  },
  'POST /api/v1/me/tokens': fixed('/api/v1/me/tokens', { name: 'ci', scopes: ['read'] }),
  'GET /api/v1/me/tokens': fixed('/api/v1/me/tokens'),
  'DELETE /api/v1/tokens/:id': async (w, role, which) => {
    const owner = which === 'own' && role !== 'anonymous' ? w.people[role].userId : w.foreignAgent.userId;
    return { url: `/api/v1/tokens/${(await makeApiToken(w.t, owner, ['read'])).id}` };
  },
  'GET /metrics': fixed('/metrics'),
  'GET /api/v1/me/sessions': fixed('/api/v1/me/sessions'),
  'DELETE /api/v1/sessions/:id': async (w, role, which) => {
    const person = which === 'own' && role !== 'anonymous' ? w.people[role] : w.foreignAgent;
    await signIn(w.t.app, person.email);
    const { id } = await w.t.ctx.db.selectFrom('sessions').select('id').where('user_id', '=', person.userId).orderBy('id', 'desc').executeTakeFirstOrThrow();
    return { url: `/api/v1/sessions/${id}` };
  },
  'GET /api/v1/admin/users/:id/sessions': async (w) => ({ url: `/api/v1/admin/users/${w.foreignAgent.userId}/sessions` }),
  'POST /api/v1/admin/users/:id/unlock': async (w) => ({ url: `/api/v1/admin/users/${w.foreignAgent.userId}/unlock` }),
  'POST /api/v1/session/second-factor': async (w) => {
    const agent = await makeAgent(w.t, { roles: ['analyst'] });
    const { code } = await makeTotp(w.t, agent.userId);
    const first = await w.t.app.inject({ method: 'POST', url: '/api/v1/session', payload: { email: agent.email, password: PASSWORD } });
    return { url: '/api/v1/session/second-factor', payload: { challenge: first.json().challenge, code: await code() } };
  },
  'GET /api/v1/me/totp': fixed('/api/v1/me/totp'),
  'POST /api/v1/me/totp': async (w, role) => ({ url: '/api/v1/me/totp', client: (await freshActor(w, role)).client }),
  'POST /api/v1/me/totp/confirm': async (w, role) => withTotp(w, role, '/api/v1/me/totp/confirm', true),
  'POST /api/v1/me/totp/disable': async (w, role) => withTotp(w, role, '/api/v1/me/totp/disable', false),
  'POST /api/v1/me/totp/recovery-codes': async (w, role) => withTotp(w, role, '/api/v1/me/totp/recovery-codes', false),
  'POST /api/v1/admin/users/:id/totp/reset': async (w) => {
    const agent = await makeAgent(w.t, { roles: ['analyst'] });
    await makeTotp(w.t, agent.userId);
    return { url: `/api/v1/admin/users/${agent.userId}/totp/reset` };
  },
  'GET /api/v1/admin/audit': fixed('/api/v1/admin/audit?action=session.&limit=5'),
  'POST /api/v1/ticket-link/session': async (w) => {
    const { id } = await ticketFor(w, 'own');
    const { link } = await ticketMagicLink(w.t.ctx, { ticketId: id, contactId: w.people.contact.contactId!, to: w.people.contact.email, language: 'en' });
    return { url: '/api/v1/ticket-link/session', payload: { token: tokenOfLink(link) } };
  },
  'DELETE /api/v1/session': async (w, role) => ({ url: '/api/v1/session', client: (await freshActor(w, role)).client }),
  'PUT /api/v1/me/password': async (w, role) => ({
    url: '/api/v1/me/password',
    payload: { currentPassword: PASSWORD, newPassword: 'a-brand-new-password-42' },
    client: (await freshActor(w, role)).client,
  }),
  // people
  'GET /api/v1/organizations': fixed('/api/v1/organizations'),
  'POST /api/v1/organizations': async () => ({ url: '/api/v1/organizations', payload: { name: `سازمان ${seq()}` } }),
  'GET /api/v1/organizations/:id': async (w, _r, which) => ({ url: `/api/v1/organizations/${which === 'own' ? w.org1 : w.org2}` }),
  'PATCH /api/v1/organizations/:id': async (w, _r, which) => {
    const id = await makeOrganization(w.t, which === 'own' ? { accountManagerId: w.people.crm.agentId! } : {});
    const target = _r === 'contact' ? (which === 'own' ? w.org1 : w.org2) : id;
    return { url: `/api/v1/organizations/${target}`, payload: { version: 1, notes: 'updated' } };
  },
  'GET /api/v1/contacts': fixed('/api/v1/contacts'),
  'POST /api/v1/contacts': async () => ({ url: '/api/v1/contacts', payload: { name: `مشتری ${seq()}`, emails: [`c${seq()}@example.test`] } }),
  'GET /api/v1/contacts/:id': async (w, role, which) => ({
    url: `/api/v1/contacts/${which === 'foreign' ? w.foreignContact.contactId : role === 'contact' ? w.people.contact.contactId : (await makeContact(w.t, { organizationId: w.org1, canSignIn: false })).contactId}`,
  }),
  'PATCH /api/v1/contacts/:id': async (w, role, which) => {
    const fresh = await makeContact(w.t, { organizationId: which === 'own' ? w.org1 : w.org2, canSignIn: false });
    const id = role === 'contact' ? (which === 'own' ? w.people.contact.contactId : w.foreignContact.contactId) : fresh.contactId;
    return { url: `/api/v1/contacts/${id}`, payload: { version: 1, name: 'renamed' } };
  },
  'POST /api/v1/contacts/:id/sign-in': async (w, role, which) => {
    const fresh = await makeContact(w.t, { organizationId: which === 'own' ? w.org1 : w.org2, canSignIn: false });
    const id = role === 'contact' ? (which === 'own' ? w.people.contact.contactId : w.foreignContact.contactId) : fresh.contactId;
    const { userId } = await makeAgent(w.t, { roles: ['analyst'] });
    return { url: `/api/v1/contacts/${id}/sign-in`, payload: { userId, version: 1 } };
  },
  'POST /api/v1/contacts/:id/invitation': async (w, role, which) => {
    const fresh = await makeContact(w.t, { organizationId: which === 'own' ? w.org1 : w.org2, canSignIn: false });
    const id = role === 'contact' ? (which === 'own' ? w.people.contact.contactId : w.foreignContact.contactId) : fresh.contactId;
    return { url: `/api/v1/contacts/${id}/invitation` };
  },
  'POST /api/v1/contacts/:id/deactivate': async (w, role, which) => {
    const fresh = await makeContact(w.t, { organizationId: which === 'own' ? w.org1 : w.org2, canSignIn: false });
    const id = role === 'contact' ? (which === 'own' ? w.people.contact.contactId : w.foreignContact.contactId) : fresh.contactId;
    return { url: `/api/v1/contacts/${id}/deactivate`, payload: { version: 1 } };
  },
  'POST /api/v1/contacts/:id/merge': async (w, role, which) => {
    const fresh = await makeContact(w.t, { organizationId: which === 'own' ? w.org1 : w.org2, canSignIn: false });
    const into = await makeContact(w.t, { organizationId: which === 'own' ? w.org1 : w.org2, canSignIn: false });
    const id = role === 'contact' ? (which === 'own' ? w.people.contact.contactId : w.foreignContact.contactId) : fresh.contactId;
    return { url: `/api/v1/contacts/${id}/merge`, payload: { intoId: into.contactId, version: 1 } };
  },
  'POST /api/v1/organizations/:id/merge': async (w, role, which) => {
    const id = role === 'contact' ? (which === 'own' ? w.org1 : w.org2) : await makeOrganization(w.t, { name: `سازمان ${seq()}` });
    const into = await makeOrganization(w.t, { name: `سازمان ${seq()}` });
    return { url: `/api/v1/organizations/${id}/merge`, payload: { intoId: into, version: 1 } };
  },
  'POST /api/v1/organizations/:id/deactivate': async (w, role, which) => {
    const id = role === 'contact' ? (which === 'own' ? w.org1 : w.org2) : await makeOrganization(w.t, { name: `سازمان ${seq()}` });
    return { url: `/api/v1/organizations/${id}/deactivate`, payload: { version: 1 } };
  },
  'GET /api/v1/agents': fixed('/api/v1/agents'),
  'POST /api/v1/agents': async () => ({ url: '/api/v1/agents', payload: { email: `a${seq()}@example.test`, name: 'new agent', roles: ['analyst'] } }),
  'GET /api/v1/agents/:id': async (w, _r, which) => ({ url: `/api/v1/agents/${which === 'own' ? w.people.analyst.agentId : w.foreignAgent.agentId}` }),
  'PATCH /api/v1/agents/:id': async (w, _r, which) => {
    const agent = await makeAgent(w.t, { roles: ['analyst'], groupIds: [which === 'own' ? w.groupA : w.groupB] });
    return { url: `/api/v1/agents/${agent.agentId}`, payload: { version: 1, name: 'renamed agent' } };
  },
  'POST /api/v1/agents/:id/invitation': async (w, _r, which) => {
    const agent = await makeAgent(w.t, { roles: ['analyst'], groupIds: [which === 'own' ? w.groupA : w.groupB] });
    return { url: `/api/v1/agents/${agent.agentId}/invitation` };
  },
  'GET /api/v1/groups': fixed('/api/v1/groups'),
  'POST /api/v1/groups': async () => ({ url: '/api/v1/groups', payload: { name: `گروه ${seq()}` } }),
  'GET /api/v1/groups/:id': async (w, _r, which) => ({ url: `/api/v1/groups/${which === 'own' ? w.groupA : w.groupB}` }),
  'PATCH /api/v1/groups/:id': async (w) => ({ url: `/api/v1/groups/${await makeGroup(w.t)}`, payload: { version: 1, description: 'updated' } }),
  // duty (a fresh agent for writes, so each call starts at version 1; a group's current version read at call time)
  'GET /api/v1/me/duty': fixed('/api/v1/me/duty'),
  'PUT /api/v1/me/duty': async (w, role) => ({ url: '/api/v1/me/duty', payload: { version: 1, awayUntil: null }, client: (await freshActor(w, role)).client }),
  'GET /api/v1/agents/:id/duty': async (w, _r, which) => ({ url: `/api/v1/agents/${which === 'own' ? w.people.analyst.agentId : w.foreignAgent.agentId}/duty` }),
  'PUT /api/v1/agents/:id/duty': async (w, _r, which) => {
    const agent = await makeAgent(w.t, { roles: ['analyst'], groupIds: [which === 'own' ? w.groupA : w.groupB] });
    return { url: `/api/v1/agents/${agent.agentId}/duty`, payload: { version: 1, awayNote: 'matrix' } };
  },
  'GET /api/v1/groups/:id/assignment': async (w, _r, which) => ({ url: `/api/v1/groups/${which === 'own' ? w.groupA : w.groupB}/assignment` }),
  'PUT /api/v1/groups/:id/assignment': async (w, _r, which) => {
    const groupId = which === 'own' ? w.groupA : w.groupB;
    const row = await w.t.ctx.db.selectFrom('group_assignment').select('version').where('group_id', '=', groupId).executeTakeFirst();
    return { url: `/api/v1/groups/${groupId}/assignment`, payload: { version: row?.version ?? 1, mode: 'off' } };
  },
  // notifications
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
  // preferences and saved views (own: the caller's view; foreign: another user's)
  'GET /api/v1/me/preferences': fixed('/api/v1/me/preferences'),
  'PUT /api/v1/me/preferences': async (w, role) => ({
    url: '/api/v1/me/preferences',
    payload: { theme: seq() % 2 ? 'dark' : 'light', version: role === 'anonymous' ? 0 : await preferencesVersionOf(w, w.people[role].userId) },
  }),
  'GET /api/v1/me/views': fixed('/api/v1/me/views'),
  'POST /api/v1/me/views': async () => ({ url: '/api/v1/me/views', payload: { name: `view ${seq()}`, filter: { field: 'status', op: 'eq', value: 'open' } } }),
  'PATCH /api/v1/me/views/:id': async (w, role, which) => ({ url: `/api/v1/me/views/${await savedViewOf(w, viewOwnerOf(w, role, which))}`, payload: { version: 1, name: `renamed ${seq()}` } }),
  'DELETE /api/v1/me/views/:id': async (w, role, which) => ({ url: `/api/v1/me/views/${await savedViewOf(w, viewOwnerOf(w, role, which))}` }),
  // the web app (a missing asset is 404 whether or not the app is built; pages answer 200 either way)
  'GET /assets/:name': fixed('/assets/no-such-file.js'),
  'GET /': fixed('/'),
  'GET /portal': fixed('/portal'),
  // admin: jobs
  'GET /api/v1/admin/jobs': fixed('/api/v1/admin/jobs?status=dead'),
  'POST /api/v1/admin/jobs/:id/retry': async (w) => ({ url: `/api/v1/admin/jobs/${await makeDeadJob(w.t)}/retry` }),
  'GET /api/docs/static/*': fixed('/api/docs/static/swagger-ui.css'),
  // search
  'GET /api/v1/search': fixed(`/api/v1/search?q=${encodeURIComponent('پرینتر status:new')}`),
  'GET /api/v1/tickets/:id/similar': async (w, _r, which) => ({ url: `/api/v1/tickets/${(await ticketFor(w, which)).id}/similar` }),
  'POST /api/v1/search/rebuild': fixed('/api/v1/search/rebuild', {}),
  'GET /api/v1/search/rebuild': fixed('/api/v1/search/rebuild'),

  // email: mailboxes
  'GET /api/v1/admin/mailboxes': fixed('/api/v1/admin/mailboxes'),
  'POST /api/v1/admin/mailboxes': async () => ({ url: '/api/v1/admin/mailboxes', payload: { address: `matrix-${seq()}@desk.example.test`, kind: 'smtp' } }),
  'GET /api/v1/admin/mailboxes/:id': async (w) => ({ url: `/api/v1/admin/mailboxes/${(await makeMailbox(w.t)).id}` }),
  'PATCH /api/v1/admin/mailboxes/:id': async (w) => ({ url: `/api/v1/admin/mailboxes/${(await makeMailbox(w.t)).id}`, payload: { version: 1, name: 'renamed' } }),

  // calendars (agents read, admins write; a fresh calendar for own and foreign alike)
  'GET /api/v1/admin/calendars': fixed('/api/v1/admin/calendars'),
  'POST /api/v1/admin/calendars': async () => ({ url: '/api/v1/admin/calendars', payload: { name: `matrix ${seq()}` } }),
  'GET /api/v1/admin/calendars/:id': async (w) => ({ url: `/api/v1/admin/calendars/${await makeCalendar(w.t)}` }),
  'PATCH /api/v1/admin/calendars/:id': async (w) => ({ url: `/api/v1/admin/calendars/${await makeCalendar(w.t)}`, payload: { version: 1, name: `renamed ${seq()}` } }),
  'DELETE /api/v1/admin/calendars/:id': async (w) => ({ url: `/api/v1/admin/calendars/${await makeCalendar(w.t)}?version=1` }),
  'GET /api/v1/admin/calendars/:id/month': async (w) => ({ url: `/api/v1/admin/calendars/${await makeCalendar(w.t)}/month?calendar=jalali&year=1405&month=1` }),
  'GET /api/v1/admin/calendars/:id/history': async (w) => ({ url: `/api/v1/admin/calendars/${await makeCalendar(w.t)}/history` }),
  'POST /api/v1/admin/calendars/:id/holidays': async (w) => ({
    url: `/api/v1/admin/calendars/${await makeCalendar(w.t)}/holidays`,
    payload: { version: 1, yearly: { month: 7, day: 1 }, name: { fa: 'سالگرد', en: 'Anniversary' } },
  }),
  'DELETE /api/v1/admin/calendars/:id/holidays/:holidayId': async (w) => {
    const { calendarId, holidayId } = await makeCalendarHoliday(w.t);
    return { url: `/api/v1/admin/calendars/${calendarId}/holidays/${holidayId}?version=2` };
  },
  'POST /api/v1/admin/calendars/:id/closures': async (w) => ({
    url: `/api/v1/admin/calendars/${await makeCalendar(w.t)}/closures`,
    payload: { version: 1, date: { calendar: 'jalali', year: 1405, month: 9, day: 20 }, region: 'تهران' },
  }),
  'GET /api/v1/admin/calendars/hijri-confirmations': fixed('/api/v1/admin/calendars/hijri-confirmations'),
  // A correction of the same month each time (within a day of the table's start).
  'POST /api/v1/admin/calendars/hijri-confirmations': fixed('/api/v1/admin/calendars/hijri-confirmations', { hijriYear: 1448, hijriMonth: 1, startsOn: { calendar: 'jalali', year: 1405, month: 3, day: 28 } }),

  // SLA policies and rules (agents read, admins write)
  'GET /api/v1/admin/sla/policies': fixed('/api/v1/admin/sla/policies'),
  'POST /api/v1/admin/sla/policies': async (w) => ({ url: '/api/v1/admin/sla/policies', payload: { name: `matrix ${seq()}`, calendarId: await makeCalendar(w.t), targets: { '1': { resolution: 60 } } } }),
  'GET /api/v1/admin/sla/policies/:id': async (w) => ({ url: `/api/v1/admin/sla/policies/${await makeSlaPolicy(w.t)}` }),
  'PATCH /api/v1/admin/sla/policies/:id': async (w) => ({ url: `/api/v1/admin/sla/policies/${await makeSlaPolicy(w.t)}`, payload: { version: 1, name: `renamed ${seq()}` } }),
  'GET /api/v1/admin/contracts': fixed('/api/v1/admin/contracts'),
  'POST /api/v1/admin/contracts': async (w) => ({ url: '/api/v1/admin/contracts', payload: { organizationId: w.org1, name: `matrix ${seq()}`, startsOn: '2026-03-21', endsOn: '2027-03-20', policyId: await makeSlaPolicy(w.t) } }),
  'GET /api/v1/admin/contracts/:id': async (w, _r, which) => ({ url: `/api/v1/admin/contracts/${await makeContract(w.t, which === 'own' ? w.org1 : w.org2)}` }),
  'PATCH /api/v1/admin/contracts/:id': async (w, _r, which) => ({ url: `/api/v1/admin/contracts/${await makeContract(w.t, which === 'own' ? w.org1 : w.org2)}`, payload: { version: 1, name: `renamed ${seq()}` } }),
  'DELETE /api/v1/admin/contracts/:id': async (w, _r, which) => ({ url: `/api/v1/admin/contracts/${await makeContract(w.t, which === 'own' ? w.org1 : w.org2)}?version=1` }),
  'GET /api/v1/admin/contracts/:id/penalties': async (w, _r, which) => ({ url: `/api/v1/admin/contracts/${await makeContract(w.t, which === 'own' ? w.org1 : w.org2)}/penalties?period=1405-09` }),
  'GET /api/v1/admin/sla/rules': fixed('/api/v1/admin/sla/rules'),
  'POST /api/v1/admin/sla/rules': async (w) => ({ url: '/api/v1/admin/sla/rules', payload: { position: 5, filter: { field: 'channel', op: 'eq', value: 'phone' }, policyId: await makeSlaPolicy(w.t) } }),
  'PATCH /api/v1/admin/sla/rules/:id': async (w) => ({ url: `/api/v1/admin/sla/rules/${await makeSlaRule(w.t)}`, payload: { version: 1, position: 7 } }),
  'DELETE /api/v1/admin/sla/rules/:id': async (w) => ({ url: `/api/v1/admin/sla/rules/${await makeSlaRule(w.t)}?version=1` }),

  // tickets
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

  // sso: admin configuration; the public ways in name an inactive directory or provider (404 for anyone)
  'GET /api/v1/admin/sso/directories': fixed('/api/v1/admin/sso/directories'),
  'POST /api/v1/admin/sso/directories': async () => ({
    url: '/api/v1/admin/sso/directories',
    payload: { name: `d${seq()}`, url: 'ldap://127.0.0.1:9', bindDn: 'cn=svc', bindPassword: 'x', userBase: 'dc=x', userFilter: '(uid={login})' },
  }),
  'GET /api/v1/admin/sso/directories/:id': async (w) => ({ url: `/api/v1/admin/sso/directories/${(await makeSsoDirectory(w.t)).id}` }),
  'PATCH /api/v1/admin/sso/directories/:id': async (w) => ({ url: `/api/v1/admin/sso/directories/${(await makeSsoDirectory(w.t)).id}`, payload: { version: 1, name: 'renamed' } }),
  'POST /api/v1/admin/sso/directories/:id/sync': async (w) => ({ url: `/api/v1/admin/sso/directories/${(await makeSsoDirectory(w.t)).id}/sync` }),
  'GET /api/v1/admin/sso/directories/:id/sync-runs': async (w) => ({ url: `/api/v1/admin/sso/directories/${(await makeSsoDirectory(w.t)).id}/sync-runs` }),
  'GET /api/v1/admin/sso/oidc-providers': fixed('/api/v1/admin/sso/oidc-providers'),
  'POST /api/v1/admin/sso/oidc-providers': async () => ({ url: '/api/v1/admin/sso/oidc-providers', payload: { name: `p${seq()}`, issuerUrl: 'http://127.0.0.1:9', clientId: 'c', clientSecret: 's' } }),
  'GET /api/v1/admin/sso/oidc-providers/:id': async (w) => ({ url: `/api/v1/admin/sso/oidc-providers/${(await makeOidcProvider(w.t)).id}` }),
  'PATCH /api/v1/admin/sso/oidc-providers/:id': async (w) => ({ url: `/api/v1/admin/sso/oidc-providers/${(await makeOidcProvider(w.t)).id}`, payload: { version: 1, name: 'renamed' } }),
  'GET /api/v1/admin/sso/settings': fixed('/api/v1/admin/sso/settings'),
  'PUT /api/v1/admin/sso/settings': async () => ({ url: '/api/v1/admin/sso/settings', payload: { agentsRequireSso: false } }),
  'GET /api/v1/sso/options': fixed('/api/v1/sso/options'),
  'POST /api/v1/sso/directories/:id/session': async (w) => ({ url: `/api/v1/sso/directories/${(await makeSsoDirectory(w.t)).id}/session`, payload: { login: 'someone', password: 'x' } }),
  'GET /api/v1/sso/oidc/:id/start': async (w) => ({ url: `/api/v1/sso/oidc/${(await makeOidcProvider(w.t)).id}/start` }),
  'GET /api/v1/sso/oidc/:id/callback': async (w) => ({ url: `/api/v1/sso/oidc/${(await makeOidcProvider(w.t)).id}/callback?code=x&state=y` }),
};
