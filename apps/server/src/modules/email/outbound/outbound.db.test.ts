import { createHash, randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestApp } from '../../../../test/harness.ts';
import { appWithAdmin, makeAgent, makeContact, makeGroup, makeMailbox, signIn, type Client, type Person } from '../../../../test/factories.ts';
import { file, upload } from '../../tickets/attachments.test-support.ts';
import { verifiedTicketIds } from '../threading/message-id.ts';
import { outboundByMessageId } from './outbound.repository.ts';
import { startSink, type Sink } from '../../../../test/smtp-sink.ts';

let t: TestApp;
let admin: Client;
let sink: Sink;
let groupId: number;
let mailbox: { id: number; address: string };
let agent: Person;
let agentClient: Client;
let requester: Person;
let watcherCc: string;

beforeAll(async () => {
  ({ t, admin } = await appWithAdmin());
  sink = await startSink();
  groupId = await makeGroup(t, `Mail desk ${randomBytes(3).toString('hex')}`);
  mailbox = await makeMailbox(t, { address: `help-${randomBytes(3).toString('hex')}@desk.example.test`, groupId });
  agent = await makeAgent(t, { roles: ['analyst'], groupIds: [groupId], name: 'Ali Rezaei' });
  agentClient = await signIn(t.app, agent.email);
  requester = await makeContact(t, { name: 'مریم احمدی', canSignIn: false });
  await t.ctx.db.updateTable('contacts').set({ language: 'fa' }).where('id', '=', requester.contactId!).execute();
  watcherCc = `cc-${randomBytes(3).toString('hex')}@example.test`;
  expect((await admin.put(`/api/v1/admin/email/signatures/${groupId}`, { fa: 'میز خدمت فناوری', en: 'IT Service Desk' })).statusCode).toBe(200);
});
afterAll(async () => {
  await t.destroy();
  await sink.close();
});

async function deliver(rounds = 3): Promise<void> {
  for (let i = 0; i < rounds; i++) {
    await t.ctx.events.dispatchPending();
    await t.ctx.jobs.drain();
  }
}
const useSink = () => admin.put('/api/v1/admin/email/default-relay', { relay: { host: '127.0.0.1', port: sink.port, security: 'none' } });
async function newTicket(title: string): Promise<{ id: number; number: number }> {
  const res = await agentClient.post('/api/v1/tickets', { title, type: 'incident', requesterContactId: requester.contactId, assigneeGroupId: groupId });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: number; number: number };
}
const mailsTo = (address: string) => sink.caught.filter((c) => c.envelope.to.includes(address));
const messagesOf = async (ticketId: number) => ((await agentClient.get(`/api/v1/tickets/${ticketId}/email/messages`)).json() as { items: Array<Record<string, any>> }).items;

