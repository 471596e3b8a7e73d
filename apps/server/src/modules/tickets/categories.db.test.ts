import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/harness.ts';
import { anonymousClient } from '../../../test/factories.ts';
import { expectStatus, makeDesk, type Desk } from './tickets.test-kit.ts';

let t: TestApp;
let d: Desk;
beforeAll(async () => {
  t = await createTestApp();
  d = await makeDesk(t);
});
afterAll(() => t.destroy());

const admin = () => d.adminOnly.client;
const create = async (body: Record<string, unknown>) => expectStatus(await admin().post('/api/v1/categories', body), 201);
const list = async (client: any) => expectStatus(await client.get('/api/v1/categories'), 200).items as any[];
const patch = (client: any, id: number, body: Record<string, unknown>) => client.patch(`/api/v1/categories/${id}`, body);

describe('categories', () => {
  it('runs on the dialect under test', () => {
    expect(t.ctx.dialect.name).toBe(t.dialect);
  });

  it('an admin builds a tree; everyone signed in reads it as a flat list, parents first, siblings by position', async () => {
    const root = await create({ name: 'سخت‌افزار <b>', nameEn: 'Hardware' });
    expect(root).toEqual({
      id: expect.any(Number),
      parentId: null,
      name: 'سخت‌افزار <b>',
      nameEn: 'Hardware',
      position: expect.any(Number),
      active: true,
      createdAt: new Date(t.clock.now()).toISOString(),
      updatedAt: new Date(t.clock.now()).toISOString(),
      version: 1,
    });
    const printer = await create({ name: 'چاپگر', parentId: root.id });
    const laptop = await create({ name: 'لپ‌تاپ', parentId: root.id });
    const first = await create({ name: 'مانیتور', parentId: root.id, position: 0 });
    expect([printer.position, laptop.position]).toEqual([0, 1]);
    const toner = await create({ name: 'تونر', parentId: printer.id });

    for (const client of [d.analystA.client, d.contactShared.client, d.crm.client, admin()]) {
      const ids = (await list(client)).map((c) => c.id);
      const mine = ids.filter((id) => [root.id, printer.id, laptop.id, first.id, toner.id].includes(id));
      // monitor and printer share position 0: the older (lower id) first.
      expect(mine).toEqual([root.id, printer.id, toner.id, first.id, laptop.id]);
    }
    expect((await anonymousClient(t.app).get('/api/v1/categories')).statusCode).toBe(401);
  });

  it('only admins create and change categories', async () => {
    const c = await create({ name: 'Network' });
    for (const m of [d.analystA, d.supervisorA, d.manager, d.crm, d.contactShared]) {
      expect((await m.client.post('/api/v1/categories', { name: 'x' })).statusCode).toBe(403);
      expect((await patch(m.client, c.id, { version: 1, name: 'y' })).statusCode).toBe(403);
    }
    const anon = anonymousClient(t.app);
    expect((await anon.post('/api/v1/categories', { name: 'x' })).statusCode).toBe(401);
    expect((await anon.patch(`/api/v1/categories/${c.id}`, { version: 1, name: 'y' })).statusCode).toBe(401);
    expect((await list(admin())).find((x) => x.id === c.id).name).toBe('Network');
  });

  it('validates input: names, unknown parents, unknown fields', async () => {
    for (const body of [{}, { name: '' }, { name: '   ' }, { name: 'x'.repeat(201) }, { name: 'x', colour: 'red' }, { name: 'x', position: -1 }]) {
      expect((await admin().post('/api/v1/categories', body)).statusCode, JSON.stringify(body)).toBe(400);
    }
    const res = await admin().post('/api/v1/categories', { name: 'orphan', parentId: 99_999_999 });
    expect(res.statusCode).toBe(422);
    expect(res.json()).toMatchObject({ code: 'record.invalid_reference', details: { field: 'parentId' } });
    expect((await patch(admin(), 99_999_999, { version: 1, name: 'x' })).statusCode).toBe(404);
  });

  it('renames, moves and reorders with the version; a stale version is 409', async () => {
    const a = await create({ name: 'A' });
    const b = await create({ name: 'B' });
    const renamed = expectStatus(await patch(admin(), a.id, { version: 1, name: 'A2', nameEn: null, position: 7 }), 200);
    expect(renamed).toMatchObject({ name: 'A2', nameEn: null, position: 7, version: 2 });
    const stale = await patch(admin(), a.id, { version: 1, name: 'A3' });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().code).toBe('record.stale');
    const moved = expectStatus(await patch(admin(), a.id, { version: 2, parentId: b.id }), 200);
    expect(moved).toMatchObject({ parentId: b.id, version: 3, name: 'A2' });
    expect(expectStatus(await patch(admin(), a.id, { version: 3, parentId: null }), 200).parentId).toBeNull();
    expect((await patch(admin(), a.id, { version: 4, parentId: 99_999_999 })).statusCode).toBe(422);
  });

  it('refuses cycles: under itself or under one of its descendants', async () => {
    const top = await create({ name: 'top' });
    const mid = await create({ name: 'mid', parentId: top.id });
    const leaf = await create({ name: 'leaf', parentId: mid.id });
    for (const parentId of [top.id, mid.id, leaf.id]) {
      const res = await patch(admin(), top.id, { version: 1, parentId });
      expect(res.statusCode).toBe(409);
      expect(res.json().code).toBe('category.cycle');
    }
    // Moving a leaf elsewhere in the tree is fine.
    expect(expectStatus(await patch(admin(), leaf.id, { version: 1, parentId: top.id }), 200).parentId).toBe(top.id);
  });

  it('deactivating hides the whole branch from contacts; the desk still sees it; nothing is deleted', async () => {
    const branch = await create({ name: 'Old systems' });
    const child = await create({ name: 'Mainframe', parentId: branch.id });
    expectStatus(await patch(admin(), branch.id, { version: 1, active: false }), 200);

    const forContact = (await list(d.contactShared.client)).map((c) => c.id);
    expect(forContact).not.toContain(branch.id);
    expect(forContact).not.toContain(child.id);
    const forDesk = await list(d.analystA.client);
    expect(forDesk.find((c) => c.id === branch.id).active).toBe(false);
    expect(forDesk.find((c) => c.id === child.id).active).toBe(true);
    // Not visible to a contact: 404 rather than 403.
    expect((await patch(d.contactShared.client, branch.id, { version: 2, active: true })).statusCode).toBe(404);

    expectStatus(await patch(admin(), branch.id, { version: 2, active: true }), 200);
    expect((await list(d.contactShared.client)).map((c) => c.id)).toEqual(expect.arrayContaining([branch.id, child.id]));
    expect(await t.ctx.db.selectFrom('categories').select('id').where('id', 'in', [branch.id, child.id]).execute()).toHaveLength(2);
  });
});
