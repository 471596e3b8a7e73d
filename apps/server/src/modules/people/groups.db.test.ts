import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/harness.ts';
import { makeAgent, makeContact, makeGroup, signIn, type Client } from '../../../test/factories.ts';

let t: TestApp;
let admin: Client;

beforeAll(async () => {
  t = await createTestApp();
  admin = await signIn(t.app, (await makeAgent(t, { roles: ['admin'] })).email);
});
afterAll(() => t.destroy());

const countGroups = async () => Number((await t.ctx.db.selectFrom('groups').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);

describe('groups', () => {
  it('runs on the dialect under test', () => {
    expect(t.ctx.dialect.name).toBe(t.dialect);
  });

  it('lists the default Service Desk group', async () => {
    const items = (await admin.get('/api/v1/groups')).json().items;
    expect(items[0]).toMatchObject({ name: 'میز خدمت', nameEn: 'Service Desk', active: true });
  });

  it('creates a group with members, whose agents then show it', async () => {
    const a = await makeAgent(t, { roles: ['analyst'] });
    const b = await makeAgent(t, { roles: ['supervisor'] });
    const res = await admin.post('/api/v1/groups', { name: 'شبکه', nameEn: 'Network', description: 'LAN <b>&</b> WAN', memberIds: [b.agentId, a.agentId, a.agentId] });
    expect(res.statusCode).toBe(201);
    const g = res.json();
    expect(g).toMatchObject({ name: 'شبکه', nameEn: 'Network', description: 'LAN <b>&</b> WAN', active: true, version: 1, abilities: { update: true } });
    expect([...g.memberIds].sort()).toEqual([a.agentId, b.agentId].sort());
    const agent = (await admin.get(`/api/v1/agents/${a.agentId}`)).json();
    expect(agent).toMatchObject({ groupIds: [g.id], version: 2 });
  });

  it('replaces members and deactivates at the version last read', async () => {
    const a = await makeAgent(t, { roles: ['analyst'] });
    const b = await makeAgent(t, { roles: ['analyst'] });
    const g = (await admin.post('/api/v1/groups', { name: 'Apps', memberIds: [a.agentId] })).json();
    const res = await admin.patch(`/api/v1/groups/${g.id}`, { version: 1, memberIds: [b.agentId], description: null, nameEn: 'Applications' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ memberIds: [b.agentId], nameEn: 'Applications', description: null, version: 2 });
    expect((await admin.get(`/api/v1/agents/${a.agentId}`)).json()).toMatchObject({ groupIds: [], version: 3 });

    const stale = await admin.patch(`/api/v1/groups/${g.id}`, { version: 1, active: false });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().code).toBe('record.stale');
    const off = await admin.patch(`/api/v1/groups/${g.id}`, { version: 2, active: false });
    expect(off.json()).toMatchObject({ active: false, version: 3, memberIds: [b.agentId] });
    expect((await admin.get(`/api/v1/groups/${g.id}`)).statusCode).toBe(200);
  });

  it('refuses unknown members (422) and writes nothing', async () => {
    const before = await countGroups();
    const a = await makeAgent(t, { roles: ['analyst'] });
    const res = await admin.post('/api/v1/groups', { name: 'Ghosts', memberIds: [a.agentId, 999_999] });
    expect(res.statusCode).toBe(422);
    expect(res.json()).toMatchObject({ code: 'record.invalid_reference', details: { field: 'memberIds', ids: [999_999] } });
    expect(await countGroups()).toBe(before);
    const id = await makeGroup(t);
    expect((await admin.patch(`/api/v1/groups/${id}`, { version: 1, name: 'Renamed', memberIds: [999_999] })).statusCode).toBe(422);
    expect((await admin.get(`/api/v1/groups/${id}`)).json()).toMatchObject({ version: 1, memberIds: [] });
    expect((await admin.get(`/api/v1/agents/${a.agentId}`)).json().groupIds).toEqual([]);
  });

  it('lets every agent read groups but only admins write; a contact neither lists nor sees them', async () => {
    const id = await makeGroup(t);
    for (const role of ['analyst', 'crm', 'manager'] as const) {
      const client = await signIn(t.app, (await makeAgent(t, { roles: [role] })).email);
      expect((await client.get('/api/v1/groups')).statusCode, role).toBe(200);
      expect((await client.get(`/api/v1/groups/${id}`)).json().abilities, role).toEqual({ update: false });
      expect((await client.post('/api/v1/groups', { name: 'X' })).statusCode, role).toBe(403);
      expect((await client.patch(`/api/v1/groups/${id}`, { version: 1, name: 'X' })).statusCode, role).toBe(403);
    }
    const contact = await signIn(t.app, (await makeContact(t)).email);
    expect((await contact.get('/api/v1/groups')).statusCode).toBe(403);
    expect((await contact.get(`/api/v1/groups/${id}`)).statusCode).toBe(404);
    expect((await contact.patch(`/api/v1/groups/${id}`, { version: 1, name: 'X' })).statusCode).toBe(404);
    expect((await admin.get(`/api/v1/groups/${id}`)).json()).toMatchObject({ version: 1 });
  });
});
