import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/harness.ts';
import { makeAgent, makeContact, makeGroup, makeOrganization, signIn } from '../../../test/factories.ts';
import {
  actorSidesOfUser,
  agentNames,
  agentsOfGroupWithRole,
  agentWithRoleExists,
  contactNames,
  defaultGroupId,
  findAgent,
  findContact,
  findGroup,
  findOrganization,
  isGroupMember,
  managerUserIds,
  namesOfUsers,
  organizationAccessFacts,
  organizationNames,
  organizationsManagedBy,
  userIdsOfActiveAgents,
} from './index.ts';

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
    // The first admin is a manager too (a one-person desk works at once).
    const firstAdmin = await t.ctx.db.selectFrom('users').select('id').where('email', '=', 'admin@example.test').executeTakeFirstOrThrow();
    expect(await managerUserIds(t.ctx.db)).toEqual([firstAdmin.id, manager.userId]);
  });

  it('names a page of agents, contacts, organisations and sign-ins, ignoring unknown ids', async () => {
    const org = await makeOrganization(t, { name: 'Names Org' });
    const contact = await makeContact(t, { organizationId: org, name: 'Sara' });
    const agent = await makeAgent(t, { roles: ['analyst'], name: 'Reza' });
    expect(await agentNames(t.ctx.db, [agent.agentId!, agent.agentId!, 999_999])).toEqual(new Map([[agent.agentId!, 'Reza']]));
    expect(await contactNames(t.ctx.db, [contact.contactId!, 999_999])).toEqual(new Map([[contact.contactId!, 'Sara']]));
    expect(await organizationNames(t.ctx.db, [org])).toEqual(new Map([[org, 'Names Org']]));
    expect(await agentNames(t.ctx.db, [])).toEqual(new Map());
    expect(await namesOfUsers(t.ctx.db, [agent.userId, contact.userId, 999_999])).toEqual(
      new Map([
        [agent.userId, { agentName: 'Reza', contactName: null }],
        [contact.userId, { agentName: null, contactName: 'Sara' }],
      ]),
    );
  });

  it("gives the actor's sides of a sign-in: active agent with roles and groups, contact with its organisation's sharing", async () => {
    const group = await makeGroup(t);
    const sharing = await makeOrganization(t, { membersSeeEachOther: true });
    const agent = await makeAgent(t, { roles: ['supervisor', 'analyst'], groupIds: [group] });
    const contact = await makeContact(t, { organizationId: sharing });
    const sides = await actorSidesOfUser(t.ctx.db, agent.userId);
    expect(sides.contact).toBeNull();
    expect(sides.agent).toMatchObject({ id: agent.agentId, groupIds: [group] });
    expect([...sides.agent!.roles].sort()).toEqual(['analyst', 'supervisor']);
    expect(await actorSidesOfUser(t.ctx.db, contact.userId)).toEqual({
      agent: null,
      contact: { id: contact.contactId, organizationId: sharing, organizationShares: true },
    });
    const admin = await signIn(t.app, (await makeAgent(t, { roles: ['admin'] })).email);
    expect((await admin.patch(`/api/v1/agents/${agent.agentId}`, { version: 1, active: false })).statusCode).toBe(200);
    expect((await actorSidesOfUser(t.ctx.db, agent.userId)).agent).toBeNull();
    expect(await userIdsOfActiveAgents(t.ctx.db, [agent.agentId!])).toEqual([]);
  });

  it('answers the ticket-visibility facts of organisations and group membership', async () => {
    const crm = await makeAgent(t, { roles: ['crm'] });
    const managed = await makeOrganization(t, { accountManagerId: crm.agentId!, membersSeeEachOther: true });
    const other = await makeOrganization(t);
    expect((await organizationAccessFacts(t.ctx.db, [managed, other])).get(managed)).toEqual({ accountManagerId: crm.agentId, membersSeeEachOther: true });
    expect((await organizationAccessFacts(t.ctx.db, [managed, other])).get(other)).toEqual({ accountManagerId: null, membersSeeEachOther: false });
    expect((await organizationAccessFacts(t.ctx.db, [999_999])).get(999_999)).toBeUndefined();
    const ids = await t.ctx.db
      .selectFrom('organizations')
      .select('id')
      .where('id', 'in', organizationsManagedBy(crm.agentId!))
      .execute();
    expect(ids.map((r) => r.id)).toEqual([managed]);

    const group = await makeGroup(t);
    const member = await makeAgent(t, { roles: ['analyst'], groupIds: [group] });
    expect(await isGroupMember(t.ctx.db, group, member.agentId!)).toBe(true);
    expect(await isGroupMember(t.ctx.db, group, crm.agentId!)).toBe(false);
    expect(await defaultGroupId(t.ctx.db)).toBe((await t.ctx.db.selectFrom('groups').select('id').orderBy('id').limit(1).executeTakeFirstOrThrow()).id);
    expect(await agentWithRoleExists(t.ctx.db, 'admin')).toBe(true);
  });
});
