import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestApp } from '../../../test/harness.ts';
import { appWithAdmin, makeAgent, makeContact, makeGroup, makeOrganization, makeTicket, signIn, type Client } from '../../../test/factories.ts';

let t: TestApp;
let admin: Client;
beforeAll(async () => ({ t, admin } = await appWithAdmin()));
afterAll(() => t.destroy());

const outbox = (event: string) => t.ctx.db.selectFrom('outbox').select('payload').where('event', '=', event).orderBy('id').execute();

describe('an agent cannot become a customer (issue #5)', () => {
  it('runs on the dialect under test', () => {
    expect(t.ctx.dialect.name).toBe(t.dialect);
  });

  it('an analyst who puts their own email on a foreign organisation’s contact still sees none of its tickets', async () => {
    // The attack as found: an analyst of group A edits a contact of organisation 2 (which shares
    // tickets among its members) to carry the analyst's own sign-in email, then reads and answers as that customer.
    const [groupA, groupB] = [await makeGroup(t), await makeGroup(t)];
    const org2 = await makeOrganization(t, { membersSeeEachOther: true });
    const victim = await makeContact(t, { organizationId: org2, canSignIn: false });
    const colleague = await makeContact(t, { organizationId: org2, canSignIn: false });
    const ticket = await makeTicket(t, { groupId: groupB, requesterContactId: victim.contactId!, organizationId: org2 });
    const shared = await makeTicket(t, { groupId: groupB, requesterContactId: colleague.contactId!, organizationId: org2 });
    const attacker = await makeAgent(t, { roles: ['analyst'], groupIds: [groupA] });
    const creator = await makeAgent(t, { roles: ['analyst'], groupIds: [groupA] });
    const clients = [await signIn(t.app, attacker.email), await signIn(t.app, creator.email)];

    // One edits the victim's contact to carry their own email; the other creates a contact of org 2 with theirs.
    const edited = await clients[0]!.patch(`/api/v1/contacts/${victim.contactId}`, { version: 1, emails: [attacker.email.toUpperCase(), victim.email] });
    expect(edited.statusCode).toBe(200);
    expect(edited.json().userId).toBeNull();
    const created = await clients[1]!.post('/api/v1/contacts', { name: 'me, the customer', organizationId: org2, emails: [creator.email] });
    expect(created.statusCode).toBe(201);
    expect(created.json().userId).toBeNull();

    for (const client of clients) {
      expect((await client.get('/api/v1/session')).json().me.contact).toBeNull();
      const listed = await client.get(`/api/v1/tickets?organizationId=${org2}`);
      expect(listed.statusCode).toBe(200);
      expect(listed.json().items).toEqual([]);
      expect((await client.get(`/api/v1/tickets/${ticket.id}`)).statusCode).toBe(404);
      expect((await client.get(`/api/v1/tickets/${shared.id}`)).statusCode).toBe(404);
      expect((await client.post(`/api/v1/tickets/${ticket.id}/replies`, { body: 'as the customer' })).statusCode).toBe(404);
    }
    const links = (await outbox('contact.sign_in_linked')).map((r) => JSON.parse(r.payload).userId);
    expect(links.filter((id) => id === attacker.userId || id === creator.userId)).toEqual([]);
  });

  it('an admin links a sign-in explicitly, with a history row and a contact.sign_in_linked event', async () => {
    const agent = await makeAgent(t, { roles: ['analyst'] });
    const contact = await makeContact(t, { canSignIn: false });
    const res = await admin.post(`/api/v1/contacts/${contact.contactId}/sign-in`, { userId: agent.userId, version: 1 });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ id: contact.contactId, userId: agent.userId, version: 2 });

    const history = await t.ctx.db.selectFrom('contact_history').selectAll().where('contact_id', '=', contact.contactId!).execute();
    expect(history).toHaveLength(1);
    expect(history[0]).toMatchObject({ field: 'user_id', old_value: null, new_value: String(agent.userId) });
    expect(history[0]!.actor_user_id).not.toBeNull();
    const events = (await outbox('contact.sign_in_linked')).map((r) => JSON.parse(r.payload));
    expect(events).toContainEqual({ contactId: contact.contactId, userId: agent.userId, actorUserId: history[0]!.actor_user_id });
    expect((await (await signIn(t.app, agent.email)).get('/api/v1/session')).json().me).toMatchObject({ agent: { id: agent.agentId }, contact: { id: contact.contactId } });
  });

  it('refuses a contact that has a sign-in, a user who already is a contact, an unknown user and a stale version', async () => {
    const agent = await makeAgent(t, { roles: ['analyst'] });
    const signedIn = await makeContact(t);
    const loose = await makeContact(t, { canSignIn: false });
    const link = (contactId: number, body: object) => admin.post(`/api/v1/contacts/${contactId}/sign-in`, body);

    expect((await link(signedIn.contactId!, { userId: agent.userId, version: 1 })).statusCode).toBe(409);
    expect((await link(loose.contactId!, { userId: signedIn.userId, version: 1 })).statusCode).toBe(409);
    const unknown = await link(loose.contactId!, { userId: 999_999, version: 1 });
    expect(unknown.statusCode).toBe(422);
    expect(unknown.json().code).toBe('record.invalid_reference');
    const stale = await link(loose.contactId!, { userId: agent.userId, version: 7 });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().code).toBe('record.stale');
    expect((await link(999_999, { userId: agent.userId, version: 1 })).statusCode).toBe(404);
    const after = await t.ctx.db.selectFrom('contacts').select(['user_id', 'version']).where('id', '=', loose.contactId!).executeTakeFirstOrThrow();
    expect(after).toEqual({ user_id: null, version: 1 });
  });

  it('only admins link: desk agents get 403, a contact 404 for another contact', async () => {
    const loose = await makeContact(t, { canSignIn: false });
    const agent = await makeAgent(t, { roles: ['analyst'] });
    for (const roles of [['analyst'], ['supervisor'], ['manager'], ['crm']] as const) {
      const client = await signIn(t.app, (await makeAgent(t, { roles: [...roles] })).email);
      expect((await client.post(`/api/v1/contacts/${loose.contactId}/sign-in`, { userId: agent.userId, version: 1 })).statusCode).toBe(403);
    }
    const customer = await signIn(t.app, (await makeContact(t)).email);
    expect((await customer.post(`/api/v1/contacts/${loose.contactId}/sign-in`, { userId: agent.userId, version: 1 })).statusCode).toBe(404);
  });
});
