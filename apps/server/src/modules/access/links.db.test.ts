import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/harness.ts';
import { anonymousClient, makeAgent, makeContact, makeTicket, signIn, PASSWORD, type Client } from '../../../test/factories.ts';
import { lastIssuedLink, linksIssuedTo, tokenOfLink } from '../../../test/links.ts';
import { ticketMagicLink } from './index.ts';

let t: TestApp;
let admin: Client;
beforeAll(async () => {
  t = await createTestApp();
  admin = await signIn(t.app, (await makeAgent(t, { roles: ['admin'] })).email);
});
afterAll(() => t.destroy());

const anon = () => anonymousClient(t.app);
const NEW_PASSWORD = 'a new and long password';

describe('invitations, password reset and ticket links', () => {
  it('runs on the dialect under test', () => expect(t.ctx.dialect.name).toBe(t.dialect));

  it('an admin invites an agent: a one-hour, single-use link, also announced to the channels, that sets the password', async () => {
    const agent = await makeAgent(t, { roles: ['analyst'] });
    const res = await admin.post(`/api/v1/agents/${agent.agentId}/invitation`);
    expect(res.statusCode).toBe(201);
    const { link, expiresAt } = res.json();
    expect(link).toMatch(/^http:\/\/localhost:8080\/invitation#token=[A-Za-z0-9_-]{43}$/);
    expect(expiresAt).toBe(t.clock.now() + 60 * 60_000);
    const announced = await lastIssuedLink(t, agent.email);
    expect(announced).toMatchObject({ purpose: 'invitation', userId: agent.userId, link });
    // The outbox keeps the link sealed, never in clear.
    const raw = await t.ctx.db.selectFrom('outbox').select('payload').where('event', '=', 'access.link_issued').execute();
    expect(raw.some((r) => r.payload.includes(tokenOfLink(link)))).toBe(false);

    const token = tokenOfLink(link);
    const common = await anon().post('/api/v1/invitations/accept', { token, password: 'password1234' });
    expect([common.statusCode, common.json().details.reason]).toEqual([422, 'common']);
    const current = await anon().post('/api/v1/invitations/accept', { token, password: PASSWORD });
    expect([current.statusCode, current.json().details.reason]).toEqual([422, 'unchanged']);
    expect((await anon().post('/api/v1/invitations/accept', { token, password: NEW_PASSWORD })).statusCode).toBe(204);
    await signIn(t.app, agent.email, NEW_PASSWORD);
    const again = await anon().post('/api/v1/invitations/accept', { token, password: 'yet another long password' });
    expect([again.statusCode, again.json().code]).toEqual([400, 'auth.link_invalid']);
  });

  it('an invitation expires after 60 minutes (injected clock)', async () => {
    const agent = await makeAgent(t, { roles: ['analyst'] });
    const { link } = (await admin.post(`/api/v1/agents/${agent.agentId}/invitation`)).json();
    t.clock.advance(60 * 60_000 + 1);
    const late = await anon().post('/api/v1/invitations/accept', { token: tokenOfLink(link), password: NEW_PASSWORD });
    expect([late.statusCode, late.json().code]).toEqual([400, 'auth.link_invalid']);
  });

  it('only an admin invites an agent', async () => {
    const analyst = await signIn(t.app, (await makeAgent(t, { roles: ['analyst', 'manager'] })).email);
    const agent = await makeAgent(t, { roles: ['analyst'] });
    expect((await analyst.post(`/api/v1/agents/${agent.agentId}/invitation`)).statusCode).toBe(403);
  });

  it('password reset: the same answer for known and unknown emails; the link works once and ends every session', async () => {
    const agent = await makeAgent(t, { roles: ['analyst'] });
    const session = await signIn(t.app, agent.email);
    const known = await anon().post('/api/v1/password-reset', { email: agent.email.toUpperCase() });
    const unknown = await anon().post('/api/v1/password-reset', { email: 'nobody-here@example.test' });
    expect([known.statusCode, known.body]).toEqual([unknown.statusCode, unknown.body]);
    expect(known.statusCode).toBe(202);
    expect(await linksIssuedTo(t, 'nobody-here@example.test')).toBe(0);
    const { token, purpose } = await lastIssuedLink(t, agent.email);
    expect(purpose).toBe('password_reset');
    // A reset token is no invitation.
    expect((await anon().post('/api/v1/invitations/accept', { token, password: NEW_PASSWORD })).statusCode).toBe(400);
    expect((await anon().post('/api/v1/password-reset/complete', { token, password: NEW_PASSWORD })).statusCode).toBe(204);
    expect((await session.get('/api/v1/session')).statusCode).toBe(401);
    expect((await anon().post('/api/v1/session', { email: agent.email, password: PASSWORD })).statusCode).toBe(401);
    await signIn(t.app, agent.email, NEW_PASSWORD);
    expect((await anon().post('/api/v1/password-reset/complete', { token, password: 'yet another long password' })).statusCode).toBe(400);
  });

  it('a contact is invited to the portal: the analyst does not see the link, the admin does; accepting gives the contact a sign-in', async () => {
    const analyst = await signIn(t.app, (await makeAgent(t, { roles: ['analyst'] })).email);
    const contact = await makeContact(t, { canSignIn: false });
    const byAnalyst = await analyst.post(`/api/v1/contacts/${contact.contactId}/invitation`);
    expect(byAnalyst.statusCode).toBe(201);
    expect(byAnalyst.json().link).toBeUndefined();
    const { token } = await lastIssuedLink(t, contact.email);
    expect((await anon().post('/api/v1/invitations/accept', { token, password: NEW_PASSWORD })).statusCode).toBe(204);
    const customer = await signIn(t.app, contact.email, NEW_PASSWORD);
    const me = (await customer.get('/api/v1/session')).json().me;
    expect(me.contact.id).toBe(contact.contactId);
    expect(me.agent).toBeNull();
    const history = await t.ctx.db.selectFrom('contact_history').select(['field']).where('contact_id', '=', contact.contactId!).execute();
    expect(history.map((h) => h.field)).toContain('user_id');

    const other = await makeContact(t, { canSignIn: false });
    const byAdmin = await admin.post(`/api/v1/contacts/${other.contactId}/invitation`);
    expect(byAdmin.json().link).toMatch(/#token=/);
  });

  it('a ticket link shows and answers its one ticket as the contact, nothing else, until it expires', async () => {
    const contact = await makeContact(t, { canSignIn: false });
    const ticket = await makeTicket(t, { groupId: null, requesterContactId: contact.contactId! });
    const otherTicket = await makeTicket(t, { groupId: null, requesterContactId: contact.contactId! });
    const { link } = await ticketMagicLink(t.ctx, { ticketId: ticket.id, contactId: contact.contactId!, to: contact.email, language: 'en' });
    expect(link).toContain('/portal/ticket-link#token=');
    expect((await lastIssuedLink(t, contact.email)).purpose).toBe('ticket_link');

    const opened = await anon().post('/api/v1/ticket-link/session', { token: tokenOfLink(link) });
    expect(opened.statusCode).toBe(200);
    expect(opened.json().ticketId).toBe(ticket.id);
    const cookie = opened.cookies.find((c) => c.name === 'pishkhan_ticket_link')!;
    expect(cookie.httpOnly).toBe(true);
    const headers = { cookie: `pishkhan_ticket_link=${cookie.value}`, 'accept-language': 'en' };
    const get = (url: string) => t.app.inject({ method: 'GET', url, headers });

    const seen = await get(`/api/v1/tickets/${ticket.id}`);
    expect(seen.statusCode).toBe(200);
    expect(seen.json().abilities.update).toBe(false);
    expect((await get(`/api/v1/tickets/${ticket.id}/articles`)).statusCode).toBe(200);
    // Not the contact's other ticket, not a list, not anything else.
    expect((await get(`/api/v1/tickets/${otherTicket.id}`)).statusCode).toBe(401);
    expect((await get('/api/v1/tickets')).statusCode).toBe(401);
    expect((await get(`/api/v1/contacts/${contact.contactId}`)).statusCode).toBe(401);
    expect((await get(`/api/v1/tickets/${ticket.id}/history`)).statusCode).toBe(401);

    const reply = (extra: Record<string, string>) =>
      t.app.inject({ method: 'POST', url: `/api/v1/tickets/${ticket.id}/replies`, headers: { ...headers, ...extra }, payload: { body: 'پاسخ من از پیوند' } });
    expect((await reply({})).statusCode).toBe(403);
    const answered = await reply({ 'x-csrf-token': opened.json().csrfToken });
    expect(answered.statusCode).toBe(201);
    const article = await t.ctx.db.selectFrom('articles').select(['author_kind', 'author_contact_id', 'channel', 'internal']).where('ticket_id', '=', ticket.id).executeTakeFirstOrThrow();
    expect(article).toEqual({ author_kind: 'contact', author_contact_id: contact.contactId, channel: 'portal', internal: 0 });

    t.clock.advance(31 * 24 * 3600_000);
    expect((await get(`/api/v1/tickets/${ticket.id}`)).statusCode).toBe(401);
    expect((await anon().post('/api/v1/ticket-link/session', { token: tokenOfLink(link) })).statusCode).toBe(400);
  });
});
