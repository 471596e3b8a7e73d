import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/harness.ts';
import { makeAgent, makeContact, makeGroup, makeOrganization, signIn } from '../../../test/factories.ts';
import { agentsOfGroupWithRole, findAgent, findContact, findGroup, findOrganization, managerUserIds } from './index.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.destroy());

/** The lookups other modules (tickets, notifications) use through index.ts. */
describe('people lookups', () => {
  it('runs on the dialect under test', () => {
    expect(t.ctx.dialect.name).toBe(t.dialect);
  });

  it('finds records by id, or undefined', async () => {
    const org = await makeOrganization(t, { name: 'Acme' });
    const contact = await makeContact(t, { organizationId: org });
    const group = await makeGroup(t, 'Ops');
    const agent = await makeAgent(t, { roles: ['analyst'], groupIds: [group] });
    expect(await findOrganization(t.ctx.db, org)).toMatchObject({ id: org, name: 'Acme' });
    expect(await findContact(t.ctx.db, contact.contactId!)).toMatchObject({ id: contact.contactId, organization_id: org });
    expect(await findGroup(t.ctx.db, group)).toMatchObject({ id: group, name: 'Ops' });
    expect(await findAgent(t.ctx.db, agent.agentId!)).toMatchObject({ id: agent.agentId, user_id: agent.userId, active: 1 });
    for (const find of [findOrganization, findContact, findGroup, findAgent]) expect(await find(t.ctx.db, 999_999)).toBeUndefined();
  });

  it('names the active supervisors of a group and every active manager', async () => {
    const group = await makeGroup(t);
    const sup = await makeAgent(t, { roles: ['supervisor', 'analyst'], groupIds: [group] });
    await makeAgent(t, { roles: ['analyst'], groupIds: [group] });
    await makeAgent(t, { roles: ['supervisor'] });
    const inactive = await makeAgent(t, { roles: ['supervisor'], groupIds: [group] });
    const manager = await makeAgent(t, { roles: ['manager'] });
    const admin = await signIn(t.app, (await makeAgent(t, { roles: ['admin'] })).email);
    expect((await admin.patch(`/api/v1/agents/${inactive.agentId}`, { version: 1, active: false })).statusCode).toBe(200);

    expect(await agentsOfGroupWithRole(t.ctx.db, group, 'supervisor')).toEqual([{ agentId: sup.agentId, userId: sup.userId }]);
    expect(await managerUserIds(t.ctx.db)).toEqual([manager.userId]);
  });
});
