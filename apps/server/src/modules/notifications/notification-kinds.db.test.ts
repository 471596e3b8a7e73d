import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestApp } from '../../../test/harness.ts';
import { anonymousClient, appWithAdmin, makeAgent, makeContact, makeGroup, signIn, type Client, type Person } from '../../../test/factories.ts';
import { systemActor } from '../../platform/actor.ts';
import { notify } from './commands/notify.ts';
import { emailDriver } from './drivers/email.ts';
import type { NotificationMail } from './drivers/types.ts';
import { tokenOfLink } from '../../../test/links.ts';

let t: TestApp;
let admin: Client;
let groupId: number;
let agentA: Person;
let agentB: Person;
let customer: Person;
let clientA: Client;
let clientB: Client;
let clientCustomer: Client;

beforeAll(async () => {
  ({ t, admin } = await appWithAdmin());
  groupId = await makeGroup(t);
  agentA = await makeAgent(t, { roles: ['analyst'], groupIds: [groupId], name: 'Ali Rezaei' });
  agentB = await makeAgent(t, { roles: ['analyst'], groupIds: [groupId], name: 'Bahar Karimi' });
  customer = await makeContact(t, { name: 'Maryam Ahmadi' });
  [clientA, clientB, clientCustomer] = await Promise.all([signIn(t.app, agentA.email), signIn(t.app, agentB.email), signIn(t.app, customer.email)]);
});
afterAll(() => t.destroy());

async function deliver(): Promise<void> {
  await t.ctx.events.dispatchPending();
  await t.ctx.jobs.drain();
}
async function bell(userId: number, ticketId: number) {
  const rows = await t.ctx.db.selectFrom('notifications').select(['kind', 'data']).where('user_id', '=', userId).where('ticket_id', '=', ticketId).orderBy('id').execute();
  return rows.map((r) => ({ kind: r.kind, ...(JSON.parse(r.data) as Record<string, unknown>) }));
}
async function ticketVersion(id: number): Promise<number> {
  return (await t.ctx.db.selectFrom('tickets').select('version').where('id', '=', id).executeTakeFirstOrThrow()).version;
}
async function setStatus(client: Client, id: number, status: string): Promise<void> {
  const res = await client.patch(`/api/v1/tickets/${id}`, { version: await ticketVersion(id), status });
  expect(res.statusCode, res.body).toBe(200);
}

