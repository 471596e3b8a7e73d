import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/harness.ts';
import { anonymousClient, makeAgent, makeApiToken, makeContact, makeGroup, makeTicket, PASSWORD, signIn, type Client } from '../../../test/factories.ts';
import { tokenOfLink } from '../../../test/links.ts';
import { ticketMagicLink } from './index.ts';

let t: TestApp;
let admin: Client;
let adminEmail: string;
beforeAll(async () => {
  t = await createTestApp();
  adminEmail = (await makeAgent(t, { roles: ['admin'] })).email;
  admin = await signIn(t.app, adminEmail);
});
afterAll(() => t.destroy());

/** Each test guesses from its own address, so one test's failures never slow another's sign-ins. */
let address = '127.0.0.1';
const signInAs = (email: string, password: string, headers: Record<string, string> = {}) =>
  t.app.inject({ method: 'POST', url: '/api/v1/session', payload: { email, password }, headers: { 'accept-language': 'en', ...headers }, remoteAddress: address });
const audit = async (query: string) => (await admin.get(`/api/v1/admin/audit?${query}`)).json().items as Array<Record<string, any>>;
const MINUTE = 60_000;

describe('accounts: audit, brute-force defence, sessions, deactivation', () => {
  it('runs on the dialect under test', () => expect(t.ctx.dialect.name).toBe(t.dialect));

  it('audits sign-ins (with IP), failures, sign-outs, password and token changes; admins filter it; nothing writes it', async () => {
    const agent = await makeAgent(t, { roles: ['analyst'] });
    expect((await signInAs(agent.email, 'wrong password here')).statusCode).toBe(401);
    const client = await signIn(t.app, agent.email);
    expect((await client.put('/api/v1/me/password', { currentPassword: PASSWORD, newPassword: 'an entirely new password' })).statusCode).toBe(204);
    const token = (await client.post('/api/v1/me/tokens', { name: 'ci', scopes: ['read'] })).json();
    expect((await client.delete(`/api/v1/tokens/${token.item.id}`)).statusCode).toBe(204);
    expect((await client.delete('/api/v1/session')).statusCode).toBe(204);

    const mine = await audit(`targetType=user&targetId=${agent.userId}`);
    const actions = mine.map((e) => e.action).reverse();
    expect(actions).toEqual(['session.sign_in_failed', 'session.sign_in', 'password.changed', 'session.sign_out']);
    expect(mine.find((e) => e.action === 'session.sign_in')!.ip).toBe('127.0.0.1');
    expect(mine.find((e) => e.action === 'session.sign_in_failed')!.ip).toBe('127.0.0.1');
    const tokens = await audit(`action=token.&actorUserId=${agent.userId}`);
    expect(tokens.map((e) => e.action)).toEqual(['token.revoked', 'token.created']);
    expect(JSON.stringify(tokens)).not.toContain(token.token);
    // Only admins read it, and there is no way to write it through the API.
    expect((await client.get('/api/v1/admin/audit')).statusCode).toBe(401);
    const analyst = await signIn(t.app, (await makeAgent(t, { roles: ['analyst', 'manager'] })).email);
    expect((await analyst.get('/api/v1/admin/audit')).statusCode).toBe(403);
    const writes = t.app.routeCatalog.filter((r) => r.url.includes('/audit') && r.method !== 'GET');
    expect(writes).toEqual([]);
  });

  it('backs off after 3 failures, locks after 10 for 15 minutes with a notice, answers unknown emails alike, unlocks by an admin or by time', async () => {
    address = '10.0.0.2';
    const agent = await makeAgent(t, { roles: ['analyst'] });
    const ip = { 'x-forwarded-for': '203.0.113.7' }; // not trusted here: the socket's address counts
    const unknown = 'nobody-at-all@example.test';
    const tries: Array<[number, number]> = [];
    for (let i = 0; i < 3; i++) tries.push([(await signInAs(agent.email, 'wrong')).statusCode, (await signInAs(unknown, 'wrong')).statusCode]);
    expect(tries).toEqual([[401, 401], [401, 401], [401, 401]]);
    const known = await signInAs(agent.email, PASSWORD, ip);
    const stranger = await signInAs(unknown, PASSWORD, ip);
    expect([known.statusCode, known.json().code, known.headers['retry-after']]).toEqual([429, 'auth.too_many_attempts', '1']);
    expect([stranger.statusCode, stranger.json().code, stranger.headers['retry-after']]).toEqual([429, 'auth.too_many_attempts', '1']);
    // The back-off is waited out: the right password works and forgets the failures.
    t.clock.advance(1000);
    expect((await signInAs(agent.email, PASSWORD)).statusCode).toBe(200);

    for (let i = 0; i < 10; i++) {
      t.clock.advance(5 * MINUTE);
      const res = await signInAs(agent.email, 'wrong again');
      expect(res.statusCode, `failure ${i + 1}`).toBe(401);
    }
    t.clock.advance(5 * MINUTE);
    const locked = await signInAs(agent.email, PASSWORD);
    expect([locked.statusCode, locked.json().code]).toEqual([429, 'auth.account_locked']);
    expect(Number(locked.headers['retry-after'])).toBe(10 * 60);
    const notice = await t.ctx.db.selectFrom('outbox').select('payload').where('event', '=', 'access.account_locked').execute();
    expect(notice.map((n) => JSON.parse(n.payload).userId)).toContain(agent.userId);
    expect((await audit(`action=account.locked&targetId=${agent.userId}`)).length).toBe(1);

    // Never permanent: 15 minutes after the lock it is over.
    t.clock.advance(10 * MINUTE + 1);
    expect((await signInAs(agent.email, PASSWORD)).statusCode).toBe(200);

    // An admin ends a lock at once.
    for (let i = 0; i < 10; i++) {
      t.clock.advance(5 * MINUTE);
      await signInAs(agent.email, 'wrong again');
    }
    admin = await signIn(t.app, adminEmail);
    expect((await signInAs(agent.email, PASSWORD)).statusCode).toBe(429);
    expect((await admin.post(`/api/v1/admin/users/${agent.userId}/unlock`)).statusCode).toBe(204);
    address = '10.0.0.5'; // the unlock ends the account's lock, not the back-off of the address that guessed
    expect((await signInAs(agent.email, PASSWORD)).statusCode).toBe(200);
    expect((await audit(`action=account.unlocked&targetId=${agent.userId}`)).length).toBe(1);
    address = '127.0.0.1';
  });

  it('backs off an address that keeps failing, whichever accounts it tries', async () => {
    address = '10.0.0.3';
    for (let i = 0; i < 20; i++) expect((await signInAs(`guess-${i}@example.test`, 'wrong')).statusCode).toBe(401);
    const agent = await makeAgent(t, { roles: ['analyst'] });
    const slowed = await signInAs(agent.email, PASSWORD);
    expect([slowed.statusCode, slowed.json().code]).toEqual([429, 'auth.too_many_attempts']);
    address = '10.0.0.4';
    expect((await signInAs(agent.email, PASSWORD)).statusCode).toBe(200);
    address = '127.0.0.1';
  });

  it('counts X-Forwarded-For only when PISHKHAN_TRUST_PROXY says so', async () => {
    const trusting = await createTestApp({ config: { trustProxy: true } });
    try {
      const agent = await makeAgent(trusting, { roles: ['analyst'] });
      const res = await trusting.app.inject({ method: 'POST', url: '/api/v1/session', payload: { email: agent.email, password: PASSWORD }, headers: { 'x-forwarded-for': '198.51.100.9' } });
      expect(res.statusCode).toBe(200);
      const entry = await trusting.ctx.db.selectFrom('audit_log').select('ip').where('action', '=', 'session.sign_in').executeTakeFirstOrThrow();
      expect(entry.ip).toBe('198.51.100.9');
    } finally {
      await trusting.destroy();
    }
    const agent = await makeAgent(t, { roles: ['analyst'] });
    expect((await signInAs(agent.email, PASSWORD, { 'x-forwarded-for': '198.51.100.9' })).statusCode).toBe(200);
    expect((await audit(`action=session.sign_in&targetId=${agent.userId}`))[0]!.ip).toBe('127.0.0.1');
  });

  it('sessions: list and revoke your own, an admin revokes anyone’s; idle and absolute timeouts are settings', async () => {
    const agent = await makeAgent(t, { roles: ['analyst'] });
    const laptop = await signIn(t.app, agent.email);
    const phone = await signIn(t.app, agent.email);
    const listed = (await laptop.get('/api/v1/me/sessions')).json().items;
    expect(listed).toHaveLength(2);
    expect(listed.filter((s: { current: boolean }) => s.current)).toHaveLength(1);
    const phoneId = listed.find((s: { current: boolean }) => !s.current).id;
    expect((await laptop.delete(`/api/v1/sessions/${phoneId}`)).statusCode).toBe(204);
    expect((await phone.get('/api/v1/session')).statusCode).toBe(401);
    const other = await signIn(t.app, (await makeAgent(t, { roles: ['analyst'] })).email);
    const laptopId = listed.find((s: { current: boolean }) => s.current).id;
    expect((await other.delete(`/api/v1/sessions/${laptopId}`)).statusCode).toBe(404);
    admin = await signIn(t.app, adminEmail);
    expect((await admin.get(`/api/v1/admin/users/${agent.userId}/sessions`)).json().items).toHaveLength(1);
    expect((await admin.delete(`/api/v1/sessions/${laptopId}`)).statusCode).toBe(204);
    expect((await laptop.get('/api/v1/session')).statusCode).toBe(401);

    // Idle timeout: 30 minutes unused ends it; the absolute limit ends even a busy one.
    const { accessSettings } = await import('./access.settings.ts');
    await accessSettings.set(t.ctx.db, 'access.session_idle_minutes', 30, t.clock.now());
    await accessSettings.set(t.ctx.db, 'access.session_absolute_days', 1, t.clock.now());
    await new Promise((r) => setTimeout(r, 5_100)); // the settings cache's 5 s
    const idle = await signIn(t.app, agent.email);
    t.clock.advance(29 * MINUTE);
    expect((await idle.get('/api/v1/session')).statusCode).toBe(200);
    t.clock.advance(29 * MINUTE);
    expect((await idle.get('/api/v1/session')).statusCode).toBe(200);
    t.clock.advance(31 * MINUTE);
    expect((await idle.get('/api/v1/session')).statusCode).toBe(401);
    const busy = await signIn(t.app, agent.email);
    for (let i = 0; i < 50; i++) {
      t.clock.advance(29 * MINUTE);
      await busy.get('/api/v1/session');
    }
    expect((await busy.get('/api/v1/session')).statusCode).toBe(401);
    await accessSettings.set(t.ctx.db, 'access.session_idle_minutes', 14 * 24 * 60, t.clock.now());
    await accessSettings.set(t.ctx.db, 'access.session_absolute_days', 30, t.clock.now());
  }, 30_000);

  it('deactivating an agent ends its sessions and tokens and refuses sign-in; a contact’s too, with its ticket links', async () => {
    admin = await signIn(t.app, adminEmail);
    const agent = await makeAgent(t, { roles: ['analyst'] });
    const session = await signIn(t.app, agent.email);
    const token = await makeApiToken(t, agent.userId, ['read']);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/session', headers: token.headers })).statusCode).toBe(200);
    const version = (await admin.get(`/api/v1/agents/${agent.agentId}`)).json().version;
    expect((await admin.patch(`/api/v1/agents/${agent.agentId}`, { version, active: false })).statusCode).toBe(200);
    expect((await session.get('/api/v1/session')).statusCode).toBe(401);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/session', headers: token.headers })).statusCode).toBe(401);
    expect((await signInAs(agent.email, PASSWORD)).statusCode).toBe(401);
    expect((await audit(`action=agent.deactivated&targetId=${agent.agentId}`)).length).toBe(1);

    const contact = await makeContact(t);
    const customer = await signIn(t.app, contact.email);
    const ticket = await makeTicket(t, { groupId: null, requesterContactId: contact.contactId! });
    const { link } = await ticketMagicLink(t.ctx, { ticketId: ticket.id, contactId: contact.contactId!, to: contact.email, language: 'en' });
    const cookie = (await anonymousClient(t.app).post('/api/v1/ticket-link/session', { token: tokenOfLink(link) })).cookies[0]!;
    const viaLink = () => t.app.inject({ method: 'GET', url: `/api/v1/tickets/${ticket.id}`, headers: { cookie: `${cookie.name}=${cookie.value}` } });
    expect((await viaLink()).statusCode).toBe(200);
    const refused = await (await signIn(t.app, (await makeAgent(t, { roles: ['analyst'] })).email)).post(`/api/v1/contacts/${contact.contactId}/deactivate`, { version: 1 });
    expect(refused.statusCode).toBe(403);
    const off = await admin.post(`/api/v1/contacts/${contact.contactId}/deactivate`, { version: 1 });
    expect([off.statusCode, off.json().active]).toEqual([200, false]);
    expect((await customer.get('/api/v1/session')).statusCode).toBe(401);
    expect((await signInAs(contact.email, PASSWORD)).statusCode).toBe(401);
    expect((await viaLink()).statusCode).toBe(401);
    expect((await audit(`action=contact.deactivated&targetId=${contact.contactId}`)).length).toBe(1);

    // A deactivated organisation cannot be named on a new ticket.
    const orgId = (await admin.post('/api/v1/organizations', { name: 'سازمان رفته' })).json().id;
    expect((await admin.post(`/api/v1/organizations/${orgId}/deactivate`, { version: 1 })).json().active).toBe(false);
    const desk = await signIn(t.app, (await makeAgent(t, { roles: ['manager'] })).email);
    const named = await desk.post('/api/v1/tickets', { title: 'x', type: 'incident', organizationId: orgId });
    expect([named.statusCode, named.json().code, named.json().details.field]).toEqual([422, 'record.inactive_reference', 'organizationId']);
    expect((await desk.post('/api/v1/tickets', { title: 'x', type: 'incident', organizationId: 987654 })).json().code).toBe('record.invalid_reference');
    // … nor given to a contact, new or moved; the contact already there stays.
    const newContact = await desk.post('/api/v1/contacts', { name: 'مشتری تازه', organizationId: orgId });
    expect([newContact.statusCode, newContact.json().code]).toEqual([422, 'record.inactive_reference']);
    const moved = await desk.post('/api/v1/contacts', { name: 'مشتری دیگر' });
    const move = await desk.patch(`/api/v1/contacts/${moved.json().id}`, { version: 1, organizationId: orgId });
    expect([move.statusCode, move.json().code, move.json().details.field]).toEqual([422, 'record.inactive_reference', 'organizationId']);
    // A deactivated group or agent is not assigned a new ticket, in the same words.
    const groupId = await makeGroup(t);
    const member = await makeAgent(t, { roles: ['analyst'], groupIds: [groupId] });
    expect((await admin.patch(`/api/v1/agents/${member.agentId}`, { version: 1, active: false })).statusCode).toBe(200);
    const toAgent = await desk.post('/api/v1/tickets', { title: 'x', type: 'incident', assigneeGroupId: groupId, assigneeAgentId: member.agentId });
    expect([toAgent.statusCode, toAgent.json().code, toAgent.json().details.field]).toEqual([422, 'record.inactive_reference', 'assigneeAgentId']);
    const groupVersion = (await admin.get(`/api/v1/groups/${groupId}`)).json().version;
    expect((await admin.patch(`/api/v1/groups/${groupId}`, { version: groupVersion, active: false })).statusCode).toBe(200);
    const toGroup = await desk.post('/api/v1/tickets', { title: 'x', type: 'incident', assigneeGroupId: groupId });
    expect([toGroup.statusCode, toGroup.json().code, toGroup.json().details.field]).toEqual([422, 'record.inactive_reference', 'assigneeGroupId']);
    expect(toGroup.json().message).toMatch(/deactivated/);
  });

  it('role and group changes are audited with what they were and became', async () => {
    admin = await signIn(t.app, adminEmail);
    const agent = await makeAgent(t, { roles: ['analyst'] });
    const res = await admin.patch(`/api/v1/agents/${agent.agentId}`, { version: 1, roles: ['analyst', 'supervisor'] });
    expect(res.statusCode).toBe(200);
    const [entry] = await audit(`action=agent.roles_changed&targetId=${agent.agentId}`);
    expect(entry!.details).toEqual({ from: ['analyst'], to: ['analyst', 'supervisor'] });
  });

  it('the audit retention job deletes entries older than audit.keep_days', async () => {
    const before = await t.ctx.db.selectFrom('audit_log').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    expect(Number(before.n)).toBeGreaterThan(0);
    t.clock.advance(731 * 24 * 3600_000);
    const { applyAuditRetention } = await import('../audit/commands/apply-audit-retention.ts');
    const { systemActor } = await import('../../platform/actor.ts');
    const result = await applyAuditRetention(t.ctx, { actor: systemActor('scheduler') });
    expect(result.deleted).toBe(Number(before.n));
    expect((await t.ctx.db.selectFrom('audit_log').select('id').execute()).length).toBe(0);
  });
});
