import { randomInt } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/harness.ts';
import { anonymousClient, makeAgent, makeContact, makeGroup, PASSWORD, signIn, type Client } from '../../../test/factories.ts';

let t: TestApp;
let admin: Client;

beforeAll(async () => {
  t = await createTestApp();
  admin = await signIn(t.app, (await makeAgent(t, { roles: ['admin'] })).email);
});
afterAll(() => t.destroy());

const freshEmail = () => `agent-${randomInt(1e9)}@example.test`;
const countAgents = async () => Number((await t.ctx.db.selectFrom('agents').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
const countUsers = async () => Number((await t.ctx.db.selectFrom('users').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);

describe('agents', () => {
  it('runs on the dialect under test', () => {
    expect(t.ctx.dialect.name).toBe(t.dialect);
  });

  it('creates an agent with a one-time password, returned once, that must be changed first', async () => {
    const group = await makeGroup(t);
    const email = freshEmail();
    const res = await admin.post('/api/v1/agents', { email, name: 'Sara', roles: ['analyst', 'supervisor', 'analyst'], groupIds: [group] });
    expect(res.statusCode).toBe(201);
    const created = res.json();
    expect(created).toMatchObject({ email, name: 'Sara', roles: ['analyst', 'supervisor'], groupIds: [group], active: true, version: 1, linkedToExistingUser: false });
    expect(created.initialPassword).toEqual(expect.any(String));
    expect(created.initialPassword.length).toBeGreaterThanOrEqual(12);
    expect(res.headers['cache-control']).toBe('no-store');

    const again = (await admin.get(`/api/v1/agents/${created.id}`)).json();
    expect(again).not.toHaveProperty('initialPassword');
    const listed = (await admin.get('/api/v1/agents?limit=200')).json().items.find((a: { id: number }) => a.id === created.id);
    expect(listed).not.toHaveProperty('initialPassword');

    const client = await signIn(t.app, email, created.initialPassword);
    expect((await client.get('/api/v1/session')).json().me.mustChangePassword).toBe(true);
    const blocked = await client.get('/api/v1/agents');
    expect(blocked.statusCode).toBe(403);
    expect(blocked.json().code).toBe('auth.password_change_required');
    expect((await client.put('/api/v1/me/password', { currentPassword: created.initialPassword, newPassword: 'a-brand-new-password' })).statusCode).toBe(204);
    expect((await client.get('/api/v1/agents')).statusCode).toBe(200);
  });

  it('creates an agent with the given password and no one-time password', async () => {
    const email = freshEmail();
    const res = await admin.post('/api/v1/agents', { email, name: 'Ali', roles: ['manager'], password: 'twelve-chars' });
    expect(res.statusCode).toBe(201);
    expect(res.json()).not.toHaveProperty('initialPassword');
    const client = await signIn(t.app, email, 'twelve-chars');
    expect((await client.get('/api/v1/session')).json().me).toMatchObject({ mustChangePassword: false, agent: { roles: ['manager'] } });
  });

  it('refuses bad input, unknown groups and a taken email, writing nothing', async () => {
    const [agents, users] = [await countAgents(), await countUsers()];
    const short = await admin.post('/api/v1/agents', { email: freshEmail(), name: 'A', roles: ['analyst'], password: 'eleven-char' });
    expect(short.statusCode).toBe(400);
    expect((await admin.post('/api/v1/agents', { email: freshEmail(), name: 'A', roles: ['boss'] })).statusCode).toBe(400);
    expect((await admin.post('/api/v1/agents', { email: freshEmail(), name: 'A', roles: [] })).statusCode).toBe(400);
    const unknown = await admin.post('/api/v1/agents', { email: freshEmail(), name: 'A', roles: ['analyst'], groupIds: [999_999] });
    expect(unknown.statusCode).toBe(422);
    expect(unknown.json()).toMatchObject({ code: 'record.invalid_reference', details: { field: 'groupIds' } });
    const existing = await makeAgent(t, { roles: ['analyst'] });
    const taken = await admin.post('/api/v1/agents', { email: existing.email.toUpperCase(), name: 'A', roles: ['analyst'] });
    expect(taken.statusCode).toBe(409);
    expect(taken.json()).toMatchObject({ code: 'record.conflict', details: { field: 'email' } });
    expect([await countAgents(), await countUsers()]).toEqual([agents + 1, users + 1]);
  });

  it('edits name, roles, groups and deactivates at the version last read', async () => {
    const [g1, g2] = [await makeGroup(t), await makeGroup(t)];
    const person = await makeAgent(t, { roles: ['analyst'], groupIds: [g1] });
    const res = await admin.patch(`/api/v1/agents/${person.agentId}`, { version: 1, name: 'Renamed', roles: ['supervisor', 'crm'], groupIds: [g2] });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ name: 'Renamed', roles: ['crm', 'supervisor'], groupIds: [g2], version: 2 });
    expect((await admin.get(`/api/v1/groups/${g1}`)).json()).toMatchObject({ memberIds: [], version: 2 });
    expect((await admin.get(`/api/v1/groups/${g2}`)).json()).toMatchObject({ memberIds: [person.agentId], version: 2 });

    const stale = await admin.patch(`/api/v1/agents/${person.agentId}`, { version: 1, active: false });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().code).toBe('record.stale');
    const unknown = await admin.patch(`/api/v1/agents/${person.agentId}`, { version: 2, name: 'X', groupIds: [999_999] });
    expect(unknown.statusCode).toBe(422);
    expect((await admin.get(`/api/v1/agents/${person.agentId}`)).json()).toMatchObject({ name: 'Renamed', active: true, version: 2 });

    const client = await signIn(t.app, person.email);
    expect((await client.get('/api/v1/session')).json().me.agent).not.toBeNull();
    const off = await admin.patch(`/api/v1/agents/${person.agentId}`, { version: 2, active: false });
    expect(off.json()).toMatchObject({ active: false, version: 3 });
    // Deactivating ends the sign-in's sessions at once, and it can no longer sign in (no active side).
    expect((await client.get('/api/v1/session')).statusCode).toBe(401);
    expect((await client.get('/api/v1/agents')).statusCode).toBe(401);
    expect((await t.app.inject({ method: 'POST', url: '/api/v1/session', payload: { email: person.email, password: PASSWORD } })).statusCode).toBe(401);
    expect((await admin.get(`/api/v1/agents/${person.agentId}`)).statusCode).toBe(200);
  });

  it('lets every agent read agents but only admins write; a contact neither lists nor sees them', async () => {
    const reader = await signIn(t.app, (await makeAgent(t, { roles: ['analyst'] })).email);
    const target = await makeAgent(t, { roles: ['analyst'] });
    expect((await reader.get('/api/v1/agents')).statusCode).toBe(200);
    const one = await reader.get(`/api/v1/agents/${target.agentId}`);
    expect(one.json()).toMatchObject({ id: target.agentId, email: target.email, abilities: { update: false } });
    expect((await admin.get(`/api/v1/agents/${target.agentId}`)).json().abilities).toEqual({ update: true });
    expect((await reader.post('/api/v1/agents', { email: freshEmail(), name: 'A', roles: ['admin'] })).statusCode).toBe(403);
    expect((await reader.patch(`/api/v1/agents/${target.agentId}`, { version: 1, roles: ['admin'] })).statusCode).toBe(403);
    const manager = await signIn(t.app, (await makeAgent(t, { roles: ['manager'] })).email);
    expect((await manager.patch(`/api/v1/agents/${target.agentId}`, { version: 1, roles: ['admin'] })).statusCode).toBe(403);

    const contact = await signIn(t.app, (await makeContact(t)).email);
    expect((await contact.get('/api/v1/agents')).statusCode).toBe(403);
    expect((await contact.get(`/api/v1/agents/${target.agentId}`)).statusCode).toBe(404);
    expect((await anonymousClient(t.app).get('/api/v1/agents')).statusCode).toBe(401);
  });

  it('makes one person both agent and contact under one sign-in, whichever comes first', async () => {
    const analyst = await signIn(t.app, (await makeAgent(t, { roles: ['analyst'] })).email);
    // Contact first (no sign-in yet), then the agent: the contact gets the agent's sign-in.
    const email1 = freshEmail();
    const contact1 = (await analyst.post('/api/v1/contacts', { name: 'Staff', emails: [email1] })).json();
    expect(contact1.userId).toBeNull();
    const agent1 = (await admin.post('/api/v1/agents', { email: email1, name: 'Staff', roles: ['analyst'], password: 'long-enough-pass' })).json();
    const me1 = (await (await signIn(t.app, email1, 'long-enough-pass')).get('/api/v1/session')).json().me;
    expect(me1.agent).toMatchObject({ id: agent1.id });
    expect(me1.contact).toMatchObject({ id: contact1.id });
    expect((await analyst.get(`/api/v1/contacts/${contact1.id}`)).json().userId).toBe(agent1.userId);

    // A contact who already signs in becomes an agent: same user, password unchanged.
    const existing = await makeContact(t);
    const linked = await admin.post('/api/v1/agents', { email: existing.email, name: 'Promoted', roles: ['analyst'] });
    expect(linked.statusCode).toBe(201);
    expect(linked.json()).toMatchObject({ userId: existing.userId, linkedToExistingUser: true });
    expect(linked.json()).not.toHaveProperty('initialPassword');
    const me2 = (await (await signIn(t.app, existing.email, PASSWORD)).get('/api/v1/session')).json().me;
    expect(me2).toMatchObject({ mustChangePassword: false, agent: { id: linked.json().id }, contact: { id: existing.contactId } });

    // Agent first, then a contact with the same email: no sign-in until an admin links them (issue #5:
    // an email address alone never makes a sign-in someone's contact).
    const agent3 = await makeAgent(t, { roles: ['analyst'] });
    const contact3 = await analyst.post('/api/v1/contacts', { name: 'Internal customer', emails: [agent3.email.toUpperCase()] });
    expect(contact3.json().userId).toBeNull();
    expect((await (await signIn(t.app, agent3.email)).get('/api/v1/session')).json().me.contact).toBeNull();
    const linked3 = await admin.post(`/api/v1/contacts/${contact3.json().id}/sign-in`, { userId: agent3.userId, version: contact3.json().version });
    expect(linked3.statusCode).toBe(200);
    expect(linked3.json()).toMatchObject({ userId: agent3.userId, version: contact3.json().version + 1 });
    const me3 = (await (await signIn(t.app, agent3.email)).get('/api/v1/session')).json().me;
    expect(me3).toMatchObject({ agent: { id: agent3.agentId }, contact: { id: contact3.json().id } });
  });
});