describe('notification kinds, in-app', () => {
  it('runs on the dialect under test', () => {
    expect(t.ctx.dialect.name).toBe(t.dialect);
  });

  it('walks a ticket through its life: each person hears what concerns them, with number, title and who', async () => {
    const created = await clientA.post('/api/v1/tickets', { title: 'چاپگر کار نمی‌کند', type: 'incident', requesterContactId: customer.contactId, assigneeGroupId: groupId });
    expect(created.statusCode, created.body).toBe(201);
    const { id, number } = created.json() as { id: number; number: number };
    await deliver();
    expect(await bell(customer.userId, id)).toEqual([{ kind: 'ticket.received', ticketNumber: number, ticketTitle: 'چاپگر کار نمی‌کند', actorUserId: agentA.userId, actorName: 'Ali Rezaei' }]);
    // The group hears of it, but not the agent who opened it.
    expect((await bell(agentB.userId, id)).map((n) => n.kind)).toEqual(['ticket.new_in_group']);
    expect(await bell(agentA.userId, id)).toEqual([]);

    // A public reply from the desk → the customer; an internal note → nobody.
    expect((await clientA.post(`/api/v1/tickets/${id}/replies`, { body: 'Please restart it.' })).statusCode).toBe(201);
    expect((await clientA.post(`/api/v1/tickets/${id}/notes`, { body: 'secret' })).statusCode).toBe(201);
    await deliver();
    const replyNotice = (await bell(customer.userId, id)).at(-1)!;
    expect(replyNotice).toMatchObject({ kind: 'ticket.public_reply', actorName: 'Ali Rezaei', ticketNumber: number });
    expect(JSON.stringify(await bell(customer.userId, id))).not.toContain('restart');

    // B takes it (nobody is told of their own act); the customer replies → B (assignee) hears it, with the customer's name.
    const patch = await clientB.patch(`/api/v1/tickets/${id}`, { version: await ticketVersion(id), assigneeAgentId: agentB.agentId });
    expect(patch.statusCode, patch.body).toBe(200);
    expect((await clientCustomer.post(`/api/v1/tickets/${id}/replies`, { body: 'Still broken' })).statusCode).toBe(201);
    await deliver();
    expect((await bell(agentB.userId, id)).map((n) => [n.kind, (n as Record<string, unknown>).actorName])).toEqual([
      ['ticket.new_in_group', 'Ali Rezaei'],
      ['ticket.customer_replied', 'Maryam Ahmadi'],
    ]);

    // Waiting for you, resolved, closed → the customer.
    await setStatus(clientB, id, 'pending_customer');
    await deliver();
    await setStatus(clientB, id, 'resolved');
    await deliver();
    await setStatus(clientB, id, 'closed');
    await deliver();
    expect((await bell(customer.userId, id)).map((n) => n.kind)).toEqual([
      'ticket.received',
      'ticket.public_reply',
      'ticket.waiting_for_customer',
      'ticket.resolved',
      'ticket.closed',
    ]);
  });

  it('a redelivered event notifies nobody twice (at least once, deduplicated)', async () => {
    const created = await clientA.post('/api/v1/tickets', { title: 'Twice', type: 'incident', requesterContactId: customer.contactId, assigneeGroupId: groupId });
    const { id } = created.json() as { id: number };
    await deliver();
    const events = await t.ctx.db.selectFrom('outbox').select(['id', 'payload', 'created_at']).where('event', '=', 'ticket.created').execute();
    const event = events.find((e) => (JSON.parse(e.payload) as { ticketId: number }).ticketId === id)!;
    // It ran inline, in the dispatch (ADR 0031): no job row of its own.
    expect(await t.ctx.db.selectFrom('jobs').select('id').where('unique_key', '=', `notifications.ticket_created:${event.id}`).execute()).toEqual([]);
    // The same event's handler run again, now as a job.
    await t.ctx.jobs.enqueue(t.ctx.db, 'notifications.ticket_created', { outboxId: event.id, event: 'ticket.created', payload: JSON.parse(event.payload), occurredAt: event.created_at });
    await t.ctx.jobs.drain();
    expect((await bell(customer.userId, id)).map((n) => n.kind)).toEqual(['ticket.received']);
  });

  it('a user switches a kind off per channel; the other kinds and channels stay on', async () => {
    const put = await clientCustomer.put('/api/v1/me/notification-settings', { items: [{ kind: 'ticket.public_reply', channel: 'in_app', enabled: false }] });
    expect(put.statusCode, put.body).toBe(200);
    const settings = (put.json() as { items: Array<{ kind: string; inApp: boolean; email: boolean }> }).items;
    expect(settings.find((s) => s.kind === 'ticket.public_reply')).toEqual({ kind: 'ticket.public_reply', inApp: false, email: true });
    expect(settings.filter((s) => !s.inApp || !s.email)).toHaveLength(1);

    const { id } = (await clientA.post('/api/v1/tickets', { title: 'Switch', type: 'incident', requesterContactId: customer.contactId, assigneeGroupId: groupId })).json() as { id: number };
    await clientA.post(`/api/v1/tickets/${id}/replies`, { body: 'Answer' });
    await deliver();
    expect((await bell(customer.userId, id)).map((n) => n.kind)).toEqual(['ticket.received']);
    // Someone else's switches are their own.
    expect(((await clientB.get('/api/v1/me/notification-settings')).json() as { items: Array<{ inApp: boolean }> }).items.every((s) => s.inApp)).toBe(true);
    await clientCustomer.put('/api/v1/me/notification-settings', { items: [{ kind: 'ticket.public_reply', channel: 'in_app', enabled: true }] });
  });
});

const driverCtx = () => ({ clock: t.clock, publicUrl: 'https://desk.example', sealKeys: t.ctx.sealKeys, contactSignIns: t.ctx.contactSignIns });

