import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/harness.ts';
import { makeAgent, makeContact, makeGroup, makeOrganization, makeTicket, PASSWORD, signIn, type Client } from '../../../test/factories.ts';
import { tokenOfLink } from '../../../test/links.ts';
import { anonymousClient } from '../../../test/factories.ts';
import { ticketMagicLink } from '../access/index.ts';

/**
 * Merging contacts and organisations through the API on a real database (both dialects): what moves,
 * what is deduplicated, the sign-in, the histories, the audit log, the event and the search index;
 * and every refusal with its code.
 */
let t: TestApp;
let admin: Client;
let analyst: Client;
let groupId: number;

beforeAll(async () => {
  t = await createTestApp();
  admin = await signIn(t.app, (await makeAgent(t, { roles: ['admin', 'analyst'] })).email);
  groupId = await makeGroup(t);
  analyst = await signIn(t.app, (await makeAgent(t, { roles: ['analyst'], groupIds: [groupId] })).email);
}, 60_000);
afterAll(() => t.destroy());

async function settle(): Promise<void> {
  await t.ctx.events.dispatchPending();
  await t.ctx.jobs.drain();
}
const contactHistory = (id: number | undefined) =>
  t.ctx.db.selectFrom('contact_history').select(['field', 'old_value', 'new_value']).where('contact_id', '=', id!).orderBy('id').execute();
const audit = async (query: string) => (await admin.get(`/api/v1/admin/audit?${query}`)).json().items as Array<Record<string, any>>;
const outbox = (event: string) => t.ctx.db.selectFrom('outbox').select(['payload']).where('event', '=', event).orderBy('id').execute();
let n = 0;
const unique = (prefix: string) => `${prefix}${++n}x${Date.now() % 100_000}`;

