import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/harness.ts';
import { makeAgent, makeContact, makeOrganization, signIn, type Client } from '../../../test/factories.ts';

let t: TestApp;
let analyst: Client;
let admin: Client;

beforeAll(async () => {
  t = await createTestApp();
  analyst = await signIn(t.app, (await makeAgent(t, { roles: ['analyst'] })).email);
  admin = await signIn(t.app, (await makeAgent(t, { roles: ['admin'] })).email);
});
afterAll(() => t.destroy());

const countOrganizations = async () => Number((await t.ctx.db.selectFrom('organizations').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);

describe('organizations', () => {
  it('runs on the dialect under test', () => {
    expect(t.ctx.dialect.name).toBe(t.dialect);
  });

  it('lets an analyst create, read and edit an organisation at its version', async () => {
    const crm = await makeAgent(t, { roles: ['crm'] });
    const created = await analyst.post('/api/v1/organizations', { name: 'شرکت نمونه', accountManagerId: crm.agentId, membersSeeEachOther: true, notes: 'VIP' });
    expect(created.statusCode).toBe(201);
    const org = created.json();
    expect(org).toMatchObject({ name: 'شرکت نمونه', accountManagerId: crm.agentId, membersSeeEachOther: true, notes: 'VIP', active: true, version: 1 });
    expect(org.abilities).toEqual({ update: true });
    expect(org.createdAt).toBe(new Date(t.clock.now()).toISOString());

    expect((await analyst.get(`/api/v1/organizations/${org.id}`)).json()).toEqual(org);
    const patched = await analyst.patch(`/api/v1/organizations/${org.id}`, { version: 1, name: 'شرکت دیگر', membersSeeEachOther: false });
    expect(patched.statusCode).toBe(200);
    expect(patched.json()).toMatchObject({ name: 'شرکت دیگر', membersSeeEachOther: false, notes: 'VIP', version: 2 });
    expect((await analyst.patch(`/api/v1/organizations/${org.id}`, { version: 2, accountManagerId: null })).json().accountManagerId).toBeNull();
  });

  it('answers a stale version with 409 and writes nothing', async () => {
    const id = (await analyst.post('/api/v1/organizations', { name: 'Stale Co' })).json().id;
    expect((await analyst.patch(`/api/v1/organizations/${id}`, { version: 1, name: 'First' })).statusCode).toBe(200);
    const stale = await analyst.patch(`/api/v1/organizations/${id}`, { version: 1, name: 'Second' });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().code).toBe('record.stale');
    expect((await analyst.get(`/api/v1/organizations/${id}`)).json()).toMatchObject({ name: 'First', version: 2 });
  });

  it('refuses an unknown account manager (422) and one without the crm role, writing nothing', async () => {
    const before = await countOrganizations();
    const unknown = await analyst.post('/api/v1/organizations', { name: 'X', accountManagerId: 999_999 });
    expect(unknown.statusCode).toBe(422);
    expect(unknown.json()).toMatchObject({ code: 'record.invalid_reference', details: { field: 'accountManagerId' } });
    const notCrm = await makeAgent(t, { roles: ['analyst'] });
    const wrongRole = await analyst.post('/api/v1/organizations', { name: 'X', accountManagerId: notCrm.agentId });
    expect(wrongRole.statusCode).toBe(422);
    expect(wrongRole.json()).toMatchObject({ code: 'organization.account_manager_not_crm', details: { field: 'accountManagerId' } });
    expect(await countOrganizations()).toBe(before);

    const id = await makeOrganization(t);
    const patch = await analyst.patch(`/api/v1/organizations/${id}`, { version: 1, name: 'Y', accountManagerId: 999_999 });
    expect(patch.statusCode).toBe(422);
    expect((await analyst.get(`/api/v1/organizations/${id}`)).json().version).toBe(1);
  });

  it('stores HTML and script text as written and returns it as the same text', async () => {
    const name = '<script>alert("x")</script><b>Org</b> & co';
    const res = await analyst.post('/api/v1/organizations', { name, notes: '<img src=x onerror=alert(1)>' });
    expect(res.json().name).toBe(name);
    expect((await analyst.get(`/api/v1/organizations/${res.json().id}`)).json().notes).toBe('<img src=x onerror=alert(1)>');
    expect(res.headers['content-type']).toMatch(/application\/json/);
  });

  it('pages through every organisation in id order with a cursor', async () => {
    for (let i = 0; i < 3; i++) await makeOrganization(t);
    const seen: number[] = [];
    let cursor: string | null = null;
    do {
      const res = await admin.get(`/api/v1/organizations?limit=2${cursor ? `&cursor=${cursor}` : ''}`);
      expect(res.statusCode).toBe(200);
      expect(res.json().items.length).toBeLessThanOrEqual(2);
      seen.push(...res.json().items.map((o: { id: number }) => o.id));
      cursor = res.json().nextCursor;
    } while (cursor);
    expect(seen).toEqual([...seen].sort((a, b) => a - b));
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen.length).toBe(await countOrganizations());
    expect((await admin.get('/api/v1/organizations?cursor=not-a-cursor')).statusCode).toBe(400);
    expect((await admin.get('/api/v1/organizations?limit=0')).statusCode).toBe(400);
  });

  it('lets a crm agent read all and edit only the organisations they manage, never create', async () => {
    const crmPerson = await makeAgent(t, { roles: ['crm'] });
    const crm = await signIn(t.app, crmPerson.email);
    const mine = await makeOrganization(t, { accountManagerId: crmPerson.agentId! });
    const other = await makeOrganization(t);
    expect((await crm.get('/api/v1/organizations')).statusCode).toBe(200);
    expect((await crm.get(`/api/v1/organizations/${mine}`)).json().abilities).toEqual({ update: true });
    expect((await crm.get(`/api/v1/organizations/${other}`)).json().abilities).toEqual({ update: false });
    expect((await crm.patch(`/api/v1/organizations/${mine}`, { version: 1, notes: 'called' })).statusCode).toBe(200);
    const denied = await crm.patch(`/api/v1/organizations/${other}`, { version: 1, notes: 'x' });
    expect(denied.statusCode).toBe(403);
    expect(denied.json().code).toBe('access.forbidden');
    expect((await crm.post('/api/v1/organizations', { name: 'Nope' })).statusCode).toBe(403);
    // Handing the organisation to someone else would take it out of their hands.
    const otherCrm = await makeAgent(t, { roles: ['crm'] });
    expect((await crm.patch(`/api/v1/organizations/${mine}`, { version: 2, accountManagerId: otherCrm.agentId })).statusCode).toBe(403);
    expect((await crm.get(`/api/v1/organizations/${mine}`)).json()).toMatchObject({ accountManagerId: crmPerson.agentId, version: 2 });
  });

  it('shows a contact only their own organisation, without internal notes, and no list', async () => {
    const own = await makeOrganization(t);
    await analyst.patch(`/api/v1/organizations/${own}`, { version: 1, notes: 'internal' });
    const other = await makeOrganization(t);
    const contact = await signIn(t.app, (await makeContact(t, { organizationId: own })).email);
    const res = await contact.get(`/api/v1/organizations/${own}`);
    expect(res.statusCode).toBe(200);
    expect(res.json()).not.toHaveProperty('notes');
    expect(res.json().abilities).toEqual({ update: false });
    const hidden = await contact.get(`/api/v1/organizations/${other}`);
    expect(hidden.statusCode).toBe(404);
    expect(hidden.json().code).toBe('record.not_found');
    expect((await contact.get('/api/v1/organizations')).statusCode).toBe(403);
    expect((await contact.post('/api/v1/organizations', { name: 'Mine' })).statusCode).toBe(403);
    expect((await contact.patch(`/api/v1/organizations/${own}`, { version: 2, name: 'Mine' })).statusCode).toBe(403);
    expect((await contact.patch(`/api/v1/organizations/${other}`, { version: 1, name: 'Mine' })).statusCode).toBe(404);
  });

  it('answers 404 for an unknown organisation and 400 for invalid input', async () => {
    expect((await analyst.get('/api/v1/organizations/999999')).statusCode).toBe(404);
    expect((await analyst.post('/api/v1/organizations', { name: '   ' })).statusCode).toBe(400);
    expect((await analyst.post('/api/v1/organizations', { name: 'A', extra: 1 })).statusCode).toBe(400);
    expect((await analyst.post('/api/v1/organizations', { name: 'x'.repeat(201) })).statusCode).toBe(400);
    expect((await analyst.patch('/api/v1/organizations/1', { name: 'no version' })).statusCode).toBe(400);
  });
});