describe('mail out', () => {
  it('runs on the dialect under test', () => {
    expect(t.ctx.dialect.name).toBe(t.dialect);
  });

  it('with no relay, replies stay articles and the admin sees why; a relay configured later sends what waited', async () => {
    const { id } = await newTicket('بدون رله');
    expect((await agentClient.post(`/api/v1/tickets/${id}/replies`, { body: 'پاسخ اول' })).statusCode).toBe(201);
    await deliver();
    expect(sink.caught).toHaveLength(0);
    // The two come from two events, which PostgreSQL's dispatch lanes may take in either order.
    const held = (await messagesOf(id)).sort((a, b) => String(a.purpose).localeCompare(String(b.purpose)));
    expect(held.map((m) => [m.purpose, m.status, m.reason])).toEqual([
      ['notification', 'held', 'no_relay'],
      ['reply', 'held', 'no_relay'],
    ]);
    const status = (await admin.request({ method: 'GET', url: '/api/v1/admin/email/outbound', headers: { 'accept-language': 'en' } })).json();
    expect(status).toMatchObject({ defaultRelay: null, problem: expect.stringContaining('No outgoing mail relay') });
    expect(status.waiting).toContainEqual({ status: 'held', reason: 'no_relay', count: expect.any(Number) });

    expect((await useSink()).statusCode).toBe(200);
    await deliver();
    expect((await messagesOf(id)).map((m) => m.status)).toEqual(['sent', 'sent']);
    expect(mailsTo(requester.email)).toHaveLength(2);
  });

  it('a desk reply goes from the mailbox with our Message-ID, threading headers, the ticket tag, signature, text and RTL HTML, and its files', async () => {
    sink.caught.length = 0;
    const { id, number } = await newTicket('چاپگر طبقه دوم');
    await deliver();
    const received = mailsTo(requester.email);
    expect(received).toHaveLength(1);
    expect(received[0]!.mail.subject).toBe(`درخواست شما ثبت شد [#${number}] چاپگر طبقه دوم`);
    expect(received[0]!.mail.headers.get('auto-submitted')).toBe('auto-generated');

    const bytes = randomBytes(40_000);
    const up = await upload(agentClient, id, [file('گزارش.pdf', bytes, 'application/pdf')]);
    expect(up.statusCode, up.body).toBe(201);
    const attachmentId = (up.json() as { items: Array<{ id: number }> }).items[0]!.id;
    expect((await agentClient.post(`/api/v1/tickets/${id}/replies`, { body: 'سلام،\nچاپگر را دوباره راه‌اندازی کنید.', attachmentIds: [attachmentId] })).statusCode).toBe(201);
    await deliver();
    const replies = mailsTo(requester.email).slice(1);
    // The reply itself, and no "new public reply" notice on top of it.
    expect(replies).toHaveLength(1);
    const { mail, envelope, raw } = replies[0]!;
    expect(mail.from?.value).toEqual([{ address: mailbox.address, name: expect.any(String) }]);
    expect(envelope.to).toEqual([requester.email]);
    expect(mail.subject).toBe(`Re: [#${number}] چاپگر طبقه دوم`);
    expect(mail.messageId).toMatch(new RegExp(`^<pk\\.${id}\\.[0-9a-f]{32}\\.[0-9a-z-]+@desk\\.example\\.test>$`));
    expect(await verifiedTicketIds({ db: t.ctx.db, secret: t.ctx.secret }, [mail.messageId!])).toEqual([id]);
    // It answers the "request received" mail, the start of the conversation on the customer's side.
    expect(mail.inReplyTo).toBe(received[0]!.mail.messageId);
    expect(mail.headers.get('thread-index')).toBeTruthy();
    expect(Buffer.from(String(mail.headers.get('thread-index')), 'base64').length).toBe(27);
    expect(mail.text).toContain('چاپگر را دوباره راه‌اندازی کنید.');
    expect(mail.text).toContain('-- \nمیز خدمت فناوری');
    expect(mail.html).toContain('dir="rtl"');
    expect(raw).toMatch(/Content-Type: multipart\/alternative/i);
    expect(mail.attachments.map((a) => [a.filename, a.contentType, createHash('md5').update(a.content).digest('hex')])).toEqual([
      ['گزارش.pdf', 'application/pdf', createHash('md5').update(bytes).digest('hex')],
    ]);
  });

  it('the composer edits To/Cc/Bcc; our own mailboxes never receive; References chain the conversation', async () => {
    sink.caught.length = 0;
    const { id } = await newTicket('Recipients');
    await deliver();
    const first = mailsTo(requester.email)[0]!.mail;
    const res = await agentClient.post(`/api/v1/tickets/${id}/email/replies`, { body: 'To everyone', to: [requester.email, mailbox.address.toUpperCase()], cc: [watcherCc], bcc: ['boss@example.test'] });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().message).toMatchObject({ status: 'queued', to: [{ address: requester.email }], cc: [{ address: watcherCc }], bcc: [{ address: 'boss@example.test' }] });
    // The answer carries the ticket as the reply left it, so the composer need not read it again.
    const after = (await agentClient.get(`/api/v1/tickets/${id}`)).json();
    expect(res.json()).toMatchObject({ ticketId: id, ticketStatus: after.status, ticketVersion: after.version });
    expect(after.version).toBeGreaterThan(1);
    await deliver();
    const caught = sink.caught.at(-1)!;
    expect(caught.envelope.to.sort()).toEqual([requester.email, watcherCc, 'boss@example.test'].sort());
    expect(caught.mail.cc).toMatchObject({ value: [{ address: watcherCc }] });
    expect(caught.raw).not.toMatch(/^Bcc:/im);
    expect(caught.mail.references).toEqual(first.messageId);
    // The same reply through the plain route is not mailed twice (the subscriber sees it recorded).
    expect((await messagesOf(id)).filter((m) => m.purpose === 'reply')).toHaveLength(1);
  });

  it('messages a third party from the ticket: kept as an internal note, its Message-ID recorded for the answer to thread back', async () => {
    const { id, number } = await newTicket('Vendor question');
    const res = await agentClient.post(`/api/v1/tickets/${id}/email/third-party`, { to: ['vendor@supplier.example'], body: 'Is part 42 in stock?' });
    expect(res.statusCode, res.body).toBe(201);
    await deliver();
    const caught = mailsTo('vendor@supplier.example').at(-1)!;
    expect(caught.mail.subject).toBe(`[#${number}] Vendor question`);
    const [mapping] = await outboundByMessageId(t.ctx.db, [caught.mail.messageId!]);
    expect(mapping).toMatchObject({ ticket_id: id, purpose: 'third_party' });
    const article = await t.ctx.db.selectFrom('articles').select(['kind', 'internal']).where('id', '=', res.json().articleId).executeTakeFirstOrThrow();
    expect(article).toEqual({ kind: 'note', internal: 1 });
    // The customer got nothing of it.
    expect(mailsTo(requester.email).some((c) => c.mail.text?.includes('part 42'))).toBe(false);
  });

  it('a refused mail fails at once with the reason; retry sends it; an unreachable relay retries with back-off, then fails', async () => {
    sink.refuseNext(1, 550);
    const { id } = await newTicket('Refused');
    await deliver();
    const [failed] = await messagesOf(id);
    expect(failed).toMatchObject({ status: 'failed', reason: 'relay_refused', lastError: expect.stringContaining('550'), abilities: { retry: true } });
    const retried = await agentClient.post(`/api/v1/email/messages/${failed!.id}/retry`);
    expect(retried.statusCode, retried.body).toBe(200);
    expect(retried.json().status).toBe('queued');
    await deliver();
    expect((await messagesOf(id))[0]).toMatchObject({ status: 'sent' });
    expect((await agentClient.post(`/api/v1/email/messages/${failed!.id}/retry`)).statusCode).toBe(409);

    // A relay nobody listens on: each attempt fails, the job backs off, the sixth records the failure.
    const closed = await startSink();
    await closed.close();
    await admin.put('/api/v1/admin/email/default-relay', { relay: { host: '127.0.0.1', port: closed.port, security: 'none' } });
    const second = await newTicket('Unreachable');
    await deliver(1);
    for (let i = 0; i < 6; i++) {
      t.clock.advance(61 * 60_000);
      await t.ctx.jobs.drain();
    }
    expect((await messagesOf(second.id))[0]).toMatchObject({ status: 'failed', reason: 'relay_unreachable', attempts: 6, lastError: expect.stringMatching(/ECONNREFUSED/) });
    await useSink();
  });

  it('a mailbox switches a notification kind off; a user switches the email of a kind off', async () => {
    sink.caught.length = 0;
    expect((await admin.put(`/api/v1/admin/mailboxes/${mailbox.id}/notifications`, { items: [{ kind: 'ticket.received', enabled: false }] })).statusCode).toBe(200);
    const { id } = await newTicket('Quiet');
    await deliver();
    expect(mailsTo(requester.email)).toHaveLength(0);
    await admin.put(`/api/v1/admin/mailboxes/${mailbox.id}/notifications`, { items: [{ kind: 'ticket.received', enabled: true }] });

    const other = await makeAgent(t, { roles: ['analyst'], groupIds: [groupId] });
    const otherClient = await signIn(t.app, other.email);
    await otherClient.put('/api/v1/me/notification-settings', { items: [{ kind: 'ticket.customer_replied', channel: 'email', enabled: false }] });
    await t.ctx.db.updateTable('tickets').set({ assignee_agent_id: other.agentId! }).where('id', '=', id).execute();
    await t.ctx.db.updateTable('tickets').set({ owner_agent_id: agent.agentId! }).where('id', '=', id).execute();
    const { appendArticle } = await import('../../tickets/index.ts');
    const { onBehalfOf } = await import('../../../platform/actor.ts');
    await appendArticle(t.ctx, { actor: onBehalfOf('mail', requester.contactId!), ticketId: id, kind: 'reply', body: 'hello again' });
    await deliver();
    // The owner is told by mail; the assignee who switched that mail off only in the bell.
    expect(mailsTo(agent.email).map((c) => c.mail.subject)).toEqual([expect.stringContaining('Customer replied')]);
    expect(mailsTo(other.email)).toHaveLength(0);
    const bell = await t.ctx.db.selectFrom('notifications').select('kind').where('user_id', '=', other.userId).where('ticket_id', '=', id).execute();
    expect(bell.map((b) => b.kind)).toContain('ticket.customer_replied');
  });
});