describe('merging contacts', () => {
  it('runs on the dialect under test', () => expect(t.ctx.dialect.name).toBe(t.dialect));

  it('moves tickets, watches, articles, emails and phones to the survivor; the loser is inactive and points at it', async () => {
    const survivorName = unique('Survivorname');
    const loser = await makeContact(t, { name: unique('Losername'), phones: ['09121110000', '+44 20 7946 0958'] });
    const survivor = await makeContact(t, { name: survivorName, canSignIn: false, phones: ['0912 111 0000'] });
    const customer = await signIn(t.app, loser.email);
    const asRequester = await makeTicket(t, { groupId, requesterContactId: loser.contactId });
    const watchedByLoser = await makeTicket(t, { groupId });
    const watchedByBoth = await makeTicket(t, { groupId });
    const other = await makeTicket(t, { groupId, requesterContactId: survivor.contactId });
    await t.ctx.db
      .insertInto('ticket_watchers')
      .values([
        { ticket_id: watchedByLoser.id, agent_id: null, contact_id: loser.contactId, created_at: t.clock.now() },
        { ticket_id: watchedByBoth.id, agent_id: null, contact_id: loser.contactId, created_at: t.clock.now() },
        { ticket_id: watchedByBoth.id, agent_id: null, contact_id: survivor.contactId, created_at: t.clock.now() },
      ])
      .execute();
    const reply = await customer.post(`/api/v1/tickets/${asRequester.id}/replies`, { body: 'still broken' });
    expect(reply.statusCode).toBe(201);
    const { link } = await ticketMagicLink(t.ctx, { ticketId: asRequester.id, contactId: loser.contactId!, to: loser.email, language: 'en' });
    const cookie = (await anonymousClient(t.app).post('/api/v1/ticket-link/session', { token: tokenOfLink(link) })).cookies[0]!;
    const viaLink = () => t.app.inject({ method: 'GET', url: `/api/v1/tickets/${asRequester.id}`, headers: { cookie: `${cookie.name}=${cookie.value}` } });
    expect((await viaLink()).statusCode).toBe(200);

    const res = await admin.post(`/api/v1/contacts/${loser.contactId}/merge`, { intoId: survivor.contactId, version: 1 });
    expect(res.statusCode, res.body).toBe(200);
    const merged = res.json();
    // The survivor answers, with the loser's address after its own and each phone once by its E.164 key; the sign-in moved to it.
    expect(merged).toMatchObject({ id: survivor.contactId, active: true, mergedIntoId: null, userId: loser.userId, emails: [survivor.email, loser.email], version: 2 });
    expect(merged.phones.map((p: { e164: string }) => p.e164)).toEqual(['+989121110000', '+442079460958']);
    const gone = (await admin.get(`/api/v1/contacts/${loser.contactId}`)).json();
    expect(gone).toMatchObject({ active: false, mergedIntoId: survivor.contactId, userId: null, emails: [], phones: [] });

    expect((await analyst.get(`/api/v1/tickets/${asRequester.id}`)).json().requester?.id).toBe(survivor.contactId);
    expect((await analyst.get(`/api/v1/tickets/${other.id}`)).json().requester?.id).toBe(survivor.contactId);
    const watches = await t.ctx.db.selectFrom('ticket_watchers').select(['ticket_id', 'contact_id']).where('ticket_id', 'in', [watchedByLoser.id, watchedByBoth.id]).orderBy('ticket_id').execute();
    expect(watches).toEqual([
      { ticket_id: watchedByLoser.id, contact_id: survivor.contactId },
      { ticket_id: watchedByBoth.id, contact_id: survivor.contactId },
    ]);
    const authored = await t.ctx.db.selectFrom('articles').select('author_contact_id').where('ticket_id', '=', asRequester.id).where('author_kind', '=', 'contact').execute();
    expect(authored.map((a) => a.author_contact_id)).toEqual([survivor.contactId]);
    // A moved ticket took one version step, with the change in its history.
    const history = (await analyst.get(`/api/v1/tickets/${asRequester.id}/history`)).json();
    expect(JSON.stringify(history)).toContain('requesterContactId');

    // The loser's sessions and ticket links ended; its sign-in now opens the survivor.
    expect((await customer.get('/api/v1/session')).statusCode).toBe(401);
    expect((await viaLink()).statusCode).toBe(401);
    const again = await signIn(t.app, loser.email);
    expect((await again.get('/api/v1/session')).json().me.contact?.id).toBe(survivor.contactId);

    // Both histories, the audit log and the event.
    expect(await contactHistory(loser.contactId)).toEqual([
      { field: 'merged_into', old_value: null, new_value: String(survivor.contactId) },
      { field: 'active', old_value: '1', new_value: '0' },
      { field: 'user_id', old_value: String(loser.userId), new_value: null },
    ]);
    expect(await contactHistory(survivor.contactId)).toEqual([
      { field: 'merged_from', old_value: null, new_value: String(loser.contactId) },
      { field: 'user_id', old_value: null, new_value: String(loser.userId) },
    ]);
    const [entry] = await audit(`action=contact.merged&targetId=${loser.contactId}`);
    expect(entry!.details).toMatchObject({ intoId: survivor.contactId, signIn: 'moved' });
    const events = (await outbox('contact.merged')).map((e) => (typeof e.payload === 'string' ? JSON.parse(e.payload) : e.payload));
    expect(events.at(-1)).toMatchObject({ contactId: loser.contactId, intoId: survivor.contactId, ticketIds: [asRequester.id, watchedByLoser.id] });

    // A moved ticket is told as an edit of its requester (live views and the SLA follow).
    const updated = (await outbox('ticket.updated')).map((e) => (typeof e.payload === 'string' ? JSON.parse(e.payload) : e.payload));
    expect(updated).toContainEqual({ ticketId: asRequester.id, actorUserId: expect.any(Number), fields: ['requesterContactId'] });

    // The index follows: the moved ticket is found by the survivor's name, the loser's address finds the survivor.
    await settle();
    const found = (await analyst.get(`/api/v1/search?q=${encodeURIComponent(survivorName)}`)).json().items as Array<{ type: string; id: number }>;
    expect(found.filter((i) => i.type === 'ticket').map((i) => i.id)).toContain(asRequester.id);
    const byEmail = (await analyst.get(`/api/v1/search?q=${encodeURIComponent(loser.email)}`)).json().items as Array<{ type: string; id: number }>;
    expect(byEmail.filter((i) => i.type === 'contact').map((i) => i.id)).toEqual([survivor.contactId]);
  });

  it('keeps the survivor’s sign-in when both have one; the loser’s (no agent side) no longer signs in', async () => {
    const loser = await makeContact(t);
    const survivor = await makeContact(t);
    const res = await admin.post(`/api/v1/contacts/${loser.contactId}/merge`, { intoId: survivor.contactId, version: 1 });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ userId: survivor.userId, emails: [survivor.email, loser.email] });
    expect((await audit(`action=contact.merged&targetId=${loser.contactId}`))[0]!.details).toMatchObject({ signIn: 'kept_survivor' });
    expect((await (await signIn(t.app, survivor.email)).get('/api/v1/session')).json().me.contact?.id).toBe(survivor.contactId);
    // The loser's sign-in is nobody now (no agent or contact side): it no longer signs in.
    expect((await t.app.inject({ method: 'POST', url: '/api/v1/session', payload: { email: loser.email, password: PASSWORD } })).statusCode).toBe(401);
  });

  it('refuses: not an admin, into itself, into an inactive or merged contact, a stale version, an unknown survivor, twice', async () => {
    const a = await makeContact(t, { canSignIn: false });
    const b = await makeContact(t, { canSignIn: false });
    const c = await makeContact(t, { canSignIn: false });
    const code = async (res: Awaited<ReturnType<Client['post']>>) => [res.statusCode, res.json().code];
    expect(await code(await analyst.post(`/api/v1/contacts/${a.contactId}/merge`, { intoId: b.contactId, version: 1 }))).toEqual([403, 'access.forbidden']);
    expect(await code(await admin.post(`/api/v1/contacts/${a.contactId}/merge`, { intoId: a.contactId, version: 1 }))).toEqual([422, 'merge.into_itself']);
    expect(await code(await admin.post(`/api/v1/contacts/${a.contactId}/merge`, { intoId: 987654, version: 1 }))).toEqual([422, 'record.invalid_reference']);
    expect(await code(await admin.post(`/api/v1/contacts/${a.contactId}/merge`, { intoId: b.contactId, version: 7 }))).toEqual([409, 'record.stale']);
    expect((await admin.post(`/api/v1/contacts/${c.contactId}/deactivate`, { version: 1 })).statusCode).toBe(200);
    expect(await code(await admin.post(`/api/v1/contacts/${a.contactId}/merge`, { intoId: c.contactId, version: 1 }))).toEqual([422, 'merge.into_inactive']);
    expect((await admin.post(`/api/v1/contacts/${b.contactId}/merge`, { intoId: a.contactId, version: 1 })).statusCode).toBe(200);
    expect(await code(await admin.post(`/api/v1/contacts/${a.contactId}/merge`, { intoId: b.contactId, version: 2 }))).toEqual([422, 'merge.into_inactive']);
    expect(await code(await admin.post(`/api/v1/contacts/${b.contactId}/merge`, { intoId: a.contactId, version: 2 }))).toEqual([409, 'merge.already_merged']);
    const fa = await admin.request({ method: 'POST', url: `/api/v1/contacts/${a.contactId}/merge`, payload: { intoId: a.contactId, version: 2 }, headers: { 'accept-language': 'fa' } });
    expect(fa.json().message).not.toMatch(/[A-Za-z]/);
    // A merged contact cannot be named on a new ticket.
    const named = await analyst.post('/api/v1/tickets', { title: 'x', type: 'incident', assigneeGroupId: groupId, requesterContactId: b.contactId });
    expect([named.statusCode, named.json().code]).toEqual([422, 'record.inactive_reference']);
  });
});