describe('the email driver', () => {
  it('the "request received" mail carries the ticket\'s magic link and, for a contact without a sign-in, the portal invitation; both work', async () => {
    const mailOnly = await makeContact(t, { canSignIn: false, name: 'Neda' });
    const { id, number } = (await clientA.post('/api/v1/tickets', { title: 'Printer', type: 'incident', requesterContactId: mailOnly.contactId, assigneeGroupId: groupId })).json() as { id: number; number: number };
    const queued: NotificationMail[] = [];
    const driver = emailDriver(driverCtx(), { queue: async (_trx, mail) => void queued.push(mail) });
    const received = (contactId: number, sourceKey: string) =>
      notify({ db: t.ctx.db, clock: t.clock, drivers: [driver] }, { actor: systemActor(), recipients: [{ kind: 'contact', contactId }], exceptUserId: null, kind: 'ticket.received', ticket: { id, number, title: 'Printer' } as never, data: {}, sourceKey });
    await received(mailOnly.contactId!, 'received-links');
    expect(queued).toHaveLength(1);
    const text = queued[0]!.text;
    const ticketLink = /(https:\/\/desk\.example\/portal\/ticket-link\S*)/.exec(text)?.[1];
    const invitation = /(https:\/\/desk\.example\/invitation#\S*)/.exec(text)?.[1];
    expect(ticketLink, text).toBeDefined();
    expect(invitation, text).toBeDefined();
    expect(queued[0]!.html).toContain(ticketLink!.replace(/&/g, '&amp;'));

    // The magic link opens the ticket without a password; the invitation gives the contact a sign-in.
    const anon = anonymousClient(t.app);
    const session = await anon.post('/api/v1/ticket-link/session', { token: tokenOfLink(ticketLink!) });
    expect(session.statusCode, session.body).toBe(200);
    const accepted = await anon.post('/api/v1/invitations/accept', { token: tokenOfLink(invitation!), password: 'a long enough password 42' });
    expect(accepted.statusCode, accepted.body).toBe(204);
    expect((await t.app.inject({ method: 'POST', url: '/api/v1/session', payload: { email: mailOnly.email, password: 'a long enough password 42' } })).statusCode).toBe(200);

    // A contact who signs in already is sent to the portal, not invited again.
    await received(customer.contactId!, 'received-signed-in');
    expect(queued[1]!.text).toContain('https://desk.example/portal\n');
    expect(queued[1]!.text).not.toMatch(/invitation/);
  });

  it('renders the kind in the contact’s language (RTL for fa), escapes every value and carries one-time confirm/reopen links', async () => {
    const mailOnly = await makeContact(t, { canSignIn: false, name: 'سارا <b>' });
    await t.ctx.db.updateTable('contacts').set({ language: 'fa' }).where('id', '=', mailOnly.contactId!).execute();
    const { id, number } = (await clientA.post('/api/v1/tickets', { title: 'تلفن <script>alert(1)</script>', type: 'incident', requesterContactId: mailOnly.contactId, assigneeGroupId: groupId, status: 'resolved' })).json() as {
      id: number;
      number: number;
    };
    const queued: NotificationMail[] = [];
    const driver = emailDriver(driverCtx(), { queue: async (_trx, mail) => void queued.push(mail) });
    const ticket = { id, number, title: 'تلفن <script>alert(1)</script>' } as never;
    await notify({ db: t.ctx.db, clock: t.clock, drivers: [driver] }, { actor: systemActor(), recipients: [{ kind: 'contact', contactId: mailOnly.contactId! }], exceptUserId: null, kind: 'ticket.resolved', ticket, data: {}, sourceKey: 'driver-test' });
    expect(queued).toHaveLength(1);
    const mail = queued[0]!;
    expect(mail).toMatchObject({ to: { address: mailOnly.email, name: 'سارا <b>' }, language: 'fa', toCustomer: true, dedupeKey: `driver-test:contact:${mailOnly.contactId}` });
    expect(mail.subject).toBe(`درخواست شما حل شد [#${number}] تلفن <script>alert(1)</script>`);
    expect(mail.html).toContain('<html lang="fa" dir="rtl">');
    expect(mail.html).not.toContain('<script>');
    expect(mail.html).toContain('تلفن &lt;script&gt;alert(1)&lt;/script&gt;');
    expect(mail.html).toContain('سارا &lt;b&gt;');
    expect(mail.text).toContain('سارا <b> گرامی');
    const links = [...mail.text.matchAll(/https:\/\/desk\.example\/m\/([A-Za-z0-9_-]+)/g)].map((m) => m[1]!);
    expect(links).toHaveLength(2);

    // A mail scanner opens the link: the page shows a button and changes nothing.
    const anon = anonymousClient(t.app);
    for (let i = 0; i < 3; i++) {
      const page = await anon.request({ method: 'GET', url: `/m/${links[0]}`, headers: { 'accept-language': 'fa' } });
      expect(page.statusCode).toBe(200);
      expect(page.headers['content-type']).toContain('text/html');
      expect(page.headers['content-security-policy']).toContain("default-src 'none'");
      expect(page.body).toContain('<form method="post"');
      expect(page.body).not.toContain('<script');
      expect(page.body).toContain('dir="rtl"');
    }
    expect((await anon.get(`/api/v1/mail-links/${links[0]}`)).json()).toMatchObject({ action: 'confirm', ticketNumber: number });
    expect((await t.ctx.db.selectFrom('tickets').select('status').where('id', '=', id).executeTakeFirstOrThrow()).status).toBe('resolved');

    // The button (a plain HTML form POST, even from a signed-in browser without a CSRF header) closes it, once.
    const press = await t.app.inject({
      method: 'POST',
      url: `/m/${links[0]}`,
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'accept-language': 'en', cookie: 'pishkhan_session=whatever' },
      payload: '',
    });
    expect(press.statusCode, press.body).toBe(200);
    expect(press.body).toContain(`Request #${number}`);
    expect((await t.ctx.db.selectFrom('tickets').select('status').where('id', '=', id).executeTakeFirstOrThrow()).status).toBe('closed');
    expect((await anon.post(`/m/${links[0]}`)).statusCode).toBe(404);
    // The reopen link of a ticket that has closed meanwhile is refused and stays unused.
    const reopen = await anon.post(`/api/v1/mail-links/${links[1]}`);
    expect(reopen.statusCode).toBe(409);
    expect((await anon.get(`/api/v1/mail-links/${links[1]}`)).statusCode).toBe(200);
  });

  it('reaches a user by their sign-in email in their locale, with the desk link', async () => {
    const queued: NotificationMail[] = [];
    const driver = emailDriver(driverCtx(), { queue: async (_trx, mail) => void queued.push(mail) });
    const ticket = { id: 1, number: 4711, title: 'VPN' } as never;
    await notify({ db: t.ctx.db, clock: t.clock, drivers: [driver] }, { actor: systemActor(), recipients: [{ kind: 'user', userId: agentB.userId }], exceptUserId: null, kind: 'ticket.assigned', ticket, data: { actorName: 'Ali Rezaei' }, sourceKey: 'driver-user' });
    expect(queued.map((m) => [m.to.address, m.language, m.subject, m.toCustomer])).toEqual([[agentB.email, 'en', 'Ticket assigned to you [#4711] VPN', false]]);
    expect(queued[0]!.text).toContain('https://desk.example/tickets/4711');
    expect(queued[0]!.html).toContain('<html lang="en" dir="ltr">');
  });
});