describe('the last admin', () => {
  let t2: TestApp;
  beforeAll(async () => {
    t2 = await createTestApp();
  });
  afterAll(() => t2.destroy());

  it('cannot be deactivated or lose the admin role', async () => {
    const admin2 = await signIn(t2.app, 'admin@example.test', 'admin-password-123');
    const me = (await admin2.get('/api/v1/session')).json().me;
    const self = (await admin2.get(`/api/v1/agents/${me.agent.id}`)).json();
    const off = await admin2.patch(`/api/v1/agents/${self.id}`, { version: self.version, active: false });
    expect(off.statusCode).toBe(409);
    expect(off.json().code).toBe('agent.last_admin');
    expect((await admin2.patch(`/api/v1/agents/${self.id}`, { version: self.version, roles: ['manager'] })).statusCode).toBe(409);
    expect((await admin2.get(`/api/v1/agents/${self.id}`)).json()).toMatchObject({ active: true, roles: ['admin', 'analyst', 'manager'], version: self.version });

    const other = await admin2.post('/api/v1/agents', { email: 'second-admin@example.test', name: 'Second', roles: ['admin'], password: 'second-admin-pass' });
    expect(other.statusCode).toBe(201);
    const demoted = await admin2.patch(`/api/v1/agents/${self.id}`, { version: self.version, roles: ['manager', 'analyst'] });
    expect(demoted.statusCode).toBe(200);
    expect(demoted.json().roles).toEqual(['analyst', 'manager']);
  });

  it('two admins demoting each other at once: one wins, one is refused, an admin remains', async () => {
    const [a, b] = [await makeAgent(t2, { roles: ['admin'] }), await makeAgent(t2, { roles: ['admin'] })];
    // Leave a and b as the only admins.
    await t2.ctx.db.deleteFrom('agent_roles').where('role', '=', 'admin').where('agent_id', 'not in', [a.agentId!, b.agentId!]).execute();
    const [ca, cb] = [await signIn(t2.app, a.email), await signIn(t2.app, b.email)];
    const results = await Promise.all([
      ca.patch(`/api/v1/agents/${b.agentId}`, { version: 1, roles: ['manager'] }),
      cb.patch(`/api/v1/agents/${a.agentId}`, { version: 1, roles: ['manager'] }),
    ]);
    expect(results.map((r) => r.statusCode).sort()).toEqual([200, 409]);
    const admins = await t2.ctx.db.selectFrom('agent_roles').innerJoin('agents', 'agents.id', 'agent_roles.agent_id').select('agents.id').where('agent_roles.role', '=', 'admin').where('agents.active', '=', 1).execute();
    expect(admins).toHaveLength(1);
  });
});