describe('merging organisations', () => {
  it('moves contacts and tickets to the survivor, with histories, the audit log, the event and the index', async () => {
    const loser = await makeOrganization(t, { name: unique('Losingorg') });
    const survivor = await makeOrganization(t, { name: unique('Survivingorg') });
    const member = await makeContact(t, { organizationId: loser, canSignIn: false });
    const ticket = await makeTicket(t, { groupId, organizationId: loser, requesterContactId: member.contactId });
    const res = await admin.post(`/api/v1/organizations/${loser}/merge`, { intoId: survivor, version: 1 });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ id: survivor, active: true, mergedIntoId: null, version: 2 });
    expect((await admin.get(`/api/v1/organizations/${loser}`)).json()).toMatchObject({ active: false, mergedIntoId: survivor });
    expect((await admin.get(`/api/v1/contacts/${member.contactId}`)).json()).toMatchObject({ organizationId: survivor, version: 2 });
    expect((await analyst.get(`/api/v1/tickets/${ticket.id}`)).json().organization?.id).toBe(survivor);
    expect(await contactHistory(member.contactId)).toEqual([{ field: 'organization_id', old_value: String(loser), new_value: String(survivor) }]);
    expect((await audit(`action=organization.merged&targetId=${loser}`))[0]!.details).toMatchObject({ intoId: survivor, contacts: 1, tickets: 1 });
    const events = (await outbox('organization.merged')).map((e) => (typeof e.payload === 'string' ? JSON.parse(e.payload) : e.payload));
    expect(events.at(-1)).toMatchObject({ organizationId: loser, intoId: survivor, contactIds: [member.contactId], ticketIds: [ticket.id] });
    await settle();
    const found = (await analyst.get(`/api/v1/search?q=${encodeURIComponent(res.json().name)}`)).json().items as Array<{ type: string; id: number }>;
    expect(found.some((i) => i.type === 'organization' && i.id === survivor)).toBe(true);
    // A merged organisation is named by no new contact.
    const named = await analyst.post('/api/v1/contacts', { name: 'x', organizationId: loser });
    expect([named.statusCode, named.json().code]).toEqual([422, 'record.inactive_reference']);
  });

  it('refuses: not an admin, into itself, into a deactivated organisation, a stale version, twice', async () => {
    const a = await makeOrganization(t, { name: unique('Org') });
    const b = await makeOrganization(t, { name: unique('Org') });
    const off = await makeOrganization(t, { name: unique('Org') });
    const code = async (res: Awaited<ReturnType<Client['post']>>) => [res.statusCode, res.json().code];
    expect(await code(await analyst.post(`/api/v1/organizations/${a}/merge`, { intoId: b, version: 1 }))).toEqual([403, 'access.forbidden']);
    expect(await code(await admin.post(`/api/v1/organizations/${a}/merge`, { intoId: a, version: 1 }))).toEqual([422, 'merge.into_itself']);
    expect(await code(await admin.post(`/api/v1/organizations/${a}/merge`, { intoId: b, version: 3 }))).toEqual([409, 'record.stale']);
    expect((await admin.post(`/api/v1/organizations/${off}/deactivate`, { version: 1 })).statusCode).toBe(200);
    expect(await code(await admin.post(`/api/v1/organizations/${a}/merge`, { intoId: off, version: 1 }))).toEqual([422, 'merge.into_inactive']);
    expect((await admin.post(`/api/v1/organizations/${a}/merge`, { intoId: b, version: 1 })).statusCode).toBe(200);
    expect(await code(await admin.post(`/api/v1/organizations/${a}/merge`, { intoId: b, version: 2 }))).toEqual([409, 'merge.already_merged']);
  });
});