describe('templates', () => {
  it('an admin edits a template, previews it with sample data, and a placeholder the kind lacks is refused', async () => {
    const list = await admin.get('/api/v1/admin/notification-templates');
    expect(list.statusCode).toBe(200);
    const items = (list.json() as { items: Array<{ kind: string; language: string; custom: boolean; version: number }> }).items;
    // Every kind (NOTIFICATION_KINDS: 15) in fa and en.
    expect(items).toHaveLength(30);
    expect((await clientA.get('/api/v1/admin/notification-templates')).statusCode).toBe(403);

    const bad = await admin.put('/api/v1/admin/notification-templates/ticket.received/en', { subject: 'Hi {{password}}', body: 'x', version: 0 });
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({ code: 'notification.unknown_placeholder', details: { placeholders: 'password' } });

    const saved = await admin.put('/api/v1/admin/notification-templates/ticket.received/en', { subject: 'Got it [#{{ticketNumber}}]', body: 'Hello {{recipientName}}\n\n{{ticketLink}}', version: 0 });
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.json()).toMatchObject({ custom: true, version: 1 });
    expect((await admin.put('/api/v1/admin/notification-templates/ticket.received/en', { subject: 'Stale', body: 'x', version: 0 })).statusCode).toBe(409);

    const preview = await admin.post('/api/v1/admin/notification-templates/preview', { kind: 'ticket.received', language: 'en' });
    expect(preview.json()).toMatchObject({ subject: 'Got it [#10234]', text: 'Hello Maryam Ahmadi\n\nhttps://desk.example/portal/tickets/10234' });
    const draft = await admin.post('/api/v1/admin/notification-templates/preview', { kind: 'ticket.closed', language: 'fa', body: '{{ticketTitle}}' });
    expect(draft.json().html).toContain('چاپگر طبقه دوم &lt;کار نمی‌کند&gt;');
    expect(draft.json().html).toContain('dir="rtl"');
  });
});
